import { describe, it, expect } from 'vitest';
import { noticeWords, patientAfter, type SessionNotice } from './patientSpeech';
import { silence } from './spoken';
import { cases } from '../cases/cases';

const contact = (kind: 'nerve-touched' | 'skin-punctured' | 'bone-struck', structure: 'commonPeronealNerve' | 'skin' | 'fibula'): SessionNotice => ({ kind: 'contact', contact: { kind, structure, at: { x: 0, y: 0, z: 0 }, insertedMm: 5 } });

describe('what the patient says after an event (the session decides; the store mirrors)', () => {
  it('words a notice from its key: contacts, the case’s own sono-Tinel words, the syringe', () => {
    expect(noticeWords(contact('nerve-touched', 'commonPeronealNerve'))?.key).toBe('patient.cpn.touched');
    expect(noticeWords(contact('skin-punctured', 'skin'))).toBeNull();
    const withTinel = cases.find((c) => c.symptomsOnCompression);
    expect(withTinel).toBeDefined();
    expect(noticeWords({ kind: 'sono-tinel', caseId: withTinel!.id })).toEqual({ key: 'patient.sonoTinel', values: { words: withTinel!.symptomsOnCompression } });
    expect(noticeWords({ kind: 'sono-tinel', caseId: 'no-such-case' })).toBeNull();
    expect(noticeWords({ kind: 'aspiration', blood: true })?.key).toBe('syringe.notice.blood');
    expect(noticeWords({ kind: 'intravascular', ml: 0.56 })).toEqual({ key: 'syringe.notice.intravascular', values: { ml: 0.5 } });
  });

  it('the last thing worth saying is said; nerve words stand while the tip is on the nerve and clear once it is off', () => {
    const step = { kind: 'needle-advanced' };
    const touched = patientAfter(silence, step, [contact('skin-punctured', 'skin'), contact('nerve-touched', 'commonPeronealNerve')], 'epineurium');
    expect(touched).toEqual({ said: { key: 'patient.cpn.touched', values: {} }, turn: 1 });
    expect(patientAfter(touched, step, [], 'nerve')).toBe(touched);
    expect(patientAfter(touched, step, [], 'fat')).toEqual({ said: null, turn: 2 });
    expect(patientAfter(touched, step, [], null)).toEqual({ said: null, turn: 2 });
    // Other words are not about the nerve: they stay when the tip moves on.
    const bone = patientAfter(touched, step, [contact('bone-struck', 'fibula')], 'bone');
    expect(bone.said?.key).toBe('patient.bone-struck');
    expect(patientAfter(bone, step, [], 'fat')).toBe(bone);
    expect(patientAfter(bone, { kind: 'case-loaded' }, [], null)).toBe(silence);
  });
});
