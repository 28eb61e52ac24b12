import { describe, expect, it } from 'vitest';
import { SimError } from '../core/simError';
import { toStorageError } from './storageErrors';

describe('toStorageError', () => {
  it('maps quota errors to storage-full and policy or broken-database errors to storage-unavailable', () => {
    const full = toStorageError(new DOMException('no room', 'QuotaExceededError'), 'saved') as SimError;
    expect(full).toMatchObject({ name: 'SimError', code: 'storage-full' });
    expect(full.message).toMatch(/^Attempts cannot be saved: .*full/);
    expect(toStorageError(new DOMException('denied', 'SecurityError'), 'read')).toMatchObject({ code: 'storage-unavailable' });
    expect(toStorageError(new DOMException('closing', 'InvalidStateError'), 'read')).toMatchObject({ code: 'storage-unavailable' });
  });

  it('passes every other error through unchanged', () => {
    const bug = new TypeError('x is undefined');
    expect(toStorageError(bug, 'saved')).toBe(bug);
    const refused = new SimError('invalid-import', 'no');
    expect(toStorageError(refused, 'saved')).toBe(refused);
  });
});
