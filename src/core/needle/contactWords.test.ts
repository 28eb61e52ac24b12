import { describe, expect, it } from 'vitest';
import { aspirationWords, coachWordsFor, intravascularWarning, isNerveWords, patientWordsFor, sonoTinelWords } from './contactWords';
import { NERVE_NAMES } from '../anatomy/namedStructure';
import { MESSAGE_PLACEHOLDERS } from '../message';
import { say } from '../../i18n/message';

describe('what the patient and the coach say on a nerve contact', () => {
  it('the sural branch zaps the calf skin; the CPN shoots down the leg into the foot', () => {
    const sural = patientWordsFor({ kind: 'nerve-touched', structure: 'lateralSuralCutaneousNerve' });
    const cpn = patientWordsFor({ kind: 'nerve-touched', structure: 'commonPeronealNerve' });
    expect(sural && say(sural, 'en')).toMatch(/calf/);
    expect(cpn && say(cpn, 'en')).toMatch(/foot/);
    expect(sural?.key).not.toBe(cpn?.key);
    const suralCoach = coachWordsFor({ kind: 'nerve-entered', structure: 'lateralSuralCutaneousNerve' });
    const cpnCoach = coachWordsFor({ kind: 'nerve-entered', structure: 'commonPeronealNerve' });
    expect(suralCoach && say(suralCoach, 'en')).toMatch(/lateral sural cutaneous nerve.*not the CPN/);
    expect(cpnCoach && say(cpnCoach, 'en')).toMatch(/inside the CPN/);
  });

  it('has words in both languages for every nerve, and none for skin or fascia', () => {
    for (const structure of NERVE_NAMES) {
      for (const kind of ['nerve-touched', 'nerve-entered'] as const) {
        for (const said of [patientWordsFor({ kind, structure }), coachWordsFor({ kind, structure })]) {
          expect(said, `${kind} ${structure}`).not.toBeNull();
          expect(said!.key in MESSAGE_PLACEHOLDERS, said!.key).toBe(true);
          expect(isNerveWords(said!), said!.key).toBe(true);
          // A key the locale files lack would read as the key itself.
          expect(say(said!, 'en'), `${kind} ${structure}`).not.toBe(said!.key);
          expect(say(said!, 'zh').replace(/CPN/g, ''), `${kind} ${structure}`).not.toMatch(/[A-Za-z]{3,}/);
        }
      }
    }
    expect(patientWordsFor({ kind: 'skin-punctured', structure: 'skin' })).toBeNull();
    expect(coachWordsFor({ kind: 'bone-struck', structure: 'fibula' })).toBeNull();
    const bone = patientWordsFor({ kind: 'bone-struck', structure: 'fibula' });
    expect(bone && say(bone, 'en')).toMatch(/bone/);
    expect(bone && isNerveWords(bone)).toBe(false);
  });

  it('the syringe and the case speak with their figures and words in the reader’s language', () => {
    const warning = intravascularWarning(1.26);
    expect(warning.values).toEqual({ ml: 1.2 });
    expect(say(warning, 'en')).toBe('INTRAVASCULAR: 1.2 ml went into a vessel and away with the blood. Stop, withdraw and aspirate.');
    expect(say(warning, 'zh')).toMatch(/^血管内注射：1\.2 ml/);
    expect(say(aspirationWords(true), 'en')).toMatch(/Blood/);
    expect(say(aspirationWords(false), 'zh')).toBe('回抽：无回血。');
    const words = sonoTinelWords({ en: '“That’s the spot.”', zh: '“就是这里。”' });
    expect(say(words, 'en')).toBe('“That’s the spot.”');
    expect(say(words, 'zh')).toBe('“就是这里。”');
  });
});
