import { z } from '../core/zod';
import type { IDBPDatabase } from 'idb';
import type { Statement } from '@xapi/xapi';
import { importAttempts, type AttemptImportTarget, type Rescore } from '../storage/exchange';
import type { Placement } from '../storage/attemptStore';
import type { AttemptDraft, StoredAttempt } from '../storage/storedAttempt';
import { XAPI_VERBS } from '../storage/xapi';
import { queryStatements, type LrsTarget, type StatementsPage } from './client';
import type { CohortAttempt } from './cohortTypes';
import type { LrsDb } from './lrsDb';
import { EVENT_LOG_CONTENT_TYPE, EVENT_LOG_USAGE, sha256Hex, trainerActivityId } from './statements';

const SINCE_KEY = 'cohort-since';
/** Pages are followed to the end, but not forever: an LRS that keeps answering `more` is cut off. */
const MAX_PAGES = 200;

/** Only what the cohort uses from a statement, checked before anything is read from it. */
const completedStatementSchema = z.object({
  id: z.uuid(),
  verb: z.object({ id: z.literal(XAPI_VERBS.completed) }),
  stored: z.iso.datetime({ offset: true }),
  attachments: z
    .array(z.object({ usageType: z.string(), contentType: z.string(), length: z.number().int().nonnegative(), sha2: z.string().regex(/^[0-9a-f]{64}$/i) }))
    .min(1),
});

export interface CohortPullReport {
  /** Completed statements read from the LRS this pull. */
  read: number;
  /** Attempts new to the cohort cache. */
  added: number;
  /** Of those, attempts whose claimed score did not match their events. */
  altered: number;
  /** Statements that could not be used, and why. */
  refused: { statementId: string; why: string }[];
  /** Pages fetched (the first query and each `more`). */
  pages: number;
}

export interface CohortDeps {
  db: IDBPDatabase<LrsDb>;
  target: LrsTarget;
  homePage: string;
  rescore: Rescore;
  query?: typeof queryStatements;
}

/** The attachment's bytes as text: an LRS client hands JSON parts back parsed, strings as they were. */
const attachmentText = (part: unknown): string => (typeof part === 'string' ? part : JSON.stringify(part));

/**
 * Pulls the programme's completed attempts stored since the last pull (activity + since + `more`
 * paging, attachments included), checks each statement and its attachment's SHA-256, reads the
 * attached event log as an attempts file, rescores it from its events (a score that differs is
 * marked altered, as a file import does) and caches it for offline review. An attempt already
 * cached with the same events is not rescored again.
 */
export async function pullCohort(deps: CohortDeps): Promise<CohortPullReport> {
  const query = deps.query ?? queryStatements;
  const report: CohortPullReport = { read: 0, added: 0, altered: 0, refused: [], pages: 0 };
  const since = (await deps.db.get('meta', SINCE_KEY)) ?? undefined;
  let newest = since;
  let page: StatementsPage | null = null;
  do {
    page = await query(deps.target, {
      activity: trainerActivityId(deps.homePage),
      verb: XAPI_VERBS.completed,
      ...(since ? { since } : {}),
      ...(page?.more ? { more: page.more } : {}),
    });
    report.pages += 1;
    const byHash = new Map<string, string>();
    for (const part of page.attachments) {
      const text = attachmentText(part);
      byHash.set(await sha256Hex(text), text);
    }
    for (const statement of page.statements) {
      report.read += 1;
      const outcome = await takeStatement(deps, statement, byHash);
      if (typeof outcome === 'string') report.refused.push({ statementId: String(statement.id ?? '?'), why: outcome });
      else {
        if (outcome.added) report.added += 1;
        if (outcome.altered) report.altered += 1;
      }
      if (statement.stored && (!newest || statement.stored > newest)) newest = statement.stored;
    }
  } while (page.more && report.pages < MAX_PAGES);
  if (newest && newest !== since) await deps.db.put('meta', newest, SINCE_KEY);
  return report;
}

async function takeStatement(deps: CohortDeps, statement: Statement, byHash: Map<string, string>): Promise<string | { added: boolean; altered: boolean }> {
  const parsed = completedStatementSchema.safeParse(statement);
  if (!parsed.success) return `not a trainer completed statement (${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message})`;
  const log = parsed.data.attachments.find((a) => a.usageType === EVENT_LOG_USAGE && a.contentType === EVENT_LOG_CONTENT_TYPE);
  if (!log) return 'no event log attached';
  const text = byHash.get(log.sha2.toLowerCase());
  if (text === undefined) return 'the attached event log is missing or does not match its SHA-256';
  const drafts: AttemptDraft[] = [];
  const lookup = async (id: string): Promise<StoredAttempt | undefined> => {
    const cached = await deps.db.get('cohort', id);
    return cached ? { ...cached, finishedAt: null, updatedAt: cached.stored } : undefined;
  };
  // The cohort cache stands in for the attempts store: the same import (validation, rescoring,
  // altered flag, duplicates by content) as a file gets, written to the cohort cache instead.
  const cache: AttemptImportTarget = {
    get: lookup,
    importAll: async (list, place) => {
      const placements: Placement[] = [];
      for (const draft of list) {
        const placement = await place(draft, lookup);
        if ('store' in placement) drafts.push(placement.store);
        placements.push(placement);
      }
      return placements;
    },
  };
  try {
    const result = await importAttempts(cache, text, deps.rescore);
    if (result.imported.length + result.duplicates.length !== 1) return 'the event log must hold exactly one attempt';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  for (const draft of drafts) {
    const entry: CohortAttempt = { record: draft.record, result: draft.result, fluid: draft.fluid, altered: draft.altered ?? false, statementId: parsed.data.id, stored: parsed.data.stored };
    await deps.db.put('cohort', entry);
  }
  const added = drafts[0];
  return { added: added !== undefined, altered: added?.altered ?? false };
}

export async function cachedCohort(db: IDBPDatabase<LrsDb>): Promise<CohortAttempt[]> {
  return db.getAll('cohort');
}
