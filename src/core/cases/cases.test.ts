import { describe, expect, it } from 'vitest';
import { cases, loadCaseLibrary, caseParameters, findCase } from './cases';
import { parameterProblems } from '../anatomy/parameters';
import normal from './library/normal-teaching-knee.json' with { type: 'json' };

describe('the case library', () => {
  it('holds the teaching knee, the nine patients of the series and the variants, each a buildable knee', () => {
    expect(cases.filter((c) => c.kind === 'patient')).toHaveLength(9);
    expect(cases.map((c) => c.id)).toEqual(expect.arrayContaining(['normal-teaching-knee', 'nerve-behind-fibular-head', 'deep-nerve-heavy-leg', 'second-site-groove-entrapment']));
    for (const c of cases) expect(parameterProblems(caseParameters(c, c.side, 1)), c.id).toEqual([]);
  });

  it('keeps the series’ facts: symptoms over three months did poorly', () => {
    for (const c of cases.filter((x) => x.kind === 'patient')) {
      if (c.durationDays! > 90) expect(c.outcome!.sensory, c.id).toBe('none');
    }
    expect(findCase('patient-3')!.anatomy.nerveAreaMm2).toBeGreaterThan(11.5);
  });

  it('refuses a bad case file with a message naming the file and the field', () => {
    expect(() => loadCaseLibrary([{ ...normal, anatomy: { nerveAreaMm2: 80 } }])).toThrow(/normal-teaching-knee.*anatomy\.nerveAreaMm2/);
    expect(() => loadCaseLibrary([{ ...normal, title: { en: 'x' } }])).toThrow(/title\.zh/);
    expect(() => loadCaseLibrary([normal, normal])).toThrow(/Two case files/);
    expect(() => loadCaseLibrary(['not a case'])).toThrow(/#1/);
  });
});
