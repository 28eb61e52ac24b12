import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultAnatomyParameters, type AnatomyParameters } from '../core/anatomy/parameters';
import { KneeAnatomy } from '../core/anatomy/knee';
import { voxelise } from '../core/anatomy/voxelise';
import { codeVersionOf, createVolumeCache, VOLUME_DB_NAME, volumeKey, VOXEL_CODE_VERSION, MAX_ENTRIES } from './volumeCache';
import { expectSameVolume, smallVolume } from './testVolumes';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

const caseOf = (seed: number): AnatomyParameters => ({ ...defaultAnatomyParameters, seed });
let clock = 0;
const cache = (codeVersion = '1:abc12345') => createVolumeCache({ codeVersion, now: () => ++clock });

/** The stored records, read past the cache (what a damaged disk or another tab could have left). */
async function records() {
  const db = await openDB(VOLUME_DB_NAME);
  const all = await db.getAll('volumes');
  db.close();
  return all as { key: string; parameters: string; volume: Record<string, unknown> }[];
}

async function overwrite(key: string, change: (record: Record<string, unknown>) => unknown) {
  const db = await openDB(VOLUME_DB_NAME);
  const record = (await db.get('volumes', key)) as Record<string, unknown>;
  await db.put('volumes', change(record));
  db.close();
}

describe('volume cache', () => {
  it('a second visit gets the voxelised knee back byte for byte, with nothing stored before the first', async () => {
    const parameters = caseOf(1);
    const fresh = voxelise(new KneeAnatomy(parameters), { spacingMm: 2 });
    const first = cache();
    expect(await first.load(parameters)).toBeNull();
    await first.save(parameters, fresh);
    // A new worker (a new page) with the same build.
    const loaded = await cache().load(parameters);
    expect(loaded).not.toBeNull();
    // Byte-identical to a fresh build of the same case, not only to what was saved.
    expectSameVolume(voxelise(new KneeAnatomy(parameters), { spacingMm: 2 }), loaded!);
  });

  it('is keyed by the anatomy and the code: another case or another build never reads the volume', async () => {
    await cache('1:abc12345').save(caseOf(1), smallVolume(1));
    expect(await cache('1:abc12345').load(caseOf(2))).toBeNull();
    expect(await cache('1:zzz99999').load(caseOf(1))).toBeNull();
    expect(await cache('1:abc12345').load({ ...caseOf(1), nerveAreaMm2: 12 })).toBeNull();
    expect(volumeKey(caseOf(1), 'a')).not.toBe(volumeKey(caseOf(1), 'b'));
    // The same parameters in another key order are the same case.
    const reordered = Object.fromEntries(Object.entries(caseOf(1)).reverse()) as unknown as AnatomyParameters;
    expect(volumeKey(reordered, 'a')).toBe(volumeKey(caseOf(1), 'a'));
    expectSameVolume(smallVolume(1), (await cache('1:abc12345').load(reordered))!);
  });

  it('ignores and drops a damaged or foreign record, and the rebuilt volume is stored in its place', async () => {
    const parameters = caseOf(1);
    const c = cache();
    await c.save(parameters, smallVolume(1));
    const [{ key }] = await records();
    const damages: ((r: Record<string, unknown>) => unknown)[] = [
      (r) => ({ ...r, volume: { ...(r.volume as object), checksum: 12345 } }),
      (r) => ({ ...r, volume: 'not a volume' }),
      (r) => ({ ...r, parameters: JSON.stringify(caseOf(9)) }),
      (r) => ({ ...r, codeVersion: '1:other000' }),
      (r) => {
        const v = r.volume as { runLabels: Uint8Array };
        const runLabels = v.runLabels.slice();
        runLabels[0] = (runLabels[0] + 1) % 22;
        return { ...r, volume: { ...v, runLabels } };
      },
    ];
    for (const damage of damages) {
      await overwrite(key, damage);
      expect(await c.load(parameters)).toBeNull();
      expect(await records()).toHaveLength(0);
      await c.save(parameters, smallVolume(1));
      expectSameVolume(smallVolume(1), (await c.load(parameters))!);
    }
  });

  it('keeps only the most recently used cases', async () => {
    const c = cache();
    for (let seed = 1; seed <= MAX_ENTRIES; seed++) await c.save(caseOf(seed), smallVolume(seed));
    // Using case 1 again makes case 2 the least recently used.
    expect(await c.load(caseOf(1))).not.toBeNull();
    await c.save(caseOf(10), smallVolume(10));
    await c.save(caseOf(11), smallVolume(11));
    const kept = (await records()).map((r) => (JSON.parse(r.parameters) as AnatomyParameters).seed).sort((a, b) => a - b);
    expect(kept).toHaveLength(MAX_ENTRIES);
    expect(kept).toEqual([1, 10, 11].slice(0, MAX_ENTRIES).sort((a, b) => a - b));
    expect(await c.load(caseOf(2))).toBeNull();
  });

  it('without IndexedDB every load is a miss and saving changes nothing', async () => {
    // @ts-expect-error a browser without IndexedDB (or with it blocked)
    globalThis.indexedDB = undefined;
    const c = cache();
    await c.save(caseOf(1), smallVolume(1));
    expect(await c.load(caseOf(1))).toBeNull();
  });

  it('takes the code version from the production worker bundle name only', () => {
    expect(codeVersionOf('https://host/app/assets/simulationWorker-Ctw43BwW.js')).toBe(`${VOXEL_CODE_VERSION}:Ctw43BwW`);
    expect(codeVersionOf('http://localhost:5173/src/worker/simulationWorker.ts?worker_file&type=module')).toBeNull();
  });
});
