import type { Agent, Statement } from '@xapi/xapi';
import { DEFAULT_PASS_SCORE } from '../core/scoring/learningCurve';
import { nameUuid } from '../storage/nameUuid';
import { instantAfterStart, type StoredAttempt } from '../storage/storedAttempt';
import { xapiStatements, XAPI_VERBS, type XapiOptions } from '../storage/xapi';
import { exportAttempts } from '../storage/exchange';

/** The event log travels as the trainer's own attempts file (one attempt), so import code reads it. */
export const EVENT_LOG_CONTENT_TYPE = 'application/json';
/** Attachment usage: the attempt's event log, from which an instructor rebuilds, rescores and replays it. */
export const EVENT_LOG_USAGE = 'https://w3id.org/xapi/cpn-hydrodissection-trainer/attachments/event-log';
/** A safety event is a check the trainee failed (touching the nerve, an intraneural injection, ...): ADL 'failed' on that check. */
export const SAFETY_VERB = { id: 'http://adlnet.gov/expapi/verbs/failed', display: { 'en-US': 'failed' } };

/** Extension IRIs, rooted at the trainer's home page like the ones storage/xapi.ts writes. */
export const contextExtension = (homePage: string, name: string): string => `${homePage.replace(/\/+$/, '')}/xapi/extensions/${name}`;
/** The programme's root activity: every attempt statement names it as its parent, so one query finds them all. */
export const trainerActivityId = (homePage: string): string => `${homePage.replace(/\/+$/, '')}/activities/trainer`;

export interface AttemptStatementOptions extends XapiOptions {
  /** UI language of the attempt (BCP 47 short tag: 'en' | 'zh'). */
  language: string;
  appVersion: string;
  /** Score (of 100) from which an attempt is a success; the rubric's, unless the LMS set a mastery score. */
  passMark?: number;
  /** A cmi5 launch names the learner and the registration; otherwise they come from the attempt. */
  actor?: Agent;
  registration?: string;
}

/** One statement ready for the outbox: the JSON and, for the completed one, the event log to attach. */
export interface OutgoingStatement {
  statement: Statement;
  /** The attachment's exact bytes as text (UTF-8); its SHA-256 is in `statement.attachments[0].sha2`. */
  attachment?: string;
}

/** Lower-case hex SHA-256 of a UTF-8 text (xAPI's attachment `sha2`). */
export async function sha256Hex(text: string): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('SHA-256 needs a secure context (https or localhost) to attach the event log.');
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The one-attempt file the completed statement carries (compact JSON; its bytes are what is hashed). */
export function eventLogAttachmentText(stored: Pick<StoredAttempt, 'record' | 'result'>): string {
  // exportedAt is the attempt's own start, so the same attempt always gives the same bytes and hash.
  return exportAttempts([stored], stored.record.startedAt);
}

/**
 * Every statement an attempt reports, built on storage/xapi.ts's attempted/completed/scored: the
 * context gains case, mode, language and app version and the programme's parent activity; the
 * completed statement carries the event log; each safety event gets its own statement. Ids are
 * name-based UUIDs of the attempt and the event, so sending twice is harmless.
 */
export async function attemptStatements(
  stored: Pick<StoredAttempt, 'record' | 'result' | 'altered'>,
  options: AttemptStatementOptions,
): Promise<OutgoingStatement[]> {
  const passMark = options.passMark ?? DEFAULT_PASS_SCORE;
  const base = xapiStatements(stored, options);
  const homePage = options.homePage.replace(/\/+$/, '');
  const ext = (name: string) => contextExtension(homePage, name);
  const { record, result } = stored;
  const out: OutgoingStatement[] = [];
  const log = result === null ? null : eventLogAttachmentText(stored);
  const logSha = log === null ? null : await sha256Hex(log);
  for (const s of base) {
    const statement: Statement = {
      ...s,
      ...(options.actor ? { actor: options.actor } : {}),
      context: {
        ...s.context,
        ...(options.registration ? { registration: options.registration } : {}),
        language: options.language,
        contextActivities: { parent: [{ objectType: 'Activity', id: trainerActivityId(homePage) }] },
        extensions: {
          ...s.context.extensions,
          [ext('case-id')]: record.caseId,
          [ext('language')]: options.language,
          [ext('app-version')]: options.appVersion,
        },
      },
    };
    if (s.result?.success !== undefined && result !== null) statement.result = { ...s.result, success: result.total >= passMark };
    if (s.verb.id === XAPI_VERBS.completed && log !== null && logSha !== null) {
      statement.attachments = [
        {
          usageType: EVENT_LOG_USAGE,
          display: { 'en-US': 'Attempt event log' },
          description: { 'en-US': 'The attempt as a trainer attempts file: rebuild, rescore and replay it.' },
          contentType: EVENT_LOG_CONTENT_TYPE,
          length: new TextEncoder().encode(log).length,
          sha2: logSha,
        },
      ];
      out.push({ statement, attachment: log });
    } else out.push({ statement });
  }
  const attempted = out[0].statement;
  result?.safetyEvents.forEach((event, index) => {
    out.push({
      statement: {
        id: nameUuid(`${record.id}/safety/${index}/${event.kind}/${event.tMs}`),
        actor: attempted.actor,
        verb: SAFETY_VERB,
        object: {
          objectType: 'Activity',
          id: `${homePage}/safety-events/${encodeURIComponent(event.kind)}`,
          definition: {
            name: { 'en-US': event.kind },
            description: { 'en-US': `Safety event in the attempt: ${event.kind}` },
            type: 'http://adlnet.gov/expapi/activities/interaction',
          },
        },
        result: { success: false, extensions: { [ext('penalty-points')]: event.penalty, [ext('critical')]: event.critical, ...(event.capTo === null ? {} : { [ext('cap-to')]: event.capTo }) } },
        context: { ...attempted.context!, contextActivities: { parent: [{ objectType: 'Activity', id: (attempted.object as { id: string }).id }], grouping: [{ objectType: 'Activity', id: trainerActivityId(homePage) }] } },
        timestamp: instantAfterStart(record, event.tMs),
        version: '1.0.3',
      },
    });
  });
  return out;
}
