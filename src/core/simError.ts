/** Codes an automation client (or the UI) can act on. */
export type SimErrorCode = 'invalid-argument' | 'not-ready' | 'off-limb' | 'unknown-case' | 'no-needle' | 'invalid-import';

/** Refused input: nothing was changed. `message` says what to do instead. */
export class SimError extends Error {
  override readonly name = 'SimError';
  constructor(
    readonly code: SimErrorCode,
    message: string,
  ) {
    super(message);
  }
}
