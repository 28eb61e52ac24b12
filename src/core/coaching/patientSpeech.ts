import type { TissueType } from '../anatomy/tissues';
import type { NeedleContactEvent } from '../needle/needle';
import { findCase } from '../cases/cases';
import { aspirationWords, intravascularWarning, isNerveWords, patientWordsFor, sonoTinelWords } from '../needle/contactWords';
import type { Message } from '../message';
import { NERVE_TISSUE, hush, silence, speak, type Spoken } from './spoken';

/** Something a session noticed that the trainee is told: a contact, the case's sono-Tinel, blood, injectate carried off. */
export type SessionNotice =
  | { kind: 'contact'; contact: NeedleContactEvent }
  | { kind: 'sono-tinel'; caseId: string }
  | { kind: 'intravascular'; ml: number }
  | { kind: 'aspiration'; blood: boolean };

/** What the patient says, or the syringe shows, for something the session noticed (null: nothing worth saying). */
export function noticeWords(notice: SessionNotice): Message | null {
  switch (notice.kind) {
    case 'contact':
      return patientWordsFor(notice.contact);
    case 'sono-tinel': {
      const words = findCase(notice.caseId)?.symptomsOnCompression;
      return words ? sonoTinelWords(words) : null;
    }
    case 'intravascular':
      return intravascularWarning(notice.ml);
    case 'aspiration':
      return aspirationWords(notice.blood);
  }
}

/**
 * The patient's words (and the syringe's notices) after one applied event: the last thing worth
 * saying about it; else words about a nerve clear once the tip is off the nerve (no needle, or the
 * tip in any other tissue); a new case starts silent.
 */
export function patientAfter(spoken: Spoken, event: { kind: string }, notices: readonly SessionNotice[], tissueAtTip: TissueType | null): Spoken {
  if (event.kind === 'case-loaded') return silence;
  const said = notices.map(noticeWords).filter((w): w is Message => w !== null).at(-1);
  if (said) return speak(spoken, said);
  if (spoken.said && isNerveWords(spoken.said) && !(tissueAtTip !== null && NERVE_TISSUE.has(tissueAtTip))) return hush(spoken);
  return spoken;
}
