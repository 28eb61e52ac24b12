import { test, expect } from './simulator';
import { needleAboveNerve } from './attemptScripts';

/**
 * The simulation worker dies mid-attempt (sim.faults.killWorker, as a crashed tab process would):
 * the app starts a new one, rebuilds the attempt from its record, finishes what was in flight once,
 * and tells the trainee. Nothing the trainee saw applied is lost or doubled.
 */
test.setTimeout(300_000);

test('a worker killed mid-injection recovers: nothing lost, nothing doubled, the trainee is told', async ({ sim, page }) => {
  await sim.open();
  await needleAboveNerve(page);
  const before = await page.evaluate(async () => {
    const s = window.sim!;
    await s.inject(1);
    return { events: s.events().length, fluidMl: s.fluid().totalMl, needle: s.needle() };
  });
  expect(before.fluidMl).toBeGreaterThan(0.5);
  await expect(page.getByTestId('worker-recovered')).toHaveCount(0);

  // A second 1 ml injection is in flight when the worker dies.
  const after = await page.evaluate(async () => {
    const s = window.sim!;
    const injecting = s.inject(1);
    s.faults.killWorker();
    const result = await injecting;
    const events = s.events();
    return {
      result,
      events: events.length,
      injections: events.filter((e) => e.kind === 'injection').map((e) => ('ml' in e && typeof e.ml === 'number' ? e.ml : 0)),
      fluidMl: s.fluid().totalMl,
      needle: s.needle(),
    };
  });
  expect(after.injections).toEqual([1, 1]);
  expect(after.events).toBe(before.events + 1);
  expect(after.result.totalMl).toBeCloseTo(2, 6);
  expect(after.fluidMl).toBeGreaterThan(before.fluidMl + 0.5);
  expect(after.fluidMl).toBeLessThan(2.2);
  expect(after.needle?.tip).toEqual(before.needle?.tip);
  await expect(page.getByTestId('worker-recovered')).toBeVisible();

  // The rebuilt attempt goes on: the image still follows, and the attempt scores with both injections.
  const frame = await page.evaluate(async () => {
    const f = await window.sim!.frame();
    return { width: f.width, lit: f.pixels.some((v) => v > 0) };
  });
  expect(frame.lit).toBe(true);
  await page.evaluate(async () => {
    await window.sim!.advanceNeedle(-1);
    await window.sim!.inject(0.5);
  });
  const finished = await page.evaluate(async () => {
    const result = await window.sim!.finish();
    return { total: result.total, injections: window.sim!.events().filter((e) => e.kind === 'injection').length };
  });
  expect(finished.injections).toBe(3);
  expect(finished.total).toBeGreaterThan(0);
});
