import type { Locator, Page } from '@playwright/test';
import { ARTIFACTS_DIR } from './simulator';
import { test, expect, sharePageWithinFile } from './support/sharedSimulator';
import { playIntraneuralAttempt } from './attemptScripts';

// Both tests on one page (support/sharedSimulator.ts): the second starts a new attempt from the
// first one's debrief, and its review counts only its own trainee's attempts.
sharePageWithinFile();

const overlaps = async (a: Locator, b: Locator): Promise<boolean> => {
  const [p, q] = [(await a.boundingBox())!, (await b.boundingBox())!];
  return p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;
};

async function setFocus(page: Page, focusMm: number): Promise<void> {
  await page.evaluate((focusMm) => window.sim!.setImaging({ focusMm }), focusMm);
  await expect(page.getByTestId('focus-marker')).toHaveAttribute('title', new RegExp(`${focusMm} mm`));
}

test('visuals: the focus marker clears the depth numbers, the anatomy view names the nerve and shows the needle, MED reads on it, disabled buttons look disabled', async ({ sim, page }) => {
  test.setTimeout(240_000);
  await sim.open();
  await sim.placeProbeOver('cpnAtFibularHead', 0);
  for (const focusMm of [10, 20, 30]) {
    await setFocus(page, focusMm);
    for (const label of await page.locator('.depth-scale .tick span').all()) expect(await overlaps(page.getByTestId('focus-marker'), label), `focus ${focusMm} mm`).toBe(false);
  }
  // The anatomy teaching view: names where the slice cuts the nerve and the fibular head, and the needle.
  await page.locator('body').press('m');
  await expect(page.getByTestId('image-mode')).toContainText('Anatomy');
  await expect(page.getByTestId('image-label-cpn')).toBeVisible();
  await page.getByTestId('needle-insert').click();
  for (let i = 0; i < 12; i++) await page.locator('body').press('n');
  await expect(page.getByTestId('image-anatomy-needle')).toHaveCount(1);
  const side = page.locator('.us-side-left');
  const backing = await side.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(backing).toMatch(/rgba\(0, 0, 0, 0\.6/);
  await page.locator('.us-panel').screenshot({ path: `${ARTIFACTS_DIR}/anatomy-view-labels.png` });
  // After finishing, Finish and Save image are disabled and look it.
  await page.evaluate(() => window.sim!.finish());
  await expect(page.getByTestId('debrief')).toBeVisible();
  for (const id of ['finish', 'save-image']) {
    await expect(page.getByTestId(id)).toBeDisabled();
    expect(Number(await page.getByTestId(id).evaluate((el) => getComputedStyle(el).opacity)), id).toBeLessThanOrEqual(0.5);
  }
  await expect(page.getByTestId('open-review')).toHaveCSS('opacity', '1');
});

test('review: a loading sign while a debrief opens, charts with values and units, CUSUM tooltips, compare headed by trainee, case, score and date, delete with confirm', async ({ sim, page }) => {
  test.setTimeout(240_000);
  await sim.open();
  for (let i = 0; i < 3; i++) {
    await playIntraneuralAttempt(page, 'Dr Chart');
    await page.evaluate(async () => {
      await window.sim!.finish();
      await window.sim!.reset();
    });
  }
  await page.getByTestId('open-review').click();
  await page.getByTestId('filter-trainee').selectOption('Dr Chart');
  await expect(page.getByTestId('attempt-row')).toHaveCount(3);
  // Axes: score 0/50/100 with its unit, attempt numbers, CUSUM values; every CUSUM point says what it is.
  const curve = page.getByTestId('learning-curve');
  await expect(curve.getByTestId('score-tick')).toHaveText(['0', '50', '100']);
  await expect(curve).toContainText('Score (points of 100)');
  await expect(curve).toContainText('Attempt number');
  expect(await page.getByTestId('cusum-tick').count()).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('cusum-point')).toHaveCount(3);
  await expect(page.getByTestId('cusum-point').first().locator('title')).toHaveText(/^Attempt 1: score \d+ \((a failure|a pass)\), CUSUM -?[\d.]+$/);
  // Compare: each column headed by trainee, case, score and date.
  const boxes = page.getByTestId('attempt-row').getByRole('checkbox');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  const headings = page.getByTestId('compare-heading');
  await expect(headings).toHaveCount(2);
  await expect(headings.first()).toContainText(/^Dr Chart · .+ · \d+ \/ 100 · .+\d/);
  await page.screenshot({ path: `${ARTIFACTS_DIR}/review-charts.png`, fullPage: true });
  // Delete asks first: cancelled keeps the row, accepted removes it.
  page.once('dialog', (d) => void d.dismiss());
  await page.getByTestId('delete-attempt').first().click();
  await expect(page.getByTestId('attempt-row')).toHaveCount(3);
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('delete-attempt').first().click();
  await expect(page.getByTestId('attempt-row')).toHaveCount(2);
  await expect(page.getByTestId('review-message')).toContainText('deleted');
  // Opening a debrief (rescored and replayed: seconds) shows that it is loading, then the debrief.
  await page.getByTestId('open-debrief').first().click();
  await expect(page.getByTestId('loading')).toBeVisible();
  await expect(page.getByTestId('debrief')).toBeVisible();
  await expect(page.getByTestId('loading')).toHaveCount(0);
});
