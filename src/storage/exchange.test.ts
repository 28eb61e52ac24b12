import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionRecord } from '../core/attempt/events';
import type { AttemptResult } from '../core/scoring/result';
import { SimError } from '../core/simError';
import { AttemptStore } from './attemptStore';
import { ATTEMPTS_FILE_FORMAT, exportAttempts, importAttempts, parseImport, type Rescore } from './exchange';
import { finishedRecord, sampleFluid, sampleRecord, sampleResult, sessionRecordArb } from './testSupport';

const EXPORTED_AT = '2025-03-06T12:00:00.000Z';
let dbCount = 0;
const opened: AttemptStore[] = [];

async function freshStore(): Promise<AttemptStore> {
  const store = await AttemptStore.open({ name: `exchange-test-${++dbCount}`, now: () => new Date(EXPORTED_AT) });
  opened.push(store);
  return store;
}

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

/** A rescore that finds the sample score (72) for every record. */
const honestRescore = (result: AttemptResult = sampleResult(72)) => vi.fn<Rescore>(async () => result);

function refusal(run: () => unknown): SimError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SimError);
    expect((error as SimError).code).toBe('invalid-import');
    return error as SimError;
  }
  throw new Error('expected the import to be refused');
}

const fileWith = (mutate: (file: Record<string, unknown>) => void): string => {
  const file = JSON.parse(exportAttempts([{ record: finishedRecord(), result: sampleResult() }], EXPORTED_AT));
  mutate(file);
  return JSON.stringify(file);
};

describe('export and parse', () => {
  it('writes the one file format and reads it back unchanged', () => {
    const attempts = [
      { record: finishedRecord(), result: sampleResult(72, ['needle-in-nerve']) },
      { record: sampleRecord({ id: 'attempt-2' }), result: null },
    ];
    const json = exportAttempts(attempts, EXPORTED_AT);
    expect(JSON.parse(json)).toMatchObject({ format: ATTEMPTS_FILE_FORMAT, schemaVersion: 1, exportedAt: EXPORTED_AT });
    expect(parseImport(json)).toEqual({ attempts });
  });

  it('round-trips any valid record exactly', () => {
    fc.assert(
      fc.property(sessionRecordArb, fc.boolean(), (record, scored) => {
        const attempts = [{ record, result: scored ? sampleResult() : null }];
        expect(parseImport(exportAttempts(attempts, EXPORTED_AT))).toEqual({ attempts });
      }),
      { numRuns: 200 },
    );
  });

  it('refuses text that is not JSON', () => {
    expect(refusal(() => parseImport('{"format": ')).message).toMatch(/not JSON.*Nothing was imported/);
  });

  it("refuses another program's file, naming the format it expected", () => {
    const message = refusal(() => parseImport(JSON.stringify({ format: 'gpx', attempts: [] }))).message;
    expect(message).toContain('"gpx"');
    expect(message).toContain(ATTEMPTS_FILE_FORMAT);
    expect(refusal(() => parseImport('[1, 2]')).message).toMatch(/not a trainer attempts file/);
  });

  it('refuses a newer schema version, saying which one this app reads', () => {
    const top = refusal(() => parseImport(fileWith((f) => (f.schemaVersion = 2))));
    expect(top.message).toMatch(/newer version.*schema version 2.*reads version 1/);
    const inRecord = fileWith((f) => ((f.attempts as { record: { schemaVersion: number } }[])[0].record.schemaVersion = 3));
    expect(refusal(() => parseImport(inRecord)).message).toMatch(/schema version 3/);
  });

  it('refuses an invalid field, naming it', () => {
    const badPose = fileWith((f) => {
      const [attempt] = f.attempts as { record: SessionRecord }[];
      (attempt.record.events[1] as unknown as { pose: { centre: { x: unknown } } }).pose.centre.x = 'left a bit';
    });
    expect(refusal(() => parseImport(badPose)).message).toMatch(/attempts\[0\]\.record\.events\[1\]\.pose\.centre\.x: .*expected number/);
    // 1e999 is valid JSON but parses to Infinity.
    const infinite = fileWith(() => undefined).replace('"ml":1.5', '"ml":1e999');
    expect(refusal(() => parseImport(infinite)).message).toMatch(/events\[3\]\.ml/);
    const unknownEvent = fileWith((f) => ((f.attempts as { record: { events: unknown[] } }[])[0].record.events[0] = { tMs: 0, kind: 'teleport' }));
    expect(refusal(() => parseImport(unknownEvent)).message).toMatch(/events\[0\]\.kind/);
  });
});

describe('importAttempts', () => {
  it('stores recomputed scores and reports a doctored total as altered', async () => {
    const store = await freshStore();
    const doctored = { ...sampleResult(72), total: 100 };
    const json = exportAttempts(
      [
        { record: finishedRecord({ id: 'doctored' }), result: doctored },
        { record: finishedRecord({ id: 'honest' }), result: sampleResult(72) },
      ],
      EXPORTED_AT,
    );
    const rescore = honestRescore();
    expect(await importAttempts(store, json, rescore)).toEqual({ imported: ['doctored', 'honest'], duplicates: [], altered: ['doctored'], renamed: [] });
    expect(rescore).toHaveBeenCalledTimes(2);
    const stored = await store.get('doctored');
    expect(stored?.result?.total).toBe(72);
    expect(stored?.altered).toBe(true);
    expect((await store.get('honest'))?.altered).toBe(false);
    expect((await store.list()).find((s) => s.id === 'doctored')?.altered).toBe(true);
  });

  it('keeps the altered mark through a re-export and an import in another browser', async () => {
    const first = await freshStore();
    const doctored = { ...sampleResult(72), total: 100 };
    await importAttempts(first, exportAttempts([{ record: finishedRecord({ id: 'doctored' }), result: doctored }], EXPORTED_AT), honestRescore());
    const stored = (await first.get('doctored'))!;
    // Re-exported, it carries the recomputed (honest) score: only the mark says it was doctored.
    const reExported = exportAttempts([stored], EXPORTED_AT);
    expect(JSON.parse(reExported).attempts[0].altered).toBe(true);
    const elsewhere = await freshStore();
    expect((await importAttempts(elsewhere, reExported, honestRescore())).altered).toEqual(['doctored']);
    expect((await elsewhere.get('doctored'))?.altered).toBe(true);
  });

  it("reports doctored item points as altered even when the total matches", async () => {
    const store = await freshStore();
    const result = sampleResult(72);
    const doctored = { ...result, items: result.items.map((item) => ({ ...item, points: item.maxPoints })) };
    const json = exportAttempts([{ record: finishedRecord(), result: doctored }], EXPORTED_AT);
    expect((await importAttempts(store, json, honestRescore())).altered).toEqual(['attempt-1']);
  });

  it('does not store the same attempt twice', async () => {
    const store = await freshStore();
    const json = exportAttempts([{ record: finishedRecord(), result: sampleResult() }], EXPORTED_AT);
    expect(await importAttempts(store, json, honestRescore())).toEqual({ imported: ['attempt-1'], duplicates: [], altered: [], renamed: [] });
    const rescore = honestRescore();
    expect(await importAttempts(store, json, rescore)).toEqual({ imported: [], duplicates: ['attempt-1'], altered: [], renamed: [] });
    expect(rescore).not.toHaveBeenCalled();
    expect(await store.list()).toHaveLength(1);
  });

  it('keeps an attempt with a known id but other events beside the local one, once', async () => {
    const store = await freshStore();
    await store.save(sampleRecord());
    const json = exportAttempts([{ record: finishedRecord(), result: sampleResult() }], EXPORTED_AT);
    const first = await importAttempts(store, json, honestRescore());
    expect(first.imported).toEqual([expect.stringMatching(/^attempt-1-[0-9a-f]{8}$/)]);
    expect((await store.get('attempt-1'))?.record).toEqual(sampleRecord());
    expect(await importAttempts(store, json, honestRescore())).toEqual({ imported: [], duplicates: first.imported, altered: [], renamed: [] });
  });

  it('keeps unfinished attempts unscored and stores the fluid figures a rescore gives', async () => {
    const store = await freshStore();
    const json = exportAttempts(
      [
        { record: sampleRecord({ id: 'unfinished' }), result: null },
        { record: finishedRecord({ id: 'finished' }), result: null },
      ],
      EXPORTED_AT,
    );
    const rescore = vi.fn<Rescore>(async () => ({ result: sampleResult(64), fluid: sampleFluid }));
    expect((await importAttempts(store, json, rescore)).altered).toEqual([]);
    expect(rescore).toHaveBeenCalledTimes(1);
    expect(await store.get('unfinished')).toMatchObject({ result: null, fluid: null, finishedAt: null });
    expect(await store.get('finished')).toMatchObject({ result: { total: 64 }, fluid: sampleFluid, finishedAt: '2025-03-04T09:31:35.000Z' });
  });

  it('writes nothing when any part of the file is refused or cannot be rescored', async () => {
    const store = await freshStore();
    const twoThenBad = fileWith((f) => {
      const attempts = f.attempts as { record: SessionRecord }[];
      attempts.push({ ...attempts[0], record: { ...attempts[0].record, id: 'second', startedAt: 'yesterday' } });
    });
    const rescore = honestRescore();
    for (const json of ['not json', JSON.stringify({ format: 'other' }), fileWith((f) => (f.schemaVersion = 9)), twoThenBad]) {
      await expect(importAttempts(store, json, rescore)).rejects.toMatchObject({ code: 'invalid-import' });
    }
    expect(rescore).not.toHaveBeenCalled();

    const failing = vi.fn<Rescore>().mockResolvedValueOnce(sampleResult()).mockRejectedValueOnce(new Error('replay diverged'));
    const two = exportAttempts([{ record: finishedRecord({ id: 'a' }), result: null }, { record: finishedRecord({ id: 'b' }), result: null }], EXPORTED_AT);
    await expect(importAttempts(store, two, failing)).rejects.toThrow('replay diverged');
    expect(await store.list()).toEqual([]);
  });

  it('round-trips random valid records through a store exactly', async () => {
    await fc.assert(
      fc.asyncProperty(sessionRecordArb, async (record) => {
        const store = await freshStore();
        const json = exportAttempts([{ record, result: sampleResult() }], EXPORTED_AT);
        const report = await importAttempts(store, json, honestRescore());
        expect(report).toEqual({ imported: [record.id], duplicates: [], altered: [], renamed: [] });
        const stored = await store.get(record.id);
        expect(stored?.record).toEqual(record);
        expect(parseImport(exportAttempts(stored ? [stored] : [], EXPORTED_AT))).toEqual(parseImport(json));
        store.close();
      }),
      { numRuns: 40 },
    );
  });
});
