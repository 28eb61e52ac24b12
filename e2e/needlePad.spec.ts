import { test, expect } from './support/sharedSimulator';

/**
 * The needle pad moves the needle by its registered actions (needle-advance-fine and friends):
 * its keys, a drag and the wheel take the same steps as window.sim.action with the same id.
 */
test('the needle pad: keys, a drag and the wheel step the needle by the pad’s registered actions, as window.sim.action does', async ({ sim, page }) => {
  await sim.open();
  await sim.placeProbeOver('cpnAtFibularHead', 0);
  await page.getByTestId('needle-angle').fill('30');
  await page.getByTestId('needle-insert').click();
  const pad = page.getByTestId('needle-pad');
  await expect(pad).toHaveAttribute('aria-disabled', 'false');
  const advances = () => page.evaluate(() => window.sim!.events().flatMap((e) => (e.kind === 'needle-advanced' ? [(e as unknown as { mm: number }).mm] : [])));
  const inserted = async () => Number(await pad.getAttribute('aria-valuenow'));
  // Keys on the focused pad: ↓ 0.5 mm, PgDn 5 mm, ↑ back 0.5 mm.
  await pad.focus();
  await page.keyboard.press('ArrowDown');
  await expect.poll(inserted).toBe(0.5);
  await page.keyboard.press('PageDown');
  await expect.poll(inserted).toBe(5.5);
  await page.keyboard.press('ArrowUp');
  await expect.poll(inserted).toBe(5);
  // A drag down of three fine steps (8 px each), then a wheel notch.
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 4);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + 4 + 3 * 8, { steps: 1 });
  await page.mouse.up();
  await expect.poll(inserted).toBe(6.5);
  await pad.hover();
  await page.mouse.wheel(0, 100);
  await expect.poll(inserted).toBe(7);
  // window.sim runs the same action by the same step.
  await page.evaluate(() => window.sim!.action('needle-advance-fine'));
  await expect.poll(inserted).toBe(7.5);
  expect(await advances()).toEqual([0.5, 5, -0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
  // The window's arrow keys still slide the probe once the pad has lost focus.
  await pad.evaluate((el) => (el as HTMLElement).blur());
  const before = await page.evaluate(() => window.sim!.events().length);
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => page.evaluate(() => window.sim!.events().at(-1)?.kind)).toBe('probe-pose');
  expect((await advances()).length).toBe(8);
  expect(await page.evaluate(() => window.sim!.events().length)).toBeGreaterThan(before);
  await sim.screenshots('needle-pad');
});
