import { test, expect, sharePageWithinFile } from './support/sharedSimulator';
import { ARTIFACTS_DIR } from './simulator';

sharePageWithinFile();
// The page is shared, and two tests below resize it: every test starts at the configured size.
test.beforeEach(async ({ page }) => {
  const size = test.info().project.use.viewport;
  if (size) await page.setViewportSize(size);
});

test('a trainee using only the keyboard finds the CPN in short axis, centres it, then turns to long axis', async ({ sim, page }) => {
  await sim.open();
  // The probe starts transverse over the medial popliteal fossa, away from the nerve.
  await expect(sim.viewClass()).toHaveAttribute('data-view', 'no-nerve');
  await page.locator('body').focus();

  // Slide laterally (the array runs medial → lateral in the transverse pose) until the nerve appears.
  let steps = 0;
  while ((await sim.viewClass().getAttribute('data-view')) !== 'short-axis' && steps < 12) {
    await page.keyboard.press('Shift+ArrowRight');
    steps++;
  }
  await expect(sim.viewClass()).toHaveAttribute('data-view', 'short-axis');
  expect(steps).toBeGreaterThan(1);

  // Bring the nerve to the middle of the image, 1 mm at a time, as one would watching the screen.
  for (let i = 0; i < 20; i++) {
    const col = (await sim.probe()).nerveInImage!.col;
    if (Math.abs(col - 150) < 5) break;
    const key = col > 150 ? 'ArrowRight' : 'ArrowLeft';
    await page.keyboard.press(Math.abs(col - 150) > 40 ? `Shift+${key}` : key);
  }
  expect(Math.abs((await sim.probe()).nerveInImage!.col - 150)).toBeLessThan(8);
  await sim.screenshots('keyboard-short-axis');

  await page.keyboard.press('t');
  await expect(sim.viewClass()).toHaveAttribute('data-view', 'long-axis');
  expect((await sim.probe()).pose.rotationDeg).toBe(90);
  await sim.screenshots('keyboard-long-axis');
});

/** What a trainee must see while scanning and injecting: never scrolled off the screen. */
const ALWAYS_IN_VIEW = ['ultrasound-canvas', 'view-class', 'probe-rotation', 'probe-tilt', 'probe-compression', 'toggle-axis', 'needle-angle', 'needle-insert', 'needle-advance', 'needle-pad', 'needle-status', 'inject', 'inject-hold', 'syringe', 'injection-rate', 'manometer', 'fluid-figures'];

for (const viewport of [{ width: 1440, height: 900 }, { width: 1280, height: 720 }]) {
  test(`at ${viewport.width}×${viewport.height} the image, the probe, needle and syringe controls and the status line are all on screen without scrolling`, async ({ sim, page }) => {
    await page.setViewportSize(viewport);
    await sim.open();
    await sim.placeProbeOver('cpnAtFibularHead', 0);
    await page.getByTestId('needle-insert').click();
    await page.evaluate(async () => {
      await window.sim!.advanceNeedle(14);
      await window.sim!.inject(0.5);
    });
    await expect(page.getByTestId('fluid-figures')).toBeVisible();
    for (const depthMm of [30, 60]) {
      await page.evaluate((depthMm) => window.sim!.setImaging({ depthMm }), depthMm);
      // The page itself never scrolls: only side panels (briefing, checklist, scanner, help) do.
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(viewport.height);
      for (const id of ALWAYS_IN_VIEW) await expect(page.getByTestId(id), `${id} at depth ${depthMm} mm`).toBeInViewport({ ratio: 1 });
      // And the image is big enough to work on, not shrunk to make room.
      const image = (await page.getByTestId('ultrasound-canvas').boundingBox())!;
      const [minWidth, minHeight] = viewport.height > 800 ? [500, 450] : [380, 250];
      // A shallow image fills the pane's width; a deep one its height.
      if (depthMm === 30) expect(image.width).toBeGreaterThan(minWidth);
      else expect(image.height).toBeGreaterThan(minHeight);
      await page.screenshot({ path: `${ARTIFACTS_DIR}/layout-${viewport.width}x${viewport.height}-depth${depthMm}.png` });
    }
  });
}

test('shortcuts act after a slider or a button was used; the wheel turns the probe over the image, not while scrolling a panel', async ({ sim, page }) => {
  await sim.open();
  await sim.placeProbeOver('cpnAtFibularHead', 0);
  const pose = async () => (await sim.probe()).pose;
  // Drag the tilt slider with the mouse, then press C: the probe presses 1 mm harder.
  const tilt = page.getByTestId('probe-tilt');
  const box = (await tilt.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.6, box.y + box.height / 2);
  await expect.poll(async () => (await pose()).tiltDeg).not.toBe(0);
  const before = await pose();
  await page.keyboard.press('c');
  await expect.poll(async () => (await pose()).compressionMm).toBeCloseTo(before.compressionMm + 1, 5);
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await pose()).centre).not.toEqual(before.centre);
  // A slider reached by keyboard keeps its own keys (arrows move it) and passes the rest on.
  await page.getByTestId('imaging-gain').focus();
  const gain = Number(await page.getByTestId('imaging-gain').inputValue());
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('imaging-gain')).toHaveValue(String(gain + 1));
  await page.keyboard.press('t');
  await expect.poll(async () => (await pose()).rotationDeg).toBe(90);
  // After a button: Q turns the probe 5°.
  await page.getByTestId('camera-overview').click();
  await page.keyboard.press('q');
  await expect.poll(async () => (await pose()).rotationDeg).toBe(85);

  // Wheel over the side panel scrolls it and leaves the probe alone, even as it ends over the image.
  const side = page.getByTestId('side-scroll');
  const sideBox = (await side.boundingBox())!;
  await page.mouse.move(sideBox.x + sideBox.width / 2, sideBox.y + sideBox.height / 2);
  await page.mouse.wheel(0, 300);
  await expect.poll(() => side.evaluate((e) => e.scrollTop)).toBeGreaterThan(0);
  const image = (await page.getByTestId('ultrasound-canvas').boundingBox())!;
  await page.mouse.move(image.x + image.width / 2, image.y + image.height / 2);
  await page.mouse.wheel(0, 100);
  expect((await pose()).rotationDeg).toBe(85);
  // A fresh wheel over the image turns the probe.
  await expect.poll(async () => {
    await page.mouse.wheel(0, 100);
    return (await pose()).rotationDeg;
  }).toBeGreaterThan(85);
});
