import { test, expect } from './simulator';

test('a trainee using only the keyboard finds the CPN in short axis, then long axis', async ({ sim, page }) => {
  await sim.open();
  // The probe starts over the medial popliteal fossa, away from the nerve.
  await expect(sim.viewClass()).toHaveAttribute('data-view', 'no-nerve');
  await page.locator('body').focus();

  // Slide laterally (the array runs medial → lateral in the transverse start pose) until the nerve appears in short axis.
  let steps = 0;
  while ((await sim.viewClass().getAttribute('data-view')) !== 'short-axis' && steps < 12) {
    await page.keyboard.press('Shift+ArrowRight');
    steps++;
    await page.waitForTimeout(50);
  }
  await expect(sim.viewClass()).toHaveAttribute('data-view', 'short-axis');
  expect(steps).toBeGreaterThan(1);

  // Trace it distally toward the fibular head, keeping short axis (↓ moves distally at rotation 0).
  for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowDown');
  const probe = await sim.probe();
  expect(probe.pose.centre.y).toBeLessThan(20);

  await page.keyboard.press('t');
  await expect(sim.viewClass()).toHaveAttribute('data-view', /long-axis|oblique/);
  await sim.screenshots('keyboard-journey');
});
