import { summariseAttempt, type AttemptSummary, type StoredAttempt } from './storedAttempt';

/** The columns, in order, as an instructor's spreadsheet shows them. */
export const ATTEMPTS_CSV_HEADER = [
  'id',
  'trainee',
  'case',
  'started',
  'mode',
  'total',
  'halo %',
  'spread mm',
  'volume ml',
  'critical events',
] as const;

/** RFC 4180 ends records with CRLF; spreadsheets on every platform accept it. */
const CRLF = '\r\n';

/**
 * A spreadsheet treats a cell starting with one of these as a formula; a trainee named
 * `=HYPERLINK(...)` must not run as one on the instructor's machine (OWASP "CSV injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const textField = (value: string): string => csvField(FORMULA_START.test(value) ? `'${value}` : value);

/** Rounded for reading; empty when unknown (an unfinished attempt, or figures not recorded). */
const numberField = (value: number | null | undefined, decimals: number): string =>
  value === null || value === undefined ? '' : String(Number(value.toFixed(decimals)));

function row(summary: AttemptSummary): string[] {
  const { fluid } = summary;
  return [
    textField(summary.id),
    textField(summary.trainee),
    textField(summary.caseId),
    textField(summary.startedAt),
    textField(summary.mode),
    numberField(summary.total, 1),
    numberField(fluid?.haloCoveragePct, 1),
    numberField(fluid ? fluid.spreadProximalMm + fluid.spreadDistalMm : null, 1),
    numberField(fluid?.totalMl, 2),
    textField(summary.criticalEvents.join('; ')),
  ];
}

/** Attempts as CSV: a header row, then one row per attempt in the order given. */
export function attemptsCsv(attempts: readonly (AttemptSummary | StoredAttempt)[]): string {
  const rows = attempts.map((attempt) => row('record' in attempt ? summariseAttempt(attempt) : attempt));
  return [ATTEMPTS_CSV_HEADER.map(csvField), ...rows].map((fields) => fields.join(',') + CRLF).join('');
}
