import { test, expect, sharePageWithinFile } from './support/sharedSimulator';
import { playIntraneuralAttempt } from './attemptScripts';

// The first and last tests on one shared page (support/sharedSimulator.ts); the Chinese browser has its own.
sharePageWithinFile();

/** Chinese and English, switched at any time without losing the attempt, and remembered. */
test('switching to Chinese translates the UI and the case texts, keeps the attempt, and is remembered', async ({ sim, page }) => {
  await sim.open();
  await expect(page.getByTestId('needle-legend')).toContainText('Needle (25 G, 50 mm)');
  await sim.placeProbeOver('cpnAtFibularHead', 0);
  // An attempt under way: the needle in, advanced, a little injected.
  await page.getByTestId('needle-insert').click();
  await page.locator('body').focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('n');
  await expect(page.getByTestId('needle-status')).toContainText('5.0 mm in');
  const before = await page.evaluate(() => ({ events: window.sim!.events().length, needle: window.sim!.needle() }));

  await page.getByTestId('language-select').selectOption('zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page).toHaveTitle('腓总神经水分离训练器');
  await expect(page.getByTestId('finish')).toHaveText('结束并评分');
  await expect(page.getByTestId('needle-legend')).toHaveText('穿刺针（25 G，50 mm）— 平面内进针，由内向外');
  await expect(page.getByTestId('view-class')).toHaveText('腓总神经短轴');
  await expect(page.getByTestId('probe-position')).toContainText('腓骨头');
  await expect(page.getByTestId('case-briefing')).toContainText('健康志愿者');
  await expect(page.getByTestId('needle-insert')).toHaveText('重新进针');
  await expect(page.getByTestId('needle-status')).toContainText('进针 5.0 mm');
  await expect(page.getByTestId('syringe')).toHaveText('注射器剩余 10.0 ml');
  // Same page, same attempt: nothing reloaded, nothing recorded by the switch.
  expect(await page.evaluate(() => ({ events: window.sim!.events().length, needle: window.sim!.needle() }))).toEqual(before);
  await page.screenshot({ path: 'e2e-artifacts/language-zh.png' });

  await page.reload();
  await page.waitForFunction(() => window.sim !== undefined);
  await page.evaluate(() => window.sim!.ready());
  await expect(page.getByTestId('language-select')).toHaveValue('zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('finish')).toHaveText('结束并评分');
  await expect(page.getByTestId('needle-legend')).toContainText('穿刺针');

  await page.getByTestId('language-select').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveTitle('CPN Hydrodissection Trainer');
  await expect(page.getByTestId('finish')).toHaveText('Finish and score');
  await expect(page.getByTestId('needle-legend')).toContainText('Needle (25 G, 50 mm)');
  expect(await page.evaluate(() => localStorage.getItem('cpn-trainer.language'))).toBe('en');
});

test('a Chinese browser gets Chinese by default, and the choice is not stored until made', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto('/?automation');
  await expect(page.getByTestId('finish')).toHaveText('结束并评分');
  await expect(page.getByTestId('language-select')).toHaveValue('zh');
  expect(await page.evaluate(() => localStorage.getItem('cpn-trainer.language'))).toBeNull();
  await context.close();
});

test('the debrief in Chinese: items, reasons with their figures, and the safety events', async ({ sim, page }) => {
  await sim.open();
  await page.getByTestId('language-select').selectOption('zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await playIntraneuralAttempt(page);
  await page.getByTestId('finish').click();
  await expect(page.getByTestId('debrief')).toBeVisible();
  await expect(page.getByTestId('score-cap')).toContainText('总分上限 20');
  await expect(page.getByTestId('safety-intraneural-injection')).toContainText('神经内注射');
  await expect(page.getByTestId('item-halo')).toContainText('神经周围晕环');
  await expect(page.getByTestId('item-halo')).toContainText('满分');
  await page.screenshot({ path: 'e2e-artifacts/debrief-zh.png', fullPage: true });
  // The same debrief back in English, without leaving the page.
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByTestId('score-cap')).toContainText('Capped at 20');
  await expect(page.getByTestId('item-halo')).toContainText('Halo around the nerve');
});
