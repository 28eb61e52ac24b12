import { describe, expect, it } from 'vitest';
import { SimError } from '../core/simError';
import { say } from '../i18n/message';
import { IMPORT_LIMITS } from '../storage/importLimits';
import { importAttemptFile } from './attemptImport';

describe('importAttemptFile', () => {
  it('refuses a file over the limit before reading it, in words both languages have (a key, not English text)', async () => {
    let read = false;
    const file = { size: IMPORT_LIMITS.fileBytes + 1, text: async () => ((read = true), '') } as unknown as File;
    const refused = await importAttemptFile(file).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(SimError);
    const said = (refused as SimError).said;
    expect(said.key).toBe('error.import.tooLarge');
    expect(say(said, 'zh')).toMatch(/MB/);
    expect(say(said, 'zh')).not.toBe(say(said, 'en'));
    expect(read).toBe(false);
  });
});
