import type { AttemptMode, SessionRecord } from '../core/attempt/events';
import type { FluidMeasures } from '../core/fluid/measures';
import type { AttemptResult, SafetyEventKind } from '../core/scoring/result';

/** One attempt as kept in IndexedDB. */
export interface StoredAttempt {
  record: SessionRecord;
  /** Null while the attempt goes on (or if it was left unfinished). */
  result: AttemptResult | null;
  /** ISO 8601 time the attempt finished; null while unfinished. */
  finishedAt: string | null;
  /** ISO 8601 time of the last write, by the store's clock. */
  updatedAt: string;
  /**
   * The final fluid figures (halo, spread, volume) the debrief and the CSV show. They come from the
   * simulated end state, not from the score, so they are kept beside it; null when not known.
   */
  fluid: FluidMeasures | null;
  /** Set on import when the file's score differed from the one recomputed from its events. */
  altered?: boolean;
  /** The automation API (window.sim) moved the probe, needle or syringe in this attempt. */
  scripted?: boolean;
  /** Came from a file: never offered for resume. */
  imported?: AttemptImport;
}

export interface AttemptImport {
  /** ISO 8601 time of the import. */
  at: string;
  /**
   * The id the file gave it, when another attempt with different content already had that id here:
   * it is then kept beside that one under a new id, never over it.
   */
  renamedFrom: string | null;
}

/** What a write supplies; the store stamps `finishedAt` and `updatedAt` itself. */
export type AttemptDraft = Omit<StoredAttempt, 'finishedAt' | 'updatedAt'>;

/** One line of the attempts list: small, so listing never loads any event log. */
export interface AttemptSummary {
  id: string;
  trainee: string;
  caseId: string;
  startedAt: string;
  mode: AttemptMode;
  /** Null until scored. */
  total: number | null;
  /** Kinds of the critical safety events, each once, in the order they first happened. */
  criticalEvents: SafetyEventKind[];
  finished: boolean;
  eventCount: number;
  fluid: FluidMeasures | null;
  altered: boolean;
  scripted: boolean;
  imported: boolean;
  /** See `AttemptImport.renamedFrom`. */
  renamedFrom: string | null;
}

export function summariseAttempt(
  stored: Pick<StoredAttempt, 'record' | 'result' | 'fluid' | 'altered' | 'scripted' | 'imported'>,
): AttemptSummary {
  const { record, result } = stored;
  const criticalEvents: SafetyEventKind[] = [];
  for (const event of result?.safetyEvents ?? []) {
    if (event.critical && !criticalEvents.includes(event.kind)) criticalEvents.push(event.kind);
  }
  return {
    id: record.id,
    trainee: record.trainee,
    caseId: record.caseId,
    startedAt: record.startedAt,
    mode: record.mode,
    total: result?.total ?? null,
    criticalEvents,
    finished: result !== null,
    eventCount: record.events.length,
    fluid: stored.fluid,
    altered: stored.altered ?? false,
    scripted: stored.scripted ?? false,
    imported: stored.imported !== undefined,
    renamedFrom: stored.imported?.renamedFrom ?? null,
  };
}

/** The instant `tMs` after the attempt began, as ISO 8601 (UTC). */
export function instantAfterStart(record: Pick<SessionRecord, 'startedAt'>, tMs: number): string {
  const startMs = Date.parse(record.startedAt);
  if (!Number.isFinite(startMs)) {
    throw new RangeError(`Attempt start time "${record.startedAt}" is not an ISO 8601 date.`);
  }
  return new Date(startMs + tMs).toISOString();
}

/**
 * When the attempt ended, by its own log: the 'finished' event, else its last event. Taken from the
 * record rather than a clock so that an imported or replayed attempt keeps its real finish time.
 */
export function finishTimeMs(record: Pick<SessionRecord, 'events'>): number {
  const { events } = record;
  const finished = events.find((event) => event.kind === 'finished');
  return finished?.tMs ?? events[events.length - 1]?.tMs ?? 0;
}
