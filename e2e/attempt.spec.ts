import { ARTIFACTS_DIR } from './simulator';
import { test, expect, sharePageWithinFile } from './support/sharedSimulator';
import { playGoodAttempt, playIntraneuralAttempt, needleAboveNerve } from './attemptScripts';
import { add } from './support/vec';

// Each test starts a new attempt on one shared page (support/sharedSimulator.ts); each names its
// trainee, so the attempts the others stored in this browser do not get in its way.
sharePageWithinFile();

/** The scored attempt: finish → debrief, attempts never lost, export/import, the instructor's review. */

test('a good attempt in assessment mode scores ≥ 85 and the debrief shows the halo', async ({ sim, page }) => {
  test.setTimeout(120_000);
  await sim.open();
  await playGoodAttempt(page);
  const result = await page.evaluate(() => window.sim!.finish());
  expect(result.total).toBeGreaterThanOrEqual(85);
  expect(result.safetyEvents.filter((e) => e.critical)).toHaveLength(0);
  await expect(page.getByTestId('debrief')).toBeVisible();
  // The debrief shows the scored total (to its one decimal) and every item's points out of its maximum.
  const shownTotal = Number((await page.getByTestId('score-total').innerText()).match(/^\s*([\d.]+)/)![1]);
  expect(Math.abs(shownTotal - result.total)).toBeLessThanOrEqual(0.05);
  for (const item of result.items) {
    const shown = (await page.getByTestId(`item-${item.id}`).locator('td.points').innerText()).match(/^([\d.]+)\/(\d+)$/);
    expect(shown, item.id).not.toBeNull();
    expect(Math.abs(Number(shown![1]) - item.points), item.id).toBeLessThanOrEqual(0.05);
    expect(Number(shown![2]), item.id).toBe(item.maxPoints);
  }
  await expect(page.getByTestId('fluid-cross-sections')).toBeVisible();
  await expect(page.getByTestId('item-halo')).toContainText('20/20');
  await page.screenshot({ path: `${ARTIFACTS_DIR}/debrief-good.png`, fullPage: true });
});

test('an intraneural injection is capped at 20, with the event on the timeline', async ({ sim, page }) => {
  await sim.open();
  await playIntraneuralAttempt(page);
  await page.getByTestId('finish').click();
  await expect(page.getByTestId('debrief')).toBeVisible();
  await expect(page.getByTestId('score-cap')).toContainText('Capped at 20');
  await expect(page.getByTestId('safety-intraneural-injection')).toBeVisible();
  await expect(page.getByTestId('safety-timeline')).toBeVisible();
  const total = Number((await page.getByTestId('score-total').innerText()).split('/')[0]);
  expect(total).toBeLessThanOrEqual(20);
  await page.screenshot({ path: `${ARTIFACTS_DIR}/debrief-intraneural.png`, fullPage: true });
});

test('reloading mid-attempt offers to resume exactly where it was', async ({ sim, page }) => {
  await sim.open();
  await page.evaluate(() => window.sim!.setAttempt({ trainee: 'Dr Reload', mode: 'guided' }));
  await needleAboveNerve(page);
  const before = await page.evaluate(async () => {
    const sim = window.sim!;
    await sim.inject(1);
    await new Promise((r) => setTimeout(r, 300));
    return { events: sim.events().length, fluid: sim.fluid(), needle: sim.needle(), probe: sim.probe().pose };
  });
  await page.reload();
  await page.waitForFunction(() => window.sim !== undefined);
  await page.evaluate(() => window.sim!.ready());
  await page.getByTestId('resume-yes').click();
  await expect.poll(() => page.evaluate(() => window.sim!.events().length)).toBe(before.events);
  // The resumed state is in place once the syringe shows what was used.
  await expect(page.getByTestId('syringe')).toContainText('9.0 ml');
  const after = await page.evaluate(() => ({ fluid: window.sim!.fluid(), needle: window.sim!.needle(), probe: window.sim!.probe().pose }));
  expect(after.fluid.totalMl).toBeCloseTo(before.fluid.totalMl, 6);
  expect(after.fluid.haloCoveragePct).toBeCloseTo(before.fluid.haloCoveragePct, 6);
  expect(after.needle?.tip.x).toBeCloseTo(before.needle!.tip.x, 6);
  expect(after.probe.centre.x).toBeCloseTo(before.probe.centre.x, 6);
});

test('export → import into a fresh browser gives the same score; a doctored file is flagged; a corrupt one is refused', async ({ sim, page, browser }) => {
  test.setTimeout(120_000);
  await sim.open();
  await playIntraneuralAttempt(page, 'Dr Export');
  const result = await page.evaluate(() => window.sim!.finish());
  const exported = await page.evaluate(async () => {
    const list = await window.sim!.attempts.list();
    const mine = list.find((a) => a.trainee === 'Dr Export')!;
    return { id: mine.id, json: await window.sim!.attempts.export(mine.id) };
  });
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto('/?automation');
  await other.waitForFunction(() => window.sim !== undefined);
  await other.evaluate(() => window.sim!.ready());
  const imported = await other.evaluate(async (json) => {
    const id = await window.sim!.attempts.import(json);
    const again = await window.sim!.attempts.import(json);
    const list = await window.sim!.attempts.list();
    return { id, again, list };
  }, exported.json);
  expect(imported.id).toBe(exported.id);
  expect(imported.again).toBe(exported.id);
  expect(imported.list.filter((a) => a.id === exported.id)).toHaveLength(1);
  const row = imported.list.find((a) => a.id === exported.id)!;
  expect(row.total).toBe(result.total);
  expect(row.altered).toBe(false);

  // A doctored score is recomputed from the events and marked.
  const doctored = JSON.parse(exported.json);
  doctored.attempts[0].record.id = 'doctored-attempt';
  doctored.attempts[0].result.total = 100;
  const flagged = await other.evaluate(async (json) => {
    await window.sim!.attempts.import(json);
    return (await window.sim!.attempts.list()).find((a) => a.id === 'doctored-attempt')!;
  }, JSON.stringify(doctored));
  expect(flagged.altered).toBe(true);
  expect(flagged.total).toBe(result.total);
  // The mark travels: re-exported (with its recomputed score) and imported in the first browser, it is still altered.
  const reExported = await other.evaluate(() => window.sim!.attempts.export('doctored-attempt'));
  expect(JSON.parse(reExported).attempts[0].altered).toBe(true);
  const elsewhere = await page.evaluate(async (json) => {
    await window.sim!.attempts.import(json);
    return (await window.sim!.attempts.list()).find((a) => a.id === 'doctored-attempt')!;
  }, reExported);
  expect(elsewhere.altered).toBe(true);

  // Corrupt, foreign and future files: a clear message, nothing stored.
  const refusals = await other.evaluate(async () => {
    const count = (await window.sim!.attempts.list()).length;
    const code = (json: string) => window.sim!.attempts.import(json).then(() => 'accepted', (e: Error & { code?: string }) => `${e.code}: ${e.message}`);
    return {
      corrupt: await code('{"format": "cpn-hydrodissection-attempts", "schemaVersion": 1, "attempts": [{"record": 42'),
      foreign: await code('{"hello": "world"}'),
      future: await code('{"format": "cpn-hydrodissection-attempts", "schemaVersion": 9, "exportedAt": "2026-01-01T00:00:00Z", "attempts": []}'),
      unchanged: (await window.sim!.attempts.list()).length === count,
    };
  });
  expect(refusals.corrupt).toMatch(/^invalid-import: .*not JSON/);
  expect(refusals.foreign).toMatch(/^invalid-import: .*not a trainer attempts file/);
  expect(refusals.future).toMatch(/^invalid-import: .*newer version/);
  expect(refusals.unchanged).toBe(true);
  await fresh.close();
});

test('the instructor sees the attempts list, a replay and a trainee’s learning curve', async ({ sim, page }) => {
  test.setTimeout(120_000);
  await sim.open();
  let live = { fluid: { totalMl: 0, intraneuralMl: 0, haloCoveragePct: 0 }, total: 0 };
  for (let i = 0; i < 2; i++) {
    await playIntraneuralAttempt(page, 'Dr Curve');
    live = await page.evaluate(async () => ({ fluid: window.sim!.fluid(), total: (await window.sim!.finish()).total }));
    await page.evaluate(() => window.sim!.reset());
  }
  await page.getByTestId('open-review').click();
  await expect(page.getByTestId('attempts-table')).toBeVisible();
  await expect(page.getByTestId('attempt-row').first()).toBeVisible();
  await page.getByTestId('filter-trainee').selectOption('Dr Curve');
  await expect(page.getByTestId('attempt-row')).toHaveCount(2);
  await expect(page.getByTestId('learning-curve')).toBeVisible();
  await expect(page.getByTestId('cusum-chart')).toBeVisible();
  await page.screenshot({ path: `${ARTIFACTS_DIR}/review-list.png`, fullPage: true });
  await page.getByTestId('open-replay').first().click();
  await expect(page.getByTestId('replay-bar')).toBeVisible();
  await expect(page.getByTestId('replay-time')).toContainText('event 1/');
  // The replay respects the record: every live control is off, and the API refuses live actions.
  for (const id of ['probe-tilt', 'probe-compression', 'toggle-axis', 'imaging-gain', 'needle-angle', 'needle-insert', 'inject', 'inject-hold', 'aspirate', 'case-select']) {
    await expect(page.getByTestId(id), id).toBeDisabled();
  }
  await expect(page.getByTestId('needle-pad')).toHaveAttribute('aria-disabled', 'true');
  const refused = await page.evaluate(async () => {
    const sim = window.sim!;
    const before = JSON.stringify([sim.probe().pose, sim.needle(), sim.fluid().totalMl]);
    const codes: string[] = [];
    const tries = [() => sim.setProbe({ centre: sim.probe().pose.centre, rotationDeg: 45 }), () => sim.advanceNeedle(1), () => sim.inject(0.5), () => sim.setImaging({ gainDb: 5 }), () => sim.saveImage(), () => sim.finish()];
    for (const attempt of tries) await attempt().then(() => codes.push('accepted'), (e: { name: string; code: string }) => codes.push(`${e.name}:${e.code}`));
    return { codes, unchanged: JSON.stringify([sim.probe().pose, sim.needle(), sim.fluid().totalMl]) === before };
  });
  expect(refused.codes).toEqual(Array(6).fill('SimError:replaying'));
  expect(refused.unchanged).toBe(true);
  // Step to the first safety event: the replay stops there and says what happened.
  await page.getByTestId('replay-next-safety').click();
  await expect(page.getByTestId('replay-safety-here')).toContainText(/touched the (common peroneal )?nerve/);
  const last = await page.getByTestId('replay-scrub').getAttribute('max');
  // Play from near the end: it stops there, not pretending to play on.
  await page.getByTestId('replay-scrub').fill(String(Number(last) - 2));
  await page.getByTestId('replay-play').click();
  await expect(page.getByTestId('replay-time')).toContainText(`event ${last}/${last}`);
  await expect(page.getByTestId('replay-play')).toHaveAttribute('aria-pressed', 'false');
  // The replay ends where the live attempt ended: the same fluid to the last voxel's worth.
  await expect.poll(() => page.evaluate(() => window.sim!.fluid().intraneuralMl)).toBeCloseTo(live.fluid.intraneuralMl, 9);
  const replayed = await page.evaluate(() => window.sim!.fluid());
  expect(replayed.totalMl).toBeCloseTo(live.fluid.totalMl, 9);
  expect(replayed.haloCoveragePct).toBeCloseTo(live.fluid.haloCoveragePct, 9);
  await sim.screenshots('replay-end');
  // Its debrief, rescored from the stored events, gives the score the trainee got.
  await page.getByTestId('replay-close').click();
  await expect(page.getByTestId('review')).toBeVisible();
  await page.getByTestId('open-debrief').first().click();
  await expect(page.getByTestId('debrief')).toBeVisible();
  await expect(page.getByTestId('score-total')).toContainText(String(live.total));
  await page.screenshot({ path: `${ARTIFACTS_DIR}/review-debrief.png`, fullPage: true });
});

test('guided practice: the checklist ticks itself from what the trainee did, and the coach speaks up', async ({ sim, page }) => {
  await sim.open();
  await page.getByTestId('mode-select').selectOption('guided');
  await expect(page.getByTestId('checklist')).toBeVisible();
  await expect(page.getByTestId('checklist-step').first()).toHaveAttribute('data-done', 'false');
  // Held still over the nerve in short axis until the checklist's first step ticks (no timer of our own), then pressed a little.
  await sim.shortAxisOverNerve();
  await expect(page.getByTestId('checklist-step').first()).toHaveAttribute('data-done', 'true', { timeout: 10_000 });
  await page.evaluate(() => window.sim!.setProbe({ centre: window.sim!.landmarks().cpnAtFibularHead, rotationDeg: 0, compressionMm: 1.2 }));
  // A novice error: advancing a needle 4 mm out of the image plane.
  const probe = await sim.probe();
  await sim.needle.insert(add(await sim.needle.inPlaneEntry(probe), probe.axes.elevation, 4), add(add({ x: 0, y: 0, z: 0 }, probe.axes.array, 0.8), probe.axes.beam, 0.6));
  await sim.needle.advance(6);
  await expect(page.getByTestId('coaching')).toContainText('tip out of the image');
  await page.screenshot({ path: `${ARTIFACTS_DIR}/guided-checklist.png` });
  // Assessment mode: no checklist, no hints.
  await page.getByTestId('mode-select').selectOption('assessment');
  await expect(page.getByTestId('checklist')).toHaveCount(0);
});
