import { test, expect, sharePageWithinFile } from './support/sharedSimulator';
import { boneShadowRatio, meanAbsoluteDifference, nerveRimAndInside } from './support/image';

// Each test starts a new attempt on one shared page (support/sharedSimulator.ts).
sharePageWithinFile();

test.describe('the B-mode image', () => {
  test('is the default image, with bone shadow and a dark nerve in short axis', async ({ sim, page }) => {
    await sim.open();
    await expect(page.getByTestId('image-mode')).toContainText('B-mode');
    await sim.placeProbeOver('cpnAtFibularHead', 0);
    // Lateral half of the image: the fibular head's cortex is the brightest row below the nerve.
    const median = boneShadowRatio(await page.evaluate(() => window.sim!.frame()));
    await sim.screenshots('bmode-short-axis');
    expect(median).not.toBeNull();
    // Dark, but the receiver's noise is there: not black.
    expect(median!).toBeLessThan(0.4);
    expect(median!).toBeGreaterThan(0.02);
  });

  test('shows what a sonographer looks for: white cortex, a nerve with a bright rim round a darker inside, no black holes', async ({ sim, page }) => {
    await sim.open();
    await sim.placeProbeOver('cpnAtFibularHead', 0);
    const measured = await page.evaluate(async () => {
      const f = await window.sim!.frame();
      const at = (col: number, row: number) => f.pixels[Math.round(row) * f.width + Math.round(col)];
      const nerve = window.sim!.worldToImage(window.sim!.landmarks().cpnAtFibularHead);
      const pxPerMm = f.width / f.widthMm;
      // Mean of a 3×3 neighbourhood: takes the edge off the speckle.
      const smooth = (col: number, row: number) => {
        let sum = 0;
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) sum += at(col + dx, row + dy);
        return sum / 9;
      };
      let inside = 0;
      let n = 0;
      for (let dy = -5; dy <= 5; dy++)
        for (let dx = -5; dx <= 5; dx++)
          if (dx * dx + dy * dy <= 0.8 * 0.8 * pxPerMm * pxPerMm) {
            inside += at(nerve.col + dx, nerve.row + dy);
            n++;
          }
      inside /= n;
      const rimBrighter: boolean[] = [];
      for (let k = 0; k < 8; k++) {
        const angle = (2 * Math.PI * (k + 0.5)) / 8;
        let best = 0;
        for (let rMm = 1.2; rMm <= 2.8; rMm += 0.1) best = Math.max(best, smooth(nerve.col + Math.cos(angle) * rMm * pxPerMm, nerve.row + Math.sin(angle) * rMm * pxPerMm));
        rimBrighter.push(best > inside + 8);
      }
      const sorted = Array.from(f.pixels).sort((a, b) => a - b);
      return {
        rimSectors: rimBrighter.filter(Boolean).length,
        p99: sorted[Math.floor(0.99 * (sorted.length - 1))],
        zeroShare: sorted.filter((g) => g === 0).length / sorted.length,
      };
    });
    expect(measured.rimSectors).toBeGreaterThanOrEqual(6);
    expect(measured.p99).toBeGreaterThanOrEqual(200);
    expect(measured.zeroShare).toBeLessThan(0.005);
  });

  test('long axis, and a view tilted 12°: still the bone with its shadow and the nerve with its rim, measurably not the untilted image', async ({ sim, page }) => {
    await sim.open();
    const longAxis = await sim.placeProbeOver('cpnAtFibularHead', 90);
    expect(longAxis.view).toBe('long-axis');
    await expect(sim.viewClass()).toHaveAttribute('data-view', 'long-axis');
    await sim.screenshots('bmode-long-axis');

    const areaMm2 = (await page.evaluate(() => window.sim!.nerveAt(0)))!.areaMm2;
    const look = async (tiltDeg: number) => {
      const report = await sim.shortAxisOverNerve(tiltDeg);
      const frame = await page.evaluate(() => window.sim!.frame());
      return { report, frame, shadow: boneShadowRatio(frame), nerve: report.nerveInImage ? nerveRimAndInside(frame, report.nerveInImage, areaMm2) : null };
    };
    const flat = await look(0);
    const again = await look(0);
    const tilted = await look(12);
    await sim.screenshots('bmode-tilted-12deg');
    // A sonographer rocking the probe 12° still finds the fibular head (bright cortex, dark shadow
    // under it) and the CPN in cross-section (a bright rim round a darker inside).
    expect(tilted.report.view).toMatch(/^(short-axis|oblique)$/);
    expect(tilted.shadow).not.toBeNull();
    expect(tilted.shadow!).toBeLessThan(0.4);
    expect(tilted.nerve).not.toBeNull();
    expect(tilted.nerve!.rim).toBeGreaterThan(tilted.nerve!.inside + 5);
    // And it is another slice: the tilt changes the image far more than drawing the same pose twice,
    // and the nerve, seen along a slanted beam, moves in the image.
    const noise = meanAbsoluteDifference(flat.frame, again.frame);
    expect(meanAbsoluteDifference(flat.frame, tilted.frame)).toBeGreaterThan(Math.max(3, 4 * noise));
    const moved = Math.hypot(tilted.report.nerveInImage!.col - flat.report.nerveInImage!.col, tilted.report.nerveInImage!.row - flat.report.nerveInImage!.row);
    expect(moved).toBeGreaterThan(1);
  });

  test('depth and gain answer their keyboard shortcuts and show on the image', async ({ sim, page }) => {
    await sim.open();
    await page.locator('body').focus();
    await page.keyboard.press('PageDown');
    await page.keyboard.press(']');
    await expect(page.getByTestId('imaging-settings')).toContainText('D 35 mm');
    await expect(page.getByTestId('imaging-settings')).toContainText('G +2 dB');
    const frame = await page.evaluate(() => window.sim!.frame());
    expect(frame.depthMm).toBe(35);
    await page.keyboard.press('f');
    await expect(page.getByTestId('focus-marker')).toHaveAttribute('title', 'Focus 12 mm');
    const refused = await page.evaluate(() =>
      window.sim!.setImaging({ focusMm: 80 }).then(
        () => 'accepted',
        (e: Error) => e.name,
      ),
    );
    expect(refused).toBe('SimError');
  });
});

test('pressing and sliding drags the skin in the image; lifting lets it spring back', async ({ sim, page }) => {
  await sim.open();
  await page.evaluate(() => window.sim!.reset({ caseId: 'swollen-adhered-nerve' }));
  await page.evaluate(async () => {
    const centre = window.sim!.landmarks().cpnAtFibularHead;
    await window.sim!.setProbe({ centre, rotationDeg: 0, compressionMm: 3 });
  });
  const before = await page.evaluate(() => window.sim!.frame());
  await page.locator('body').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const dragged = await sim.probe();
  expect(dragged.pose.skinDragMm).toBeCloseTo(2, 1);
  const after = await page.evaluate(() => window.sim!.frame());
  expect(Buffer.from(after.pixels).equals(Buffer.from(before.pixels))).toBe(false);
  await sim.screenshots('bmode-adhered-dragged');
  // Ease off completely: the probe glides, the skin springs back.
  for (let i = 0; i < 3; i++) await page.keyboard.press('v');
  expect((await sim.probe()).pose.skinDragMm).toBe(0);
});
