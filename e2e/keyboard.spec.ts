import { test, expect } from './simulator';

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
