import { SimError, errorMessage } from '../core/simError';
import type { Message } from '../core/message';
import { say } from '../i18n/message';

/** A message shown to the trainee (the patient's words, the coach, a refusal), in both UI languages. */
export interface Said {
  en: string;
  zh: string;
}

/** A message that exists in English only (an error's own text): shown as is in both languages. */
export const untranslated = (text: string): Said => ({ en: text, zh: text });

/** A message from core in both UI languages at once, for a notice kept while the language may change. */
export const inBothLanguages = (said: Message): Said => ({ en: say(said, 'en'), zh: say(said, 'zh') });

/**
 * What a refused action says to the trainee, in both languages: a SimError's message (its key and
 * values, worded by the locale files); anything else by its own text, marked as refused.
 */
export const errorSaid = (e: unknown): Said => inBothLanguages(errorMessage(e));

/** A storage failure as the notices show it; a full disk also offers to export everything. */
export const storageProblemOf = (e: unknown): { storageProblem: Said; storageFull: boolean } => ({
  storageProblem: errorSaid(e),
  storageFull: e instanceof SimError && e.code === 'storage-full',
});
