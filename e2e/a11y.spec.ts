import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, sharePageWithinFile } from './support/sharedSimulator';
import { playIntraneuralAttempt } from './attemptScripts';

// Both tests on one shared page (support/sharedSimulator.ts): the second loads it again from the
// review page, with the knee's volume already kept in this browser.
sharePageWithinFile();

/** axe-core's WCAG 2.1 A/AA rules and its best practices (landmarks, regions, headers). */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

async function inBothLanguages(page: Page, check: (lang: string) => Promise<void>): Promise<void> {
  for (const lang of ['en', 'zh']) {
    await page.getByTestId('language-select').selectOption(lang);
    await expect(page.locator('html')).toHaveAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');
    await check(lang);
  }
}

test('axe finds no violations on the simulator, the debrief and the review page, in English and Chinese', async ({ sim, page }) => {
  test.setTimeout(400_000);
  await sim.open();
  await inBothLanguages(page, async (lang) => expect(await violations(page), `simulator ${lang}`).toEqual([]));
  await playIntraneuralAttempt(page, 'Dr Axe');
  await page.getByTestId('finish').click();
  await expect(page.getByTestId('debrief')).toBeVisible();
  await inBothLanguages(page, async (lang) => expect(await violations(page), `debrief ${lang}`).toEqual([]));
  await page.getByTestId('open-review').click();
  await expect(page.getByTestId('attempts-table')).toBeVisible();
  await page.getByTestId('filter-trainee').selectOption('Dr Axe');
  await expect(page.getByTestId('learning-curve')).toBeVisible();
  await inBothLanguages(page, async (lang) => expect(await violations(page), `review ${lang}`).toEqual([]));
});

test('by keyboard alone: the 3D view, the image and the needle pad take focus, are named, and answer to keys', async ({ sim, page }) => {
  await sim.open();
  // The first test left the page in Chinese; the names below are the English ones.
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await sim.placeProbeOver('cpnAtFibularHead', 0);
  const scene = page.getByRole('application', { name: '3D view of the knee and the probe' });
  const image = page.getByRole('application', { name: /^Ultrasound image: B-mode/ });
  const pad = page.getByRole('slider', { name: 'Needle: advance and redirect' });
  // Each is a tab stop: Tab from the element before it lands on it.
  for (const target of [scene, image, pad]) {
    await target.focus();
    await expect(target).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(target).not.toBeFocused();
    await page.keyboard.press('Tab');
    await expect(target).toBeFocused();
  }
  // The 3D view: 2 looks over the probe, 1 back at the whole knee (the picture changes each time).
  await scene.focus();
  const overview = await scene.screenshot();
  await page.keyboard.press('2');
  await expect.poll(async () => (await scene.screenshot()).equals(overview)).toBe(false);
  // The image: E turns the probe as the wheel does.
  await image.focus();
  const before = (await sim.probe()).pose.rotationDeg;
  await page.keyboard.press('e');
  await expect.poll(async () => (await sim.probe()).pose.rotationDeg).toBeCloseTo(before + 5, 6);
  await page.keyboard.press('q');
  await expect.poll(async () => (await sim.probe()).pose.rotationDeg).toBeCloseTo(before, 6);
  // Insert by keyboard, then the pad: ↓ advances 0.5 mm, PgDn 5 mm, ↑ withdraws, → steeper; the probe stays put.
  await page.getByTestId('needle-insert').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('needle-status')).toContainText('0.0 mm in');
  const pose = JSON.stringify((await sim.probe()).pose);
  await pad.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('needle-status')).toContainText('2.0 mm in');
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('needle-status')).toContainText('7.0 mm in');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('needle-status')).toContainText('6.5 mm in');
  await expect(pad).toHaveAttribute('aria-valuenow', '6.5');
  const angle = async () => Number((await pad.getAttribute('aria-valuetext'))!.match(/([\d.]+)° to/)![1]);
  const shallow = await angle();
  await page.keyboard.press('ArrowRight');
  await expect.poll(angle).toBeGreaterThan(shallow);
  expect(JSON.stringify((await sim.probe()).pose)).toBe(pose);
});
