import { test, expect } from './simulator';
import { needleAboveNerve } from './attemptScripts';

/** Ward computers and tablets: after one visit the trainer works with the network gone. */
test('after the first visit the trainer loads and runs a short attempt offline', async ({ sim, page, context }) => {
  test.setTimeout(120_000);
  await sim.open();
  // Once the service worker is active its install has precached the app, its worker and the models.
  const precached = await page.evaluate(async () => {
    const noWorker = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no service worker became active in 60 s')), 60_000));
    await Promise.race([navigator.serviceWorker.ready, noWorker]);
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    }
    return urls;
  });
  expect(precached.some((u) => /\/models\/[^/]+\.glb$/.test(u)), 'a 3D model is precached').toBe(true);
  expect(precached.some((u) => /\/assets\/simulationWorker-[^/]+\.js$/.test(u)), 'the simulation worker is precached').toBe(true);
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await context.setOffline(true);
  const served: { url: string; fromServiceWorker: boolean }[] = [];
  page.on('response', (r) => served.push({ url: r.url(), fromServiceWorker: r.fromServiceWorker() }));
  const navigation = await page.reload();
  expect(navigation?.fromServiceWorker(), 'the page itself comes from the service worker').toBe(true);
  await page.waitForFunction(() => window.sim !== undefined);
  // The knee builds with no network: the worker bundle and the model come from the precache.
  await page.evaluate(() => window.sim!.ready());
  await expect(page.getByTestId('scene-view')).toBeVisible();
  expect(served.find((r) => /\/models\/[^/]+\.glb$/.test(r.url))?.fromServiceWorker, 'the model was served offline').toBe(true);
  expect(served.every((r) => r.fromServiceWorker || r.url.startsWith('data:') || r.url.startsWith('blob:')), JSON.stringify(served)).toBe(true);

  await needleAboveNerve(page);
  const result = await page.evaluate(async () => {
    const sim = window.sim!;
    const injected = await sim.inject(1);
    return { injected, score: await sim.finish() };
  });
  expect(result.injected.injectedMl).toBeCloseTo(1, 3);
  expect(typeof result.score.total).toBe('number');
  expect(Number.isFinite(result.score.total)).toBe(true);
  await expect(page.getByTestId('debrief')).toBeVisible();
  await context.setOffline(false);
});
