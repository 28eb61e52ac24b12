import { test, expect } from './simulator';

/** Chinese and English, switched at any time without losing the attempt, and remembered. */
test('switching to Chinese translates the UI and the case texts, keeps the attempt, and is remembered', async ({ sim, page }) => {
  await sim.open();
  await page.evaluate(async () => {
    const centre = window.sim!.landmarks().cpnAtFibularHead;
    await window.sim!.setProbe({ centre, rotationDeg: 0, compressionMm: 1 });
  });
  const events = await page.evaluate(() => window.sim!.events().length);
  await page.getByTestId('language-select').selectOption('zh');
  await expect(page.getByTestId('finish')).toHaveText('结束并评分');
  await expect(page.getByTestId('view-class')).toHaveText('腓总神经短轴');
  await expect(page.getByTestId('case-briefing')).toContainText('健康志愿者');
  await expect(page.getByTestId('needle-insert')).toHaveText('自内侧端进针');
  expect(await page.evaluate(() => window.sim!.events().length)).toBe(events);
  await page.screenshot({ path: 'e2e-artifacts/language-zh.png' });
  await page.reload();
  await page.waitForFunction(() => window.sim !== undefined);
  await page.evaluate(() => window.sim!.ready());
  await expect(page.getByTestId('finish')).toHaveText('结束并评分');
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByTestId('finish')).toHaveText('Finish and score');
});

test('a Chinese browser gets Chinese by default', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto('/?automation');
  await expect(page.getByTestId('finish')).toHaveText('结束并评分');
  await context.close();
});
