import type Cmi5 from '@xapi/cmi5';
import type { Agent } from '@xapi/xapi';
import type { AttemptResult } from '../core/scoring/result';
import { DEFAULT_PASS_SCORE } from '../core/scoring/learningCurve';
import type { LrsTarget } from './client';

/** The five query parameters an LMS adds when it launches a cmi5 assignable unit. */
export const CMI5_LAUNCH_PARAMETERS = ['endpoint', 'fetch', 'actor', 'registration', 'activityId'] as const;

export interface Cmi5Session {
  /** The LRS of this launch, with the token the fetch URL handed out (this session only, never stored). */
  target: LrsTarget;
  actor: Agent;
  registration: string;
  activityId: string;
  /** From LMS.LaunchData: 'Normal' is the only mode that may pass, fail or complete. */
  launchMode: string;
  /** The LMS's mastery score (scaled 0–1), which cmi5 says overrides the AU's own pass mark. */
  masteryScore: number | null;
  returnURL: string | null;
  cmi: Cmi5;
}

export function isCmi5Launch(search: string): boolean {
  const params = new URLSearchParams(search);
  return CMI5_LAUNCH_PARAMETERS.every((name) => (params.get(name) ?? '') !== '');
}

/** The launch's LRS URLs (endpoint and fetch), which the page's CSP must let it reach. */
export function cmi5Urls(search: string): string[] {
  const params = new URLSearchParams(search);
  return [params.get('endpoint')!, params.get('fetch')!];
}

/**
 * Starts the cmi5 session: fetches the auth token (once: the fetch URL refuses a second call),
 * reads LMS.LaunchData from the State API and sends 'initialized' — all through @xapi/cmi5,
 * loaded only when the page was launched by an LMS.
 */
export async function startCmi5Session(): Promise<Cmi5Session> {
  const { default: Cmi5Class } = await import('@xapi/cmi5');
  const cmi = new Cmi5Class();
  await cmi.initialize();
  const params = cmi.getLaunchParameters();
  const data = cmi.getLaunchData();
  return {
    target: { endpoint: params.endpoint.endsWith('/') ? params.endpoint : `${params.endpoint}/`, auth: `Basic ${cmi.getAuthToken()}` },
    actor: params.actor,
    registration: params.registration,
    activityId: params.activityId,
    launchMode: data.launchMode,
    masteryScore: typeof data.masteryScore === 'number' ? data.masteryScore : null,
    returnURL: data.returnURL ?? null,
    cmi,
  };
}

/** The pass mark (of 100) this launch judges by: the LMS's mastery score if it set one, else the rubric's. */
export function cmi5PassMark(session: Pick<Cmi5Session, 'masteryScore'>): number {
  return session.masteryScore === null ? DEFAULT_PASS_SCORE : session.masteryScore * 100;
}

/** The cmi5 defined statements at the end of an attempt: completed, passed or failed, terminated. */
export async function finishCmi5Session(session: Cmi5Session, result: AttemptResult): Promise<'passed' | 'failed' | 'browsed'> {
  const { cmi } = session;
  if (session.launchMode !== 'Normal') {
    await cmi.terminate();
    return 'browsed';
  }
  const raw = Math.min(100, Math.max(0, result.total));
  const score = { raw, min: 0, max: 100, scaled: raw / 100 };
  await cmi.complete();
  // The same comparison @xapi/cmi5 makes before it lets 'passed' go (scaled against mastery).
  const passed = session.masteryScore === null ? raw >= DEFAULT_PASS_SCORE : score.scaled >= session.masteryScore;
  await (passed ? cmi.pass(score) : cmi.fail(score));
  await cmi.terminate();
  return passed ? 'passed' : 'failed';
}
