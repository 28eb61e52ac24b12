import type { IDBPDatabase } from 'idb';
import type { AttemptResult } from '../core/scoring/result';
import type { SessionRecord } from '../core/attempt/events';
import { findCase } from '../core/cases/cases';
import { currentLanguage } from '../i18n';
import { basicAuth, normaliseEndpoint, postStatements, testConnection, type LrsTarget } from './client';
import { narrowConnectSrc } from './csp';
import { openLrsDb, type LrsDb, type LrsSettings } from './lrsDb';
import { Outbox, type OutboxStatus } from './outbox';
import { attemptStatements } from './statements';
import { cmi5Urls, finishCmi5Session, cmi5PassMark, isCmi5Launch, startCmi5Session, type Cmi5Session } from './cmi5Launch';
import { version as APP_VERSION } from '../../package.json';

/** What the Programme panel draws. Never holds the password. */
export interface ProgrammeSnapshot {
  configured: { endpoint: string; user: string } | null;
  outbox: OutboxStatus;
  cmi5: { state: 'none' | 'starting' | 'active' | 'finished' | 'failed'; detail: string | null; registration: string | null };
}

interface Runtime {
  db: IDBPDatabase<LrsDb>;
  outbox: Outbox;
  settings: LrsSettings | null;
  cmi5: Cmi5Session | null;
}

const SETTINGS_KEY = 'lrs';
/** The trainer's home page: the root of its activity ids, the same for every trainee of a deployment. */
export const homePage = (): string => location.origin + location.pathname.replace(/[^/]*$/, '');

let snapshot: ProgrammeSnapshot = {
  configured: null,
  outbox: { queued: 0, sending: false, lastError: null, needsCredentials: false, rejected: 0, lastRejected: null, retryAt: null },
  cmi5: { state: 'none', detail: null, registration: null },
};
const listeners = new Set<() => void>();
const publish = (change: Partial<ProgrammeSnapshot>) => {
  snapshot = { ...snapshot, ...change };
  for (const listener of listeners) listener();
};
export const programmeSnapshot = (): ProgrammeSnapshot => snapshot;
export function subscribeProgramme(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

let runtime: Promise<Runtime> | null = null;

const targetOf = (settings: LrsSettings | null): LrsTarget | null =>
  settings ? { endpoint: settings.endpoint, auth: basicAuth(settings.user, settings.password) } : null;

/** Opens the LRS database and outbox once per page; sends whatever waits when the page comes online. */
export function programme(): Promise<Runtime> {
  runtime ??= (async () => {
    const db = await openLrsDb();
    const settings = (await db.get('settings', SETTINGS_KEY)) ?? null;
    const state: Runtime = { db, settings, cmi5: null, outbox: null as unknown as Outbox };
    // A cmi5 launch's own LRS wins over a configured one for the launch's statements.
    state.outbox = new Outbox(db, { send: postStatements, target: async () => state.cmi5?.target ?? targetOf(state.settings) });
    state.outbox.subscribe((outbox) => publish({ outbox }));
    publish({ configured: settings ? { endpoint: settings.endpoint, user: settings.user } : null });
    if (settings) narrowConnectSrc([settings.endpoint]);
    window.addEventListener('online', () => void state.outbox.resume());
    await state.outbox.refreshCount();
    return state;
  })().catch((error: unknown) => {
    runtime = null;
    throw error;
  });
  return runtime;
}

/** At boot: open the outbox only when there is something to do (a configured LRS or a cmi5 launch). */
export async function startProgramme(): Promise<void> {
  const launched = isCmi5Launch(location.search);
  const known = launched || (await hasSettings());
  if (!known) return;
  const state = await programme();
  if (launched) await startCmi5(state);
  void state.outbox.flush();
}

async function hasSettings(): Promise<boolean> {
  // Listing databases needs no open (and so creates nothing) on a trainer that never met an LRS.
  const list = await indexedDB.databases?.().catch(() => null);
  return list ? list.some((d) => d.name === 'cpn-trainer-lrs') : true;
}

async function startCmi5(state: Runtime): Promise<void> {
  publish({ cmi5: { state: 'starting', detail: null, registration: null } });
  try {
    narrowConnectSrc(cmi5Urls(location.search));
    state.cmi5 = await startCmi5Session();
    publish({ cmi5: { state: 'active', detail: state.cmi5.launchMode, registration: state.cmi5.registration } });
  } catch (error) {
    publish({ cmi5: { state: 'failed', detail: error instanceof Error ? error.message : String(error), registration: null } });
  }
}

/** Saves the endpoint and credentials (this browser only). Returns true when the page must reload for the CSP. */
export async function saveLrsSettings(input: LrsSettings): Promise<boolean> {
  const settings: LrsSettings = { endpoint: normaliseEndpoint(input.endpoint), user: input.user, password: input.password };
  const state = await programme();
  await state.db.put('settings', settings, SETTINGS_KEY);
  state.settings = settings;
  publish({ configured: { endpoint: settings.endpoint, user: settings.user } });
  if (!narrowConnectSrc([settings.endpoint])) return true;
  void state.outbox.resume();
  return false;
}

export async function forgetLrsSettings(): Promise<void> {
  const state = await programme();
  await state.db.delete('settings', SETTINGS_KEY);
  state.settings = null;
  publish({ configured: null });
}

export async function testLrsConnection(): Promise<string> {
  const state = await programme();
  const target = state.cmi5?.target ?? targetOf(state.settings);
  if (!target) throw new Error('No LRS is configured.');
  const about = await testConnection(target);
  return about.version.join(', ');
}

export async function sendNow(): Promise<void> {
  await (await programme()).outbox.resume();
}

/** The live target (for the cohort pull), null when none is configured. */
export async function currentTarget(): Promise<LrsTarget | null> {
  const state = await programme();
  return targetOf(state.settings) ?? state.cmi5?.target ?? null;
}

/**
 * A finished attempt: its statements go to the outbox (when an LRS is configured or the page was
 * launched by cmi5), and a cmi5 launch then sends completed, passed/failed and terminated.
 */
export async function reportFinishedAttempt(record: SessionRecord, result: AttemptResult): Promise<void> {
  if (!runtime && !(await hasSettings()) && !isCmi5Launch(location.search)) return;
  const state = await programme();
  const session = state.cmi5;
  if (!session && !state.settings) return;
  const found = findCase(record.caseId);
  const statements = await attemptStatements(
    { record, result },
    {
      homePage: homePage(),
      caseTitle: found?.title,
      language: currentLanguage(),
      appVersion: APP_VERSION,
      ...(session ? { actor: session.actor, registration: session.registration, passMark: cmi5PassMark(session) } : {}),
    },
  );
  await state.outbox.enqueue(statements);
  if (session && snapshot.cmi5.state === 'active') {
    try {
      const outcome = await finishCmi5Session(session, result);
      publish({ cmi5: { state: 'finished', detail: outcome, registration: session.registration } });
    } catch (error) {
      publish({ cmi5: { state: 'failed', detail: error instanceof Error ? error.message : String(error), registration: session.registration } });
    }
  }
}

/** For the store's finish: reports in the background; a failure shows in the Programme panel, never breaks the debrief. */
export function reportInBackground(record: SessionRecord, result: AttemptResult): void {
  reportFinishedAttempt(record, result).catch((error: unknown) =>
    publish({ outbox: { ...snapshot.outbox, lastError: error instanceof Error ? error.message : String(error) } }),
  );
}
