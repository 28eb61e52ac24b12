import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SimError } from '../core/simError';
import { AttemptStore } from './attemptStore';
import { finishedRecord, sampleFluid, sampleRecord, sampleResult } from './testSupport';

let dbCount = 0;
const opened: AttemptStore[] = [];
const fixedNow = () => new Date('2025-03-04T10:00:00.000Z');

async function freshStore(): Promise<AttemptStore> {
  const store = await AttemptStore.open({ name: `attempts-test-${++dbCount}`, now: fixedNow });
  opened.push(store);
  return store;
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  for (const store of opened.splice(0)) store.close();
});

describe('AttemptStore', () => {
  it('round-trips an attempt in progress, then finished', async () => {
    const store = await freshStore();
    const record = sampleRecord();
    await store.save(record);
    expect(await store.get(record.id)).toEqual({
      record,
      result: null,
      finishedAt: null,
      updatedAt: '2025-03-04T10:00:00.000Z',
      fluid: null,
      altered: false,
    });

    const finished = finishedRecord();
    await store.save(finished, sampleResult(72), sampleFluid);
    const stored = await store.get(record.id);
    expect(stored?.record).toEqual(finished);
    expect(stored?.result).toEqual(sampleResult(72));
    expect(stored?.fluid).toEqual(sampleFluid);
    // By the record's own 'finished' event, 95 s after the start.
    expect(stored?.finishedAt).toBe('2025-03-04T09:31:35.000Z');
    expect(await store.get('no-such-attempt')).toBeUndefined();
  });

  it('keeps the stored result when a finished attempt is saved again without one', async () => {
    const store = await freshStore();
    await store.save(finishedRecord(), sampleResult(72), sampleFluid);
    await store.save(finishedRecord());
    expect((await store.get('attempt-1'))?.result?.total).toBe(72);
    await store.save(finishedRecord(), null);
    expect((await store.get('attempt-1'))?.result).toBeNull();
  });

  it('collapses a burst of saves into few writes, keeping the newest record', async () => {
    const store = await freshStore();
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    const base = sampleRecord();
    const burst = Array.from({ length: 20 }, (_, i) =>
      store.save({ ...base, events: [...base.events, ...Array.from({ length: i }, () => ({ tMs: 2000, kind: 'aspiration' as const }))] }),
    );
    await Promise.all(burst);
    const putsInto = (name: string) => put.mock.contexts.filter((store) => (store as IDBObjectStore).name === name).length;
    // The first write starts at once and the other 19 saves share one; each event is written once.
    expect(putsInto('attempts')).toBe(2);
    expect(putsInto('attempt-summaries')).toBe(2);
    expect(putsInto('attempt-events')).toBe(base.events.length + 19);
    expect((await store.get(base.id))?.record.events).toHaveLength(base.events.length + 19);
  });

  it('lists summaries newest first, with critical event kinds once each', async () => {
    const store = await freshStore();
    await store.save(sampleRecord({ id: 'old', startedAt: '2025-03-01T08:00:00.000Z', trainee: 'Bo' }));
    await store.save(
      finishedRecord({ id: 'new', startedAt: '2025-03-05T08:00:00.000Z' }),
      sampleResult(20, ['intraneural-injection', 'needle-in-nerve', 'intraneural-injection']),
      sampleFluid,
    );
    const list = await store.list();
    expect(list.map((s) => s.id)).toEqual(['new', 'old']);
    expect(list[0]).toEqual({
      id: 'new',
      trainee: 'Dr Ana Silva',
      caseId: 'normal-teaching-knee',
      startedAt: '2025-03-05T08:00:00.000Z',
      mode: 'assessment',
      total: 20,
      criticalEvents: ['intraneural-injection', 'needle-in-nerve'],
      finished: true,
      eventCount: 5,
      fluid: sampleFluid,
      altered: false,
      scripted: false,
      imported: false,
      renamedFrom: null,
    });
    expect(list[1]).toMatchObject({ id: 'old', total: null, finished: false, criticalEvents: [], eventCount: 4 });
    expect((await store.list({ trainee: 'Bo' })).map((s) => s.id)).toEqual(['old']);
  });

  it('offers the newest unfinished attempt for resuming', async () => {
    const store = await freshStore();
    expect(await store.unfinished()).toBeUndefined();
    await store.save(sampleRecord({ id: 'a', startedAt: '2025-03-01T08:00:00.000Z' }));
    await store.save(sampleRecord({ id: 'b', startedAt: '2025-03-02T08:00:00.000Z' }));
    await store.save(finishedRecord({ id: 'c', startedAt: '2025-03-03T08:00:00.000Z' }), sampleResult());
    expect((await store.unfinished())?.record.id).toBe('b');
    await store.remove('b');
    expect((await store.unfinished())?.record.id).toBe('a');
    expect(await store.get('b')).toBeUndefined();
    expect((await store.list()).map((s) => s.id)).toEqual(['c', 'a']);
  });

  it('turns a full disk into storage-full, writes nothing and tells every waiting caller', async () => {
    const store = await freshStore();
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const saving = [store.save(sampleRecord()), store.save(sampleRecord())];
    for (const outcome of await Promise.allSettled(saving)) {
      expect(outcome.status).toBe('rejected');
      const error = (outcome as PromiseRejectedResult).reason as SimError;
      expect(error).toBeInstanceOf(SimError);
      expect(error.code).toBe('storage-full');
      expect(error.message).toMatch(/full.*Export/s);
      expect((error.cause as DOMException).name).toBe('QuotaExceededError');
    }
    await expect(store.putAll([{ record: sampleRecord({ id: 'x' }), result: null, fluid: null }])).rejects.toMatchObject({
      code: 'storage-full',
    });
    vi.restoreAllMocks();
    expect(await store.list()).toEqual([]);
  });

  it('reports a browser without IndexedDB as storage-unavailable', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const opening = AttemptStore.open({ name: 'no-idb' });
    await expect(opening).rejects.toBeInstanceOf(SimError);
    await expect(opening).rejects.toMatchObject({ code: 'storage-unavailable', message: expect.stringMatching(/private browsing/) });
  });

  it('reports a database from a newer trainer as storage-unavailable', async () => {
    const name = `attempts-test-${++dbCount}`;
    await new Promise<void>((resolve) => {
      const request = indexedDB.open(name, 99);
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
    });
    await expect(AttemptStore.open({ name })).rejects.toMatchObject({ code: 'storage-unavailable', message: expect.stringMatching(/newer version/) });
  });

  it('reports an upgrade blocked by another tab as storage-unavailable', async () => {
    const name = `attempts-test-${++dbCount}`;
    // An "older tab": holds version 1 open and ignores requests to close.
    const olderTab = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open(name, 1);
      request.onsuccess = () => resolve(request.result);
    });
    // Pretend this build is newer, so opening means upgrading.
    const open = indexedDB.open.bind(indexedDB);
    vi.spyOn(indexedDB, 'open').mockImplementation((dbName: string) => open(dbName, 2));
    await expect(AttemptStore.open({ name })).rejects.toMatchObject({ code: 'storage-unavailable', message: expect.stringMatching(/another tab/) });
    olderTab.close();
  });
});
