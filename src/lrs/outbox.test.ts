import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Statement } from '@xapi/xapi';
import { openLrsDb } from './lrsDb';
import { Outbox, type OutboxDeps } from './outbox';
import { LrsHttpError, LrsUnreachableError, type LrsTarget } from './client';
import type { OutgoingStatement } from './statements';

const TARGET: LrsTarget = { endpoint: 'https://lrs.example.org/xapi/', auth: 'Basic dTpw' };
const statement = (n: number): Statement => ({
  id: `00000000-0000-5000-8000-${String(n).padStart(12, '0')}`,
  actor: { objectType: 'Agent', account: { homePage: 'https://t.example', name: 'a' } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/attempted' },
  object: { objectType: 'Activity', id: 'https://t.example/cases/x' },
});
const items = (from: number, count: number, attachEvery = 0): OutgoingStatement[] =>
  Array.from({ length: count }, (_, i) => ({ statement: statement(from + i), ...(attachEvery && i % attachEvery === 0 ? { attachment: `{"n":${from + i}}` } : {}) }));

/** A fake LRS behind `send`: scripted failures, then it keeps what it gets (by id, like an LRS). */
function fakeLrs() {
  const received = new Map<string, number>();
  const batches: { ids: string[]; attachments: number }[] = [];
  const failures: unknown[] = [];
  const send: OutboxDeps['send'] = async (_target, statements, attachments) => {
    batches.push({ ids: statements.map((s) => s.id!), attachments: attachments.length });
    const failure = failures.shift();
    if (failure) throw failure;
    for (const s of statements) received.set(s.id!, (received.get(s.id!) ?? 0) + 1);
  };
  return { received, batches, failures, send };
}

/** Timers the test runs by hand, so backoff delays can be read and fired. */
function manualTimers() {
  const pending: { run: () => void; ms: number }[] = [];
  return {
    pending,
    setTimer: (run: () => void, ms: number) => pending.push({ run, ms }),
    clearTimer: () => pending.splice(0),
    fire: async (outbox: Outbox) => {
      const next = pending.shift();
      next?.run();
      await outbox.flush();
    },
  };
}

async function makeOutbox(lrs: ReturnType<typeof fakeLrs>, extra: Partial<OutboxDeps> = {}) {
  const timers = manualTimers();
  const outbox = new Outbox(await openLrsDb(), { send: lrs.send, target: async () => TARGET, random: () => 0, setTimer: timers.setTimer, clearTimer: timers.clearTimer, ...extra });
  return { outbox, timers };
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('Outbox', () => {
  it('sends what is queued in batches, each statement once, and empties the queue', async () => {
    const lrs = fakeLrs();
    const { outbox } = await makeOutbox(lrs, { batchSize: 25 });
    await outbox.enqueue(items(1, 60));
    await outbox.flush();
    expect(lrs.batches.map((b) => b.ids.length)).toEqual([25, 25, 10]);
    expect([...lrs.received.values()]).toEqual(Array(60).fill(1));
    expect(outbox.status()).toMatchObject({ queued: 0, lastError: null, sending: false });
  });

  it('puts at most one attachment in a batch (so the multipart body stays well formed)', async () => {
    const lrs = fakeLrs();
    const { outbox } = await makeOutbox(lrs, { batchSize: 25 });
    await outbox.enqueue(items(1, 9, 3));
    await outbox.flush();
    expect(lrs.batches.map((b) => b.attachments)).toEqual([1, 1, 1]);
    expect(lrs.received.size).toBe(9);
  });

  it('keeps the queue through network failures, retrying with doubling delays, then delivers each statement exactly once', async () => {
    const lrs = fakeLrs();
    const { outbox, timers } = await makeOutbox(lrs, { baseDelayMs: 1000 });
    lrs.failures.push(new LrsUnreachableError(new TypeError('Failed to fetch')), new LrsHttpError(503, 'busy'), new LrsUnreachableError(new TypeError('Failed to fetch')));
    await outbox.enqueue(items(1, 3));
    await outbox.flush();
    expect(outbox.status()).toMatchObject({ queued: 3 });
    expect(outbox.status().lastError).toMatch(/could not be reached/);
    const delays: number[] = [];
    while (timers.pending.length > 0) {
      delays.push(timers.pending[0].ms);
      await timers.fire(outbox);
    }
    expect(delays).toEqual([1000, 2000, 4000]);
    expect(outbox.status()).toMatchObject({ queued: 0, lastError: null, retryAt: null });
    expect([...lrs.received.values()]).toEqual([1, 1, 1]);
  });

  it('on 401/403 asks for credentials, keeps the queue and stops trying until resumed', async () => {
    const lrs = fakeLrs();
    const { outbox, timers } = await makeOutbox(lrs);
    lrs.failures.push(new LrsHttpError(401, 'unauthorised'));
    await outbox.enqueue(items(1, 4));
    await outbox.flush();
    expect(outbox.status()).toMatchObject({ needsCredentials: true, queued: 4 });
    expect(timers.pending).toHaveLength(0);
    await outbox.enqueue(items(5, 1));
    await outbox.flush();
    expect(lrs.batches).toHaveLength(1);
    await outbox.resume();
    expect(outbox.status()).toMatchObject({ needsCredentials: false, queued: 0 });
    expect(lrs.received.size).toBe(5);
  });

  it('on 409 finds the conflicting statement one by one, drops only it, and sends the rest', async () => {
    const lrs = fakeLrs();
    const conflicting = statement(2).id!;
    const send: OutboxDeps['send'] = async (target, statements, attachments) => {
      if (statements.some((s) => s.id === conflicting)) {
        lrs.batches.push({ ids: statements.map((s) => s.id!), attachments: attachments.length });
        throw new LrsHttpError(409, 'exists with other content');
      }
      return lrs.send(target, statements, attachments);
    };
    const { outbox } = await makeOutbox(lrs, { send });
    await outbox.enqueue(items(1, 3));
    await outbox.flush();
    expect([...lrs.received.keys()].sort()).toEqual([statement(1).id, statement(3).id]);
    expect(outbox.status()).toMatchObject({ queued: 0, rejected: 1 });
    expect(outbox.status().lastRejected).toContain(conflicting);
  });

  it('two flushes at once (the online event and a new attempt) never send a batch twice', async () => {
    const lrs = fakeLrs();
    const { outbox } = await makeOutbox(lrs, { batchSize: 2 });
    await outbox.enqueue(items(1, 7));
    await Promise.all([outbox.flush(), outbox.flush(), outbox.resume()]);
    expect([...lrs.received.values()]).toEqual(Array(7).fill(1));
    expect(lrs.batches.flatMap((b) => b.ids)).toHaveLength(7);
  });

  it('waits, sending nothing, while no LRS is configured', async () => {
    const lrs = fakeLrs();
    const { outbox } = await makeOutbox(lrs, { target: async () => null });
    await outbox.enqueue(items(1, 2));
    await outbox.flush();
    expect(lrs.batches).toHaveLength(0);
    expect(outbox.status().queued).toBe(2);
  });
});
