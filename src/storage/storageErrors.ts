import { SimError } from '../core/simError';
import { message, type Message } from '../core/message';
import { inEnglish } from '../i18n/message';

/** DOMException names for "no room": the standard one, and old Firefox's. */
const QUOTA_ERROR_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);
/**
 * Names that mean the database cannot be used at all: SecurityError (storage blocked by policy or a
 * sandboxed frame), InvalidStateError (connection closed: another tab upgraded the database, or the
 * browser shut it down), UnknownError (Safari/Chrome when the backing store is broken or private).
 */
const UNAVAILABLE_ERROR_NAMES = new Set(['SecurityError', 'InvalidStateError', 'UnknownError']);

const errorName = (error: unknown): string | null =>
  typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string' ? error.name : null;

/** A SimError that keeps the browser's own error as `cause`, for whoever debugs it. */
export function storageSimError(code: 'storage-full' | 'storage-unavailable', said: Message | string, cause?: unknown): SimError {
  const error = inEnglish(new SimError(code, said));
  if (cause !== undefined) error.cause = cause;
  return error;
}

const ACTIONS = ['saved', 'read', 'listed', 'removed', 'imported', 'opened'] as const;
/** What could not be done to the attempts, as a word of the sentence in the UI's language. */
const action = (what: string): Message | string => {
  const known = ACTIONS.find((a) => a === what);
  return known ? message(`error.storage.action.${known}`) : what;
};

export const storageUnavailableMessage = (what: string): Message => message('error.storage.unavailable', { what: action(what) });

/**
 * Turns a browser storage failure into the SimError a person can act on; anything else is returned
 * unchanged so the caller rethrows it as it was (never swallowed, never disguised).
 */
export function toStorageError(error: unknown, what: string): unknown {
  if (error instanceof SimError) return error;
  const name = errorName(error);
  if (name !== null && QUOTA_ERROR_NAMES.has(name)) {
    return storageSimError(
      'storage-full',
      message('error.storage.full', { what: action(what) }),
      error,
    );
  }
  if (name !== null && UNAVAILABLE_ERROR_NAMES.has(name)) {
    return storageSimError('storage-unavailable', storageUnavailableMessage(what), error);
  }
  return error;
}

/** Runs a storage operation, rethrowing its failure as `toStorageError` maps it. */
export async function mappingStorageErrors<T>(what: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toStorageError(error, what);
  }
}
