import { test, expect } from './simulator';

/** Ward computers and tablets: after one visit the trainer works with the network gone. */
test('after the first visit the trainer loads and runs a short attempt offline', async ({ sim, page, context }) => {
  test.setTimeout(120_000);
  await sim.open();
  // The service worker has precached the app, its worker and the knee model once it controls the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => window.sim !== undefined);
  await page.evaluate(() => window.sim!.ready());
  // The 3D view drew the knee from the cached model.
  await expect(page.getByTestId('scene-view')).toBeVisible();
  const result = await page.evaluate(async () => {
    const sim = window.sim!;
    const head = sim.landmarks().cpnAtFibularHead;
    const probe = await sim.setProbe({ centre: head, rotationDeg: 0, compressionMm: 1 });
    const entry = { x: probe.pose.centre.x - probe.axes.array.x * 21, y: probe.pose.centre.y - probe.axes.array.y * 21, z: probe.pose.centre.z - probe.axes.array.z * 21 };
    const target = { x: head.x - probe.axes.beam.x * 2.2, y: head.y - probe.axes.beam.y * 2.2, z: head.z - probe.axes.beam.z * 2.2 };
    const d = { x: target.x - entry.x, y: target.y - entry.y, z: target.z - entry.z };
    const len = Math.hypot(d.x, d.y, d.z);
    const placed = await sim.insertNeedle({ entry, direction: { x: d.x / len, y: d.y / len, z: d.z / len } });
    await sim.advanceNeedle(Math.hypot(target.x - placed.tip.x, target.y - placed.tip.y, target.z - placed.tip.z));
    await sim.inject(1);
    return sim.finish();
  });
  expect(typeof result.total).toBe('number');
  await expect(page.getByTestId('debrief')).toBeVisible();
  await context.setOffline(false);
});
