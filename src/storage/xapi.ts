import { nameUuid } from './nameUuid';
import { finishTimeMs, instantAfterStart, type StoredAttempt } from './storedAttempt';
import { DEFAULT_PASS_SCORE } from '../core/scoring/learningCurve';

export const XAPI_VERSION = '1.0.3' as const;
/** The total (of 100) at which an attempt counts as a pass in a learning record store: the rubric's pass mark. */
export const PASSING_TOTAL = DEFAULT_PASS_SCORE;
export const SCORE_MAX = 100;

export const XAPI_VERBS = {
  attempted: 'http://adlnet.gov/expapi/verbs/attempted',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  scored: 'http://adlnet.gov/expapi/verbs/scored',
} as const;
export type XapiVerb = keyof typeof XAPI_VERBS;

const SIMULATION_ACTIVITY_TYPE = 'http://adlnet.gov/expapi/activities/simulation';
const LANGUAGE = 'en-US';

type LanguageMap = Record<string, string>;

export interface XapiStatement {
  id: string;
  actor: { objectType: 'Agent'; account: { homePage: string; name: string } };
  verb: { id: string; display: LanguageMap };
  object: {
    objectType: 'Activity';
    id: string;
    definition: { name: LanguageMap; description: LanguageMap; type: string };
  };
  result?: {
    score?: { raw: number; min: number; max: number; scaled: number };
    success?: boolean;
    completion?: boolean;
    duration?: string;
  };
  context: {
    registration: string;
    platform: string;
    extensions: Record<string, string | number | boolean>;
  };
  timestamp: string;
  version: typeof XAPI_VERSION;
}

export interface XapiOptions {
  /** The trainer's home page: the actor's account system and the root of activity ids. */
  homePage: string;
  /** The case's title for the activity name; its id otherwise. */
  caseTitle?: string;
}

/** ISO 8601 duration to the 0.01 s xAPI keeps. */
const isoDuration = (ms: number): string => `PT${Number((ms / 1000).toFixed(2))}S`;

/**
 * xAPI statements for one attempt: 'attempted' at its start, and once scored 'completed' and
 * 'scored' at its finish. Statement ids are name-based UUIDs of the attempt id and the verb, so
 * sending the same attempt twice gives the same ids and the LRS keeps one copy.
 */
export function xapiStatements(
  stored: Pick<StoredAttempt, 'record' | 'result' | 'altered'>,
  options: XapiOptions,
): XapiStatement[] {
  const { record, result } = stored;
  const homePage = options.homePage.replace(/\/+$/, '');
  const extension = (name: string) => `${homePage}/xapi/extensions/${name}`;
  const common = {
    actor: { objectType: 'Agent' as const, account: { homePage, name: record.trainee } },
    object: {
      objectType: 'Activity' as const,
      id: `${homePage}/cases/${encodeURIComponent(record.caseId)}`,
      definition: {
        name: { [LANGUAGE]: options.caseTitle ?? `Case ${record.caseId}` },
        description: { [LANGUAGE]: 'Ultrasound-guided hydrodissection of the common peroneal nerve at the fibular head' },
        type: SIMULATION_ACTIVITY_TYPE,
      },
    },
    context: {
      // One registration per attempt groups its statements in the LRS.
      registration: nameUuid(`attempt:${record.id}`),
      platform: 'CPN hydrodissection trainer',
      extensions: {
        [extension('attempt-id')]: record.id,
        [extension('mode')]: record.mode,
        [extension('side')]: record.side,
        [extension('score-altered-in-file')]: stored.altered ?? false,
      },
    },
    version: XAPI_VERSION,
  };
  const statement = (verb: XapiVerb, timestamp: string, statementResult?: XapiStatement['result']): XapiStatement => ({
    id: nameUuid(`${record.id}/${verb}`),
    ...common,
    verb: { id: XAPI_VERBS[verb], display: { [LANGUAGE]: verb } },
    ...(statementResult ? { result: statementResult } : {}),
    timestamp,
  });

  const statements = [statement('attempted', instantAfterStart(record, 0))];
  if (result === null) return statements;

  const durationMs = finishTimeMs(record);
  const finishedAt = instantAfterStart(record, durationMs);
  const raw = Math.min(SCORE_MAX, Math.max(0, result.total));
  const success = raw >= PASSING_TOTAL;
  statements.push(
    statement('completed', finishedAt, { completion: true, success, duration: isoDuration(durationMs) }),
    statement('scored', finishedAt, {
      score: { raw, min: 0, max: SCORE_MAX, scaled: raw / SCORE_MAX },
      success,
      completion: true,
    }),
  );
  return statements;
}
