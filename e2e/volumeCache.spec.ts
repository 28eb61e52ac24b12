import { test, expect } from './simulator';
import type { Page } from '@playwright/test';

/**
 * A second visit to a case reads the knee's label volume kept by the first (IndexedDB) instead of
 * voxelising it again; damaged storage changes nothing. The anatomy image reads the label volume
 * voxel by voxel and has no time in it, so the same pose gives the same pixels only if the volume
 * is the same byte for byte.
 */
const DB = 'cpn-trainer-volumes';

/** The anatomy image over the CPN at the fibular head, as a checksum of its pixels. */
async function anatomyImageOverNerve(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const sim = window.sim!;
    await sim.setImaging({ mode: 'anatomy' });
    await sim.setProbe({ centre: sim.landmarks().cpnAtFibularHead, rotationDeg: 0, compressionMm: 1 });
    const frame = await sim.frame();
    let h = 0x811c9dc5;
    for (const v of frame.pixels) h = Math.imul(h ^ v, 0x01000193);
    return `${frame.width}×${frame.height}:${(h >>> 0).toString(16)}`;
  });
}

/** The kept volumes' records (key, when last used), once the first visit has stored one. */
async function keptVolumes(page: Page): Promise<{ key: string; usedAt: number }[]> {
  return page.evaluate(
    (db) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open(db);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const database = open.result;
          if (!database.objectStoreNames.contains('volumes')) return resolve([]);
          const all = database.transaction('volumes').objectStore('volumes').getAll();
          all.onsuccess = () => resolve((all.result as { key: string; usedAt: number }[]).map(({ key, usedAt }) => ({ key, usedAt })));
          all.onerror = () => reject(all.error);
        };
      }),
    DB,
  );
}

/** Damages the kept volume as a broken disk might: its runs' labels all shifted by one. */
async function damageKeptVolume(page: Page): Promise<void> {
  await page.evaluate(
    (db) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(db);
        open.onsuccess = () => {
          const store = open.result.transaction('volumes', 'readwrite').objectStore('volumes');
          const cursor = store.openCursor();
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) return resolve();
            const record = c.value as { volume: { runLabels: Uint8Array } };
            record.volume.runLabels = record.volume.runLabels.map((l) => (l + 1) % 22);
            c.update(record);
            c.continue();
          };
          cursor.onerror = () => reject(cursor.error);
        };
        open.onerror = () => reject(open.error);
      }),
    DB,
  );
}

test('a second visit reads the kept label volume, the same image pixel for pixel; a damaged one is rebuilt', async ({ sim, page }) => {
  test.setTimeout(300_000);
  await sim.open();
  const voxelised = await anatomyImageOverNerve(page);
  // Kept a moment after the build, so the first frames come first.
  await expect.poll(() => keptVolumes(page), { timeout: 30_000 }).toHaveLength(1);
  const [stored] = await keptVolumes(page);

  await sim.open();
  expect(await anatomyImageOverNerve(page)).toBe(voxelised);
  const [read] = await keptVolumes(page);
  expect(read.key).toBe(stored.key);
  expect(read.usedAt, 'the second visit read the kept volume').toBeGreaterThan(stored.usedAt);

  await damageKeptVolume(page);
  await sim.open();
  expect(await anatomyImageOverNerve(page), 'damaged storage changes nothing').toBe(voxelised);
  // The damaged record was dropped and the rebuilt volume kept in its place.
  await expect.poll(async () => (await keptVolumes(page)).filter((r) => r.usedAt > read.usedAt), { timeout: 30_000 }).toHaveLength(1);
  await sim.open();
  expect(await anatomyImageOverNerve(page)).toBe(voxelised);
});
