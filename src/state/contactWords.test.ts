import { describe, expect, it } from 'vitest';
import { coachWordsFor, patientWordsFor } from './contactWords';
import { NERVE_NAMES } from '../core/anatomy/namedStructure';

describe('what the patient and the coach say on a nerve contact', () => {
  it('the sural branch zaps the calf skin; the CPN shoots down the leg into the foot', () => {
    const sural = patientWordsFor({ kind: 'nerve-touched', structure: 'lateralSuralCutaneousNerve' });
    const cpn = patientWordsFor({ kind: 'nerve-touched', structure: 'commonPeronealNerve' });
    expect(sural?.en).toMatch(/calf/);
    expect(cpn?.en).toMatch(/foot/);
    expect(sural).not.toEqual(cpn);
    expect(coachWordsFor({ kind: 'nerve-entered', structure: 'lateralSuralCutaneousNerve' })?.en).toMatch(/lateral sural cutaneous nerve.*not the CPN/);
    expect(coachWordsFor({ kind: 'nerve-entered', structure: 'commonPeronealNerve' })?.en).toMatch(/inside the CPN/);
  });

  it('has words in both languages for every nerve, and none for skin or fascia', () => {
    for (const structure of NERVE_NAMES) {
      for (const kind of ['nerve-touched', 'nerve-entered'] as const) {
        for (const said of [patientWordsFor({ kind, structure }), coachWordsFor({ kind, structure })]) {
          expect(said?.en.length, `${kind} ${structure}`).toBeGreaterThan(0);
          expect(said?.zh.replace(/CPN/g, ''), `${kind} ${structure}`).not.toMatch(/[A-Za-z]{3,}/);
        }
      }
    }
    expect(patientWordsFor({ kind: 'skin-punctured', structure: 'skin' })).toBeNull();
    expect(coachWordsFor({ kind: 'bone-struck', structure: 'fibula' })).toBeNull();
  });
});
