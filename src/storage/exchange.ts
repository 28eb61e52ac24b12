import { z } from '../core/zod';
import { SESSION_SCHEMA_VERSION, type SessionRecord } from '../core/attempt/events';
import type { FluidMeasures } from '../core/fluid/measures';
import type { AttemptResult } from '../core/scoring/result';
import { SimError } from '../core/simError';
import { message, type Message } from '../core/message';
import { inEnglish } from '../i18n/message';
import { findCase } from '../core/cases/cases';
import { IMPORT_LIMITS } from './importLimits';
import { attemptResultSchema, sessionRecordSchema } from './sessionSchema';
import type { AttemptDraft, StoredAttempt } from './storedAttempt';
import type { Placement, StoredLookup } from './attemptStore';
import { canonicalJson, jsonFingerprint } from './canonicalJson';

export const ATTEMPTS_FILE_FORMAT = 'cpn-hydrodissection-attempts';
/** The attempts file version this app writes and reads; it follows the session record's. */
export const ATTEMPTS_FILE_SCHEMA_VERSION = SESSION_SCHEMA_VERSION;
/** Score differences below this are floating-point noise between engines, not a doctored file. */
const POINTS_TOLERANCE = 1e-6;

/** One attempt as it travels in a file. Its score is carried but never trusted (see importAttempts). */
export interface ExchangedAttempt {
  record: SessionRecord;
  result: AttemptResult | null;
  /** The automation API drove this attempt (absent when it did not). */
  scripted?: boolean;
  /** This browser found the score this attempt arrived with did not match its events: the mark travels on. */
  altered?: boolean;
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
  attempts: z.array(
    z.object({ record: sessionRecordSchema, result: attemptResultSchema.nullable(), scripted: z.boolean().optional(), altered: z.boolean().optional() }),
  ),
});

/** `exportedAt` comes in (ISO 8601) so that the same attempts always export to the same text. */
export function exportAttempts(stored: readonly Pick<StoredAttempt, 'record' | 'result' | 'scripted' | 'altered'>[], exportedAt: string): string {
  const file: AttemptsFile = {
    format: ATTEMPTS_FILE_FORMAT,
    schemaVersion: ATTEMPTS_FILE_SCHEMA_VERSION,
    exportedAt,
    attempts: stored.map(({ record, result, scripted, altered }) => ({ record, result, ...(scripted ? { scripted: true } : {}), ...(altered ? { altered: true } : {}) })),
  };
  // Compact: event logs are long, and the file is for the trainer to read, not for people.
  return JSON.stringify(file);
}

const refuse = (why: Message): SimError => inEnglish(new SimError('invalid-import', message('error.import.refused', { why })));

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
export function parseImport(json: string, nowMs: number = Date.now()): { attempts: ExchangedAttempt[] } {
  if (typeof json !== 'string') throw refuse(message('error.import.notText'));
  if (json.length > IMPORT_LIMITS.fileBytes) {
    throw refuse(message('error.import.tooLarge', { mb: Math.round(IMPORT_LIMITS.fileBytes / (1024 * 1024)) }));
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw refuse(message('error.import.notJson', { detail: error instanceof Error ? error.message : String(error) }));
  }
  if (!isObject(data) || data.format !== ATTEMPTS_FILE_FORMAT) {
    const found = isObject(data) && typeof data.format === 'string' ? `"${data.format}"` : 'no format';
    throw refuse(message('error.import.notOurs', { found, format: ATTEMPTS_FILE_FORMAT }));
  }
  const newest = newestSchemaVersion(data);
  if (newest !== null && newest > ATTEMPTS_FILE_SCHEMA_VERSION) {
    throw refuse(message('error.import.newer', { found: newest, reads: ATTEMPTS_FILE_SCHEMA_VERSION }));
  }
  if (Array.isArray(data.attempts) && data.attempts.length > IMPORT_LIMITS.attemptsPerFile) {
    throw refuse(message('error.import.tooMany', { count: data.attempts.length, max: IMPORT_LIMITS.attemptsPerFile }));
  }
  const parsed = attemptsFileSchema.safeParse(data);
  if (!parsed.success) {
    const [first, ...others] = parsed.error.issues;
    throw refuse(message('error.import.damaged', { path: fieldPath(first.path) || '/', detail: first.message, others: others.length + 1 }));
  }
  parsed.data.attempts.forEach((attempt, index) => checkAttempt(attempt.record, `attempts[${index}]`, nowMs));
  return { attempts: parsed.data.attempts };
}

/** What the schema cannot see alone: the case exists and is the one loaded, and nothing is in the future. */
function checkAttempt(record: SessionRecord, where: string, nowMs: number): void {
  if (!findCase(record.caseId)) {
    throw refuse(message('error.import.unknownCase', { where, id: record.id, caseId: record.caseId }));
  }
  const loaded = record.events.find((event) => event.kind === 'case-loaded');
  if (loaded && (loaded.caseId !== record.caseId || loaded.seed !== record.seed)) {
    throw refuse(message('error.import.caseMismatch', { where, id: record.id, caseId: record.caseId, seed: record.seed, loadedCaseId: loaded.caseId, loadedSeed: loaded.seed }));
  }
  const unknownCase = record.events.find((event) => event.kind === 'case-loaded' && !findCase(event.caseId));
  if (unknownCase?.kind === 'case-loaded') throw refuse(message('error.import.unknownCase', { where, id: record.id, caseId: unknownCase.caseId }));
  const latestMs = Math.max(0, ...record.events.map((event) => event.tMs));
  if (Date.parse(record.startedAt) + latestMs > nowMs + IMPORT_LIMITS.clockSkewMs) {
    throw refuse(message('error.import.future', { where, id: record.id, startedAt: record.startedAt }));
  }
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
  importAll(drafts: readonly AttemptDraft[], place: (draft: AttemptDraft, lookup: StoredLookup) => Promise<Placement>): Promise<Placement[]>;
}

export interface ImportReport {
  /** Ids as stored (see `placeAttempt` for when one differs from the file's). */
  imported: string[];
  /** Ids already stored with identical content: not stored again. */
  duplicates: string[];
  /** Imported ids whose score in the file did not match their events. */
  altered: string[];
  /** Attempts kept under a new id because a different attempt here already had the file's id. */
  renamed: { from: string; to: string }[];
}

/** How far an import has got, for a progress line. */
export interface ImportProgress {
  stage: 'reading' | 'rescoring' | 'writing';
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Parses the file (off the main thread in the app); `parseImport` by default. */
  parse?: (json: string) => Promise<{ attempts: ExchangedAttempt[] }>;
  onProgress?: (progress: ImportProgress) => void;
  /** The import's time, for `imported.at`. */
  now?: () => Date;
}

/**
 * Imports an attempts file. All of it is parsed and rescored before anything is written; then every
 * attempt is placed and written inside one read-write transaction, so a bad file, a failing rescore
 * or a failing write leaves the store exactly as it was, and two imports at once cannot both claim
 * an id. Scores are recomputed from the events: a file's score is a claim, the events the evidence.
 */
export async function importAttempts(store: AttemptImportTarget, json: string, rescore: Rescore, options: ImportOptions = {}): Promise<ImportReport> {
  const progress = options.onProgress ?? (() => undefined);
  progress({ stage: 'reading', done: 0, total: 1 });
  const { attempts } = options.parse ? await options.parse(json) : parseImport(json);
  const importedAt = (options.now ?? (() => new Date()))().toISOString();
  const drafts: AttemptDraft[] = [];
  const claimed = new Map<AttemptDraft, AttemptResult | null>();
  for (const [index, attempt] of attempts.entries()) {
    progress({ stage: 'rescoring', done: index, total: attempts.length });
    const { record } = attempt;
    const draft: AttemptDraft = { record, result: null, fluid: null, altered: false, imported: { at: importedAt, renamedFrom: null } };
    if (attempt.scripted) draft.scripted = true;
    // An altered mark is never lost on the way through another browser's export.
    if (attempt.altered) draft.altered = true;
    drafts.push(draft);
    claimed.set(draft, attempt.result);
    // Rescoring is the slow part; an attempt already stored exactly as in the file needs none (the
    // write below checks again, inside its transaction).
    const local = await store.get(record.id);
    if (local && sameAttempt(local, draft)) continue;
    const finished = attempt.result !== null || record.events.some((event) => event.kind === 'finished');
    if (!finished) continue;
    const rescored = await rescore(record);
    ({ result: draft.result, fluid: draft.fluid } = 'result' in rescored ? rescored : { result: rescored, fluid: null });
    draft.altered = draft.altered || (attempt.result !== null && scoreDiffers(attempt.result, draft.result));
  }
  progress({ stage: 'writing', done: 0, total: drafts.length });
  const placements = drafts.length > 0 ? await store.importAll(drafts, placeAttempt) : [];
  const report: ImportReport = { imported: [], duplicates: [], altered: [], renamed: [] };
  placements.forEach((placement, index) => {
    if ('duplicateOf' in placement) {
      report.duplicates.push(placement.duplicateOf);
      return;
    }
    const stored = placement.store;
    report.imported.push(stored.record.id);
    if (stored.altered) report.altered.push(stored.record.id);
    if (stored.imported?.renamedFrom) report.renamed.push({ from: stored.imported.renamedFrom, to: stored.record.id });
    void index;
  });
  progress({ stage: 'writing', done: drafts.length, total: drafts.length });
  return report;
}

/**
 * What is the same attempt: the whole record (events, trainee, mode, answers) and whether it was
 * scripted. A different trainee name on the same events is different content, kept, not dropped.
 */
const sameAttempt = (stored: Pick<StoredAttempt, 'record' | 'scripted'>, draft: AttemptDraft): boolean =>
  (stored.scripted ?? false) === (draft.scripted ?? false) && canonicalJson(stored.record) === canonicalJson(draft.record);

/**
 * Where an attempt goes, decided inside the import's transaction. Same id and same content: a
 * duplicate. Same id, other content (an attempt exported part-way and continued, edited details, ids
 * that collided): kept beside the local one under an id derived from its content, with a note of the
 * id it came with, so nothing here is overwritten and importing the file again finds the duplicate.
 */
export async function placeAttempt(draft: AttemptDraft, lookup: StoredLookup): Promise<Placement> {
  const local = await lookup(draft.record.id);
  if (!local) return checkedScored(draft);
  if (sameAttempt(local, draft)) return { duplicateOf: draft.record.id };
  const newId = `${draft.record.id}-${jsonFingerprint({ record: draft.record, scripted: draft.scripted ?? false })}`;
  const renamed: AttemptDraft = {
    ...draft,
    record: { ...draft.record, id: newId },
    imported: { at: draft.imported?.at ?? new Date().toISOString(), renamedFrom: draft.record.id },
  };
  const previousImport = await lookup(newId);
  if (!previousImport) return checkedScored(renamed);
  if (sameAttempt(previousImport, renamed)) return { duplicateOf: newId };
  throw refuse(message('error.import.clash', { id: draft.record.id }));
}

/** A finished attempt skipped by rescoring (it was stored) but gone by the time of writing. */
function checkedScored(draft: AttemptDraft): Placement {
  const finished = draft.record.events.some((event) => event.kind === 'finished');
  if (finished && draft.result === null) {
    throw refuse(message('error.import.changed', { id: draft.record.id }));
  }
  return { store: draft };
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
