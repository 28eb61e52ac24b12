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
  /** The browser refused to store more (quota): free space by exporting and removing attempts. */
  | 'storage-full'
  /** IndexedDB cannot be opened or used here (private mode, blocked by another tab, policy). */
  | 'storage-unavailable';

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
