/**
 * Issue 15's fault table, one test per row that storage can answer alone (tabs, context loss and CSP
 * are e2e). Each was found failing on the old store; each fault is injected the way it was found.
 */
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AttemptEvent, SessionRecord } from '../core/attempt/events';
import { AttemptStore } from './attemptStore';
import { exportAttempts, importAttempts, type Rescore } from './exchange';
import { IMPORT_LIMITS } from './importLimits';
import { finishedRecord, sampleRecord, sampleResult } from './testSupport';

const NOW = '2025-03-06T12:00:00.000Z';
let dbCount = 0;
const opened: AttemptStore[] = [];
const dbName = () => `fault-test-${++dbCount}`;

async function openStore(name: string): Promise<AttemptStore> {
  const store = await AttemptStore.open({ name, now: () => new Date(NOW) });
  opened.push(store);
  return store;
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const store of opened.splice(0)) store.close();
});

const rescore: Rescore = async () => sampleResult(72);
const aspirations = (from: number, count: number): AttemptEvent[] =>
  Array.from({ length: count }, (_, i) => ({ tMs: 2000 + from + i, kind: 'aspiration' as const }));
const withEvents = (record: SessionRecord, extra: AttemptEvent[]): SessionRecord => ({ ...record, events: [...record.events, ...extra] });
const fileOf = (...records: SessionRecord[]) => exportAttempts(records.map((record) => ({ record, result: null })), NOW);

async function refusedImport(json: string, name = dbName()): Promise<string> {
  const store = await openStore(name);
  const error = await importAttempts(store, json, rescore).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ code: 'invalid-import' });
  expect(await store.list()).toEqual([]);
  return (error as Error).message;
}

describe('fault table', () => {
  it('two tabs on one attempt: the stale writer is refused and no stored event is lost', async () => {
    const name = dbName();
    const [tabA, tabB] = [await openStore(name), await openStore(name)];
    const base = sampleRecord();
    await tabA.save(base);
    // Both resumed the same 4 events; A goes on with 30, B (stale) with 15 of its own.
    const aLog = withEvents(base, aspirations(0, 30));
    const bLog = withEvents(base, aspirations(100, 15));
    const results = await Promise.allSettled([tabA.save(aLog), tabB.save(bLog)]);
    expect(results[0].status).toBe('fulfilled');
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/open in another tab/) } });
    expect((await tabB.get(base.id))?.record.events).toEqual(aLog.events);
  });

  it('an import whose 2nd attempt cannot be written leaves nothing stored', async () => {
    const farFinish = withEvents(finishedRecord({ id: 'second' }), []);
    farFinish.events[farFinish.events.length - 1] = { tMs: 9e15, kind: 'finished' };
    const message = await refusedImport(fileOf(finishedRecord({ id: 'first' }), farFinish));
    expect(message).toMatch(/attempts\[1\]/);
  });

  it('two imports of the same id at once: one stores it, the other finds the duplicate', async () => {
    const store = await openStore(dbName());
    const json = fileOf(finishedRecord());
    const [a, b] = await Promise.all([importAttempts(store, json, rescore), importAttempts(store, json, rescore)]);
    expect([...a.imported, ...b.imported]).toEqual(['attempt-1']);
    expect([...a.duplicates, ...b.duplicates]).toEqual(['attempt-1']);
    expect(await store.list()).toHaveLength(1);
  });

  it('two imports of one id with different content at once: both kept, neither overwritten', async () => {
    const store = await openStore(dbName());
    const ana = fileOf(finishedRecord());
    const bo = fileOf(finishedRecord({ trainee: 'Bo' }));
    await Promise.all([importAttempts(store, ana, rescore), importAttempts(store, bo, rescore)]);
    const trainees = (await store.list()).map((s) => s.trainee).sort();
    expect(trainees).toEqual(['Bo', 'Dr Ana Silva']);
  });

  it('same id and events but another trainee name: kept beside the first, with a note of the id it came with', async () => {
    const store = await openStore(dbName());
    await importAttempts(store, fileOf(finishedRecord()), rescore);
    const report = await importAttempts(store, fileOf(finishedRecord({ trainee: 'Dr Bo Chen' })), rescore);
    expect(report.duplicates).toEqual([]);
    expect(report.imported).toHaveLength(1);
    const copy = (await store.list()).find((s) => s.trainee === 'Dr Bo Chen');
    expect(copy).toMatchObject({ renamedFrom: 'attempt-1', imported: true });
    expect((await store.get('attempt-1'))?.record.trainee).toBe('Dr Ana Silva');
  });

  it('refuses files past the size, attempt, event and string limits, saying which', async () => {
    const huge = 'x'.repeat(IMPORT_LIMITS.fileBytes + 1);
    expect(await refusedImport(huge)).toMatch(/larger than 50 MB/);
    const many = Array.from({ length: IMPORT_LIMITS.attemptsPerFile + 1 }, (_, i) => sampleRecord({ id: `a${i}` }));
    expect(await refusedImport(fileOf(...many))).toMatch(/at most 500/);
    const long = withEvents(sampleRecord(), aspirations(0, IMPORT_LIMITS.eventsPerAttempt));
    expect(await refusedImport(fileOf(long))).toMatch(/more than 100000 events/);
    expect(await refusedImport(fileOf(sampleRecord({ trainee: 'n'.repeat(1_000_000) })))).toMatch(/trainee name longer than 200/);
  });

  it.each([
    ['ml −5', { tMs: 2000, kind: 'injection', ml: -5 }, /more than 0 ml/],
    ['ml 1e9', { tMs: 2000, kind: 'injection', ml: 1e9 }, /at most 10 ml/],
    ['mm 1e308', { tMs: 2000, kind: 'needle-advanced', mm: 1e308 }, /beyond ±10000 mm/],
    ['tMs 1e300', { tMs: 1e300, kind: 'aspiration' }, /hours after the start/],
  ] as [string, AttemptEvent, RegExp][])('refuses %s, naming the field', async (_label, event, why) => {
    expect(await refusedImport(fileOf(withEvents(sampleRecord(), [event])))).toMatch(why);
  });

  it('refuses a seed of −7.5', async () => {
    const record = sampleRecord({ seed: -7.5 });
    record.events[0] = { tMs: 0, kind: 'case-loaded', caseId: record.caseId, side: 'right', seed: -7.5 };
    expect(await refusedImport(fileOf(record))).toMatch(/whole number/);
  });

  it('refuses a case that does not exist, and one the log does not load', async () => {
    const unknown = sampleRecord({ caseId: 'no-such-case' });
    unknown.events[0] = { tMs: 0, kind: 'case-loaded', caseId: 'no-such-case', side: 'right', seed: 42 };
    expect(await refusedImport(fileOf(unknown))).toMatch(/does not have/);
    expect(await refusedImport(fileOf(sampleRecord({ caseId: 'patient-1' })))).toMatch(/its log loads/);
  });

  it('refuses a future-dated attempt, and never offers an imported one for resume', async () => {
    expect(await refusedImport(fileOf(sampleRecord({ startedAt: '2099-01-01T00:00:00.000Z' })))).toMatch(/future/);
    const store = await openStore(dbName());
    await importAttempts(store, fileOf(sampleRecord({ id: 'imported-unfinished' })), rescore);
    expect(await store.unfinished()).toBeUndefined();
  });

  it('QuotaExceededError on the summaries store: attempt and summary still agree', async () => {
    const store = await openStore(dbName());
    const base = withEvents(sampleRecord(), aspirations(0, 6));
    await store.save(base);
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'attempt-summaries') throw new DOMException('full', 'QuotaExceededError');
      return put.apply(this, args);
    });
    await expect(store.save(withEvents(base, aspirations(6, 10)), sampleResult())).rejects.toMatchObject({ code: 'storage-full' });
    vi.restoreAllMocks();
    const [summary] = await store.list();
    const stored = await store.get(base.id);
    expect(summary).toMatchObject({ eventCount: 10, finished: false });
    expect(stored?.record.events).toHaveLength(10);
    expect(stored?.result).toBeNull();
  });

  it('a newer tab upgrading the database: this tab steps aside and then says plainly why it cannot save', async () => {
    const name = dbName();
    const store = await openStore(name);
    await store.save(sampleRecord());
    const newer = await openDB(name, 99);
    newer.close();
    const error = await store.save(withEvents(sampleRecord(), aspirations(0, 1))).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/newer version of the trainer/);
    expect(error?.message).not.toMatch(/private browsing/);
  });

  it('another tab deleting or reopening the database: this tab closes, reopens and carries on', async () => {
    const name = dbName();
    const store = await openStore(name);
    await store.save(sampleRecord());
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
    const next = withEvents(sampleRecord({ id: 'after' }), aspirations(0, 2));
    await store.save(next);
    expect((await store.get('after'))?.record).toEqual(next);
  });

  it('opens a version-1 database missing a store, keeping its attempts', async () => {
    const name = dbName();
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('attempts', { keyPath: 'record.id' });
      },
    });
    const record = finishedRecord();
    await v1.put('attempts', { record, result: sampleResult(), finishedAt: null, updatedAt: NOW, fluid: null, altered: false });
    v1.close();
    const store = await openStore(name);
    expect((await store.get(record.id))?.record).toEqual(record);
    expect(await store.list()).toMatchObject([{ id: record.id, eventCount: record.events.length, total: 72 }]);
  });

  it('each save writes only the new events, not the whole log again', async () => {
    const store = await openStore(dbName());
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    let record = sampleRecord();
    await store.save(record);
    for (let i = 0; i < 20; i++) {
      record = withEvents(record, aspirations(i, 1));
      await store.save(record);
    }
    const eventsWritten = put.mock.calls.reduce((sum, [value]) => sum + countEvents(value), 0);
    // 4 + 20 events, each written once (the old store wrote the whole log every time: 4+5+…+24).
    expect(eventsWritten).toBe(24);
  });
});

/** Events carried by one put: a whole record's log, or one event record. */
function countEvents(value: unknown): number {
  const v = value as { record?: SessionRecord; event?: AttemptEvent };
  return (v.record?.events.length ?? 0) + (v.event ? 1 : 0);
}
