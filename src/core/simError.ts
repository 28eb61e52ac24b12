import type { Message } from './message';

/** Codes an automation client (or the UI) can act on. */
export type SimErrorCode =
  | 'invalid-argument'
  | 'not-ready'
  | 'off-limb'
  | 'unknown-case'
  | 'no-needle'
  | 'invalid-import'
  /** A stored attempt is being replayed: its record cannot be changed; close the replay first. */
  | 'replaying'
  /** The live attempt was taken over by another tab: this tab no longer adds to it. */
  | 'handed-over'
  /** The browser refused to store more (quota): free space by exporting and removing attempts. */
  | 'storage-full'
  /** IndexedDB cannot be opened or used here (private mode, blocked by another tab, policy). */
  | 'storage-unavailable';

/**
 * Refused input: nothing was changed. `said` says what to do instead, as a message key and values
 * the UI shows in its language (the automation API puts its English in `message`). A plain string is a
 * sentence not yet given a key: it reads as it is, in English, in both languages.
 */
export class SimError extends Error {
  override readonly name = 'SimError';
  readonly said: Message;
  constructor(
    readonly code: SimErrorCode,
    said: Message | string,
  ) {
    super(typeof said === 'string' ? said : `${said.key} ${JSON.stringify(said.values)}`);
    this.said = typeof said === 'string' ? { key: 'text.verbatim', values: { text: said } } : said;
  }
}

/**
 * What a refused or failed action says to the trainee: a SimError's own message; anything else
 * (a bug, a browser failure) by its text, marked as refused.
 */
export function errorMessage(error: unknown): Message {
  if (error instanceof SimError) return error.said;
  return { key: 'error.unexpected', values: { text: error instanceof Error ? error.message : String(error) } };
}
