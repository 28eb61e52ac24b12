import { SimError } from '../core/simError';

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
export function storageSimError(code: 'storage-full' | 'storage-unavailable', message: string, cause?: unknown): SimError {
  const error = new SimError(code, message);
  if (cause !== undefined) error.cause = cause;
  return error;
}

export const storageUnavailableMessage = (what: string): string =>
  `Attempts cannot be ${what}: this browser is not letting the trainer use its storage (IndexedDB). ` +
  'Leave private browsing, allow site data for this page, or close other tabs of the trainer and reload.';

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
      `Attempts cannot be ${what}: the browser's storage for this site is full. Export the attempts you want to keep ` +
        '(attempts list → Export), remove old ones, or free disk space, then try again.',
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
