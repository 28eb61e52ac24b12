import { z } from 'zod';
import { SESSION_SCHEMA_VERSION, type SessionRecord } from '../core/attempt/events';
import type { FluidMeasures } from '../core/fluid/measures';
import type { AttemptResult } from '../core/scoring/result';
import { SimError } from '../core/simError';
import { jsonFingerprint, sameJsonData } from './canonicalJson';
import { attemptResultSchema, sessionRecordSchema } from './sessionSchema';
import type { AttemptDraft, StoredAttempt } from './storedAttempt';

export const ATTEMPTS_FILE_FORMAT = 'cpn-hydrodissection-attempts';
/** The attempts file version this app writes and reads; it follows the session record's. */
export const ATTEMPTS_FILE_SCHEMA_VERSION = SESSION_SCHEMA_VERSION;
/** Score differences below this are floating-point noise between engines, not a doctored file. */
const POINTS_TOLERANCE = 1e-6;

/** One attempt as it travels in a file. Its score is carried but never trusted (see importAttempts). */
export interface ExchangedAttempt {
  record: SessionRecord;
  result: AttemptResult | null;
}

/** The one file format, for one attempt or many. */
export interface AttemptsFile {
  format: typeof ATTEMPTS_FILE_FORMAT;
  schemaVersion: typeof ATTEMPTS_FILE_SCHEMA_VERSION;
  exportedAt: string;
  attempts: ExchangedAttempt[];
}

const attemptsFileSchema = z.object({
  format: z.literal(ATTEMPTS_FILE_FORMAT),
  schemaVersion: z.literal(ATTEMPTS_FILE_SCHEMA_VERSION),
  exportedAt: z.iso.datetime({ offset: true }),
  attempts: z.array(z.object({ record: sessionRecordSchema, result: attemptResultSchema.nullable() })),
});

/** `exportedAt` comes in (ISO 8601) so that the same attempts always export to the same text. */
export function exportAttempts(stored: readonly Pick<StoredAttempt, 'record' | 'result'>[], exportedAt: string): string {
  const file: AttemptsFile = {
    format: ATTEMPTS_FILE_FORMAT,
    schemaVersion: ATTEMPTS_FILE_SCHEMA_VERSION,
    exportedAt,
    attempts: stored.map(({ record, result }) => ({ record, result })),
  };
  // Compact: event logs are long, and the file is for the trainer to read, not for people.
  return JSON.stringify(file);
}

const refuse = (why: string): SimError => new SimError('invalid-import', `${why} Nothing was imported.`);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** `attempts[0].record.events[3].pose.centre.x`, from a zod issue path. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    '',
  );
}

/** The newest schema version the file claims, at the top or in any record. */
function newestSchemaVersion(file: Record<string, unknown>): number | null {
  const versions = [file.schemaVersion];
  if (Array.isArray(file.attempts)) {
    for (const attempt of file.attempts) {
      if (isObject(attempt) && isObject(attempt.record)) versions.push(attempt.record.schemaVersion);
    }
  }
  const numbers = versions.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return numbers.length > 0 ? Math.max(...numbers) : null;
}

/**
 * Reads an attempts file, or refuses it with SimError 'invalid-import' saying what is wrong: not
 * JSON, another program's file, a newer version than this app reads, or the first invalid field.
 */
export function parseImport(json: string): { attempts: ExchangedAttempt[] } {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    const detail = error instanceof Error ? ` (${error.message})` : '';
    throw refuse(`This file is not JSON${detail}: choose a file exported from the trainer's attempts list.`);
  }
  if (!isObject(data) || data.format !== ATTEMPTS_FILE_FORMAT) {
    const found = isObject(data) && typeof data.format === 'string' ? `"${data.format}"` : 'no format';
    throw refuse(
      `This is not a trainer attempts file: it has ${found} where "format": "${ATTEMPTS_FILE_FORMAT}" was expected.`,
    );
  }
  const newest = newestSchemaVersion(data);
  if (newest !== null && newest > ATTEMPTS_FILE_SCHEMA_VERSION) {
    throw refuse(
      `This file was written by a newer version of the trainer (schema version ${newest}); this app reads ` +
        `version ${ATTEMPTS_FILE_SCHEMA_VERSION}. Update the trainer, then import it again.`,
    );
  }
  const parsed = attemptsFileSchema.safeParse(data);
  if (!parsed.success) {
    const [first, ...others] = parsed.error.issues;
    const more = others.length > 0 ? ` (and ${others.length} more problem${others.length > 1 ? 's' : ''})` : '';
    throw refuse(`This attempts file is damaged at ${fieldPath(first.path) || 'the top level'}: ${first.message}${more}.`);
  }
  return { attempts: parsed.data.attempts };
}

/** What rescoring gives back: the result alone, or with the final fluid figures for the CSV. */
export interface RescoredAttempt {
  result: AttemptResult;
  fluid: FluidMeasures | null;
}
/** Replays a record through the simulation and scores it, as the live app would. */
export type Rescore = (record: SessionRecord) => Promise<AttemptResult | RescoredAttempt>;

/** The part of AttemptStore that import needs (a fake in tests, the real store in the app). */
export interface AttemptImportTarget {
  get(id: string): Promise<StoredAttempt | undefined>;
  putAll(drafts: readonly AttemptDraft[]): Promise<void>;
}

export interface ImportReport {
  /** Ids as stored (see `placeRecord` for when one differs from the file's). */
  imported: string[];
  /** Ids already stored with identical events: not stored again. */
  duplicates: string[];
  /** Imported ids whose score in the file did not match their events. */
  altered: string[];
}

/**
 * Imports an attempts file. All of it is parsed and rescored before anything is written, and it is
 * written in one transaction, so a bad file or a failing rescore leaves the store as it was. Scores
 * are recomputed from the events: a file's score is a claim, the events are the evidence.
 */
export async function importAttempts(store: AttemptImportTarget, json: string, rescore: Rescore): Promise<ImportReport> {
  const { attempts } = parseImport(json);
  const report: ImportReport = { imported: [], duplicates: [], altered: [] };
  const drafts: AttemptDraft[] = [];
  const planned = new Map<string, SessionRecord>();
  for (const attempt of attempts) {
    const placed = await placeRecord(store, planned, attempt.record);
    if (placed.duplicateOf !== undefined) {
      report.duplicates.push(placed.duplicateOf);
      continue;
    }
    const { record } = placed;
    planned.set(record.id, record);
    const finished = attempt.result !== null || record.events.some((event) => event.kind === 'finished');
    let result: AttemptResult | null = null;
    let fluid: FluidMeasures | null = null;
    if (finished) {
      const rescored = await rescore(record);
      ({ result, fluid } = 'result' in rescored ? rescored : { result: rescored, fluid: null });
    }
    const altered = attempt.result !== null && result !== null && scoreDiffers(attempt.result, result);
    drafts.push({ record, result, fluid, altered });
    report.imported.push(record.id);
    if (altered) report.altered.push(record.id);
  }
  if (drafts.length > 0) await store.putAll(drafts);
  return report;
}

/**
 * Where a record goes. Same id and same events: a duplicate. Same id but other events (an attempt
 * exported part-way and continued, or ids that collided): kept beside the local one under an id
 * derived from its events, so nothing local is overwritten and importing the file again still
 * finds the duplicate.
 */
async function placeRecord(
  store: AttemptImportTarget,
  planned: ReadonlyMap<string, SessionRecord>,
  record: SessionRecord,
): Promise<{ record: SessionRecord; duplicateOf?: undefined } | { duplicateOf: string }> {
  const holding = async (id: string) => planned.get(id) ?? (await store.get(id))?.record;
  const local = await holding(record.id);
  if (!local) return { record };
  if (sameJsonData(local.events, record.events)) return { duplicateOf: record.id };
  const derived: SessionRecord = { ...record, id: `${record.id}-${jsonFingerprint(record.events)}` };
  const previousImport = await holding(derived.id);
  if (!previousImport) return { record: derived };
  if (sameJsonData(previousImport.events, derived.events)) return { duplicateOf: derived.id };
  throw refuse(`Attempt ${record.id} clashes with two stored attempts of the same id; remove one of them first.`);
}

const differs = (a: number, b: number): boolean => Math.abs(a - b) > POINTS_TOLERANCE;

/** The file's total or any item's points differ from the recomputed score. */
function scoreDiffers(claimed: AttemptResult, recomputed: AttemptResult): boolean {
  if (differs(claimed.total, recomputed.total) || differs(claimed.itemPoints, recomputed.itemPoints)) return true;
  if (claimed.items.length !== recomputed.items.length) return true;
  const recomputedPoints = new Map(recomputed.items.map((item) => [item.id, item.points]));
  return claimed.items.some((item) => {
    const points = recomputedPoints.get(item.id);
    return points === undefined || differs(item.points, points);
  });
}
