import { test, expect, sharePageWithinFile } from './support/sharedSimulator';

// Each test starts a new attempt on one shared page (support/sharedSimulator.ts).
sharePageWithinFile();

test.describe('finding the CPN at the fibular head', () => {
  test('the app loads and ready() resolves with a frame on screen', async ({ sim, page }) => {
    await sim.open();
    await expect(page.getByTestId('build-progress')).toHaveCount(0);
    const frame = await page.evaluate(() => window.sim!.frame());
    expect(frame.width).toBe(300);
    expect(frame.depthMm).toBe(30);
    expect(frame.pixels.length).toBe(frame.width * frame.height);
    await sim.screenshots('start');
  });

  test('transverse over the CPN is short axis, the nerve in the frame, its bright rim standing out round its inside', async ({ sim, page }) => {
    await sim.open();
    const report = await sim.placeProbeOver('cpnAtFibularHead', 0);
    expect(report.view).toBe('short-axis');
    await expect(sim.viewClass()).toHaveAttribute('data-view', 'short-axis');

    const nerve = (await sim.landmarks()).cpnAtFibularHead;
    const at = await page.evaluate((p) => window.sim!.worldToImage(p), nerve);
    const frame = await page.evaluate(() => window.sim!.frame());
    expect(at.col).toBeGreaterThan(0);
    expect(at.col).toBeLessThan(frame.width);
    expect(at.row).toBeGreaterThan(0);
    expect(at.row).toBeLessThan(frame.height);
    expect(Math.abs(at.outOfPlaneMm)).toBeLessThan(1);
    expect(Math.abs(at.col - report.nerveInImage!.col)).toBeLessThan(3);

    // What makes a nerve findable: the bright epineurium and sheath ring round its honeycomb inside.
    const radiusPx = Math.sqrt(8.4 / Math.PI) / 0.15;
    const grey = await page.evaluate(
      async ({ col, row, radiusPx }) => {
        const f = await window.sim!.frame();
        let inside = 0;
        let nIn = 0;
        let rim = 0;
        let nRim = 0;
        for (let y = Math.floor(row - radiusPx - 4); y <= row + radiusPx + 4; y++)
          for (let x = Math.floor(col - radiusPx - 4); x <= col + radiusPx + 4; x++) {
            const d = Math.hypot(x + 0.5 - col, y + 0.5 - row);
            const g = f.pixels[y * f.width + x];
            if (d <= radiusPx - 3) {
              inside += g;
              nIn++;
            } else if (d >= radiusPx - 1 && d <= radiusPx + 3) {
              rim += g;
              nRim++;
            }
          }
        return { inside: inside / nIn, rim: rim / nRim };
      },
      { col: at.col, row: at.row, radiusPx },
    );
    expect(grey.rim).toBeGreaterThan(grey.inside + 5);
    await sim.screenshots('short-axis');
  });

  test('turning the probe 90° shows the CPN in long axis', async ({ sim, page }) => {
    await sim.open();
    await sim.placeProbeOver('cpnAtFibularHead', 0);
    await page.getByTestId('toggle-axis').click();
    await expect(sim.viewClass()).toHaveAttribute('data-view', 'long-axis');
    const probe = await sim.probe();
    expect(probe.pose.rotationDeg).toBe(90);
    expect(probe.view).toBe('long-axis');
    await sim.screenshots('long-axis');
  });

  test('the image follows the depth setting and the attempt log records it', async ({ sim, page }) => {
    await sim.open();
    await page.evaluate(() => window.sim!.setImaging({ depthMm: 40 }));
    const frame = await page.evaluate(() => window.sim!.frame());
    expect(frame.depthMm).toBe(40);
    expect(frame.height).toBe(Math.round(40 / 0.15));
    await expect(page.getByTestId('imaging-settings')).toContainText('D 40 mm');
    const kinds = await page.evaluate(() => window.sim!.events().map((e) => e.kind));
    expect(kinds).toContain('imaging');
    expect(kinds).toContain('probe-pose');
  });
});

test('choosing another patient in the picker rebuilds that knee, its nerve in 3D and its image', async ({ sim, page }) => {
  await sim.open();
  const before = (await sim.landmarks()).cpnAtFibularHead;
  const sceneBefore = await page.getByTestId('scene-view').screenshot();
  await page.getByTestId('case-select').selectOption('nerve-behind-fibular-head');
  await page.evaluate(() => window.sim!.ready());
  const after = (await sim.landmarks()).cpnAtFibularHead;
  expect(after.x).toBeLessThan(before.x - 4); // behind (medial to) the head rather than over it
  // The 3D view shows this patient's nerve (built from its anatomy), not the last one's.
  await expect.poll(async () => (await page.getByTestId('scene-view').screenshot()).equals(sceneBefore)).toBe(false);
  await sim.screenshots('case-nerve-behind-head');
});
