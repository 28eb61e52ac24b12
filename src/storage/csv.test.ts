import { describe, expect, it } from 'vitest';
import { attemptsCsv, csvField } from './csv';
import { summariseAttempt, type StoredAttempt } from './storedAttempt';
import { finishedRecord, sampleFluid, sampleRecord, sampleResult } from './testSupport';

const stored = (overrides: Partial<StoredAttempt> = {}): StoredAttempt => ({
  record: finishedRecord(),
  result: sampleResult(72.04, ['needle-in-nerve', 'intraneural-injection', 'needle-in-nerve']),
  finishedAt: '2025-03-04T09:31:35.000Z',
  updatedAt: '2025-03-04T09:31:35.000Z',
  fluid: sampleFluid,
  altered: false,
  ...overrides,
});

describe('attemptsCsv', () => {
  it('writes a header and one row per attempt, with CRLF line ends', () => {
    const csv = attemptsCsv([stored(), stored({ record: sampleRecord({ id: 'open' }), result: null, fluid: null, finishedAt: null })]);
    expect(csv.split('\r\n')).toEqual([
      'id,trainee,case,started,mode,total,halo %,spread mm,volume ml,critical events',
      'attempt-1,Dr Ana Silva,normal-teaching-knee,2025-03-04T09:30:00.000Z,assessment,72,78.4,20.4,5.25,needle-in-nerve; intraneural-injection',
      'open,Dr Ana Silva,normal-teaching-knee,2025-03-04T09:30:00.000Z,assessment,,,,,',
      '',
    ]);
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Silva, Ana')).toBe('"Silva, Ana"');
    expect(csvField('Ana "Jo" Silva')).toBe('"Ana ""Jo"" Silva"');
    expect(csvField('Ana\nSilva')).toBe('"Ana\nSilva"');
    const csv = attemptsCsv([stored({ record: finishedRecord({ trainee: 'Silva, "Jo"\r\nB' }) })]);
    expect(csv).toContain(',"Silva, ""Jo""\r\nB",');
  });

  it('keeps a trainee name from running as a spreadsheet formula', () => {
    const csv = attemptsCsv([stored({ record: finishedRecord({ trainee: '=HYPERLINK("http://x","y")' }) })]);
    expect(csv).toContain(`,"'=HYPERLINK(""http://x"",""y"")",`);
  });

  it('gives the same rows from summaries as from stored attempts', () => {
    const attempts = [stored(), stored({ record: sampleRecord({ id: 'b', trainee: 'Bo' }), result: null })];
    expect(attemptsCsv(attempts.map(summariseAttempt))).toBe(attemptsCsv(attempts));
  });
});
