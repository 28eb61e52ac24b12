import type { NeedleContact } from './needle';
import type { StructureName, NerveName } from '../anatomy/namedStructure';
import { message, floorTo, type Message, type WrittenInBoth } from '../message';

/**
 * What the patient says (or the syringe shows) when the needle meets something, and what the
 * guided-practice coach adds when it is a nerve, as message keys (the sentences are in the locale
 * files, both languages). Each nerve has its own territory, so the words tell the trainee which
 * nerve it was before the debrief does: the CPN shoots down the outside of the leg into the foot,
 * the lateral sural cutaneous nerve only zaps the skin of the calf.
 */

type OtherNerve = Exclude<NerveName, 'commonPeronealNerve'>;

const OTHER_NERVES: ReadonlySet<StructureName> = new Set<OtherNerve>(['lateralSuralCutaneousNerve', 'tibialNerve', 'superficialPeronealNerve', 'deepPeronealNerve']);
const isOtherNerve = (s: StructureName): s is OtherNerve => OTHER_NERVES.has(s);

type Contact = { kind: NeedleContact; structure: StructureName };
const onNerve = (contact: Contact) => contact.kind === 'nerve-touched' || contact.kind === 'nerve-entered';

/** The words for one contact, or null where the patient feels nothing worth saying (skin, fascia). */
export function patientWordsFor(contact: Contact): Message | null {
  if (onNerve(contact)) {
    if (isOtherNerve(contact.structure)) return message(`patient.otherNerve.${contact.structure}`);
    return message(contact.kind === 'nerve-touched' ? 'patient.cpn.touched' : 'patient.cpn.entered');
  }
  if (contact.kind === 'vessel-punctured') return message('patient.vessel-punctured');
  if (contact.kind === 'bone-struck') return message('patient.bone-struck');
  return null;
}

/** The coach's word on a nerve contact (which nerve, what to do), or null for any other contact. */
export function coachWordsFor(contact: Contact): Message | null {
  if (!onNerve(contact)) return null;
  if (isOtherNerve(contact.structure)) return message(`coach.otherNerve.${contact.structure}`);
  return message(contact.kind === 'nerve-touched' ? 'coach.cpn.touched' : 'coach.cpn.entered');
}

/** Words about a nerve the needle met (any nerve's patient's words or the coach's on it): they clear once the tip is off the nerve. */
export const isNerveWords = (said: Message): boolean => /^(patient|coach)\.(cpn|otherNerve)\./.test(said.key);

/** A case's patient pressed on the entrapment: the case's own words (written in both languages in the case file). */
export const sonoTinelWords = (words: WrittenInBoth): Message => message('patient.sonoTinel', { words });

/** Injectate carried off by the blood (ml, one decimal as the syringe reads). */
export const intravascularWarning = (ml: number): Message => message('syringe.notice.intravascular', { ml: floorTo(ml, 1) });

/** What pulling back on the plunger shows. */
export const aspirationWords = (blood: boolean): Message => message(blood ? 'syringe.notice.blood' : 'syringe.notice.noBlood');
