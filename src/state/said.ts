/** A message shown to the trainee (the patient's words, the coach, a refusal), in both UI languages. */
export interface Said {
  en: string;
  zh: string;
}

/** A message that exists in English only (an error's own text): shown as is in both languages. */
export const untranslated = (text: string): Said => ({ en: text, zh: text });

export const errorSaid = (e: unknown): Said => untranslated(e instanceof Error ? e.message : String(e));
