import { execSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { ARTIFACTS_DIR } from './simulator';
import { test, expect, sharePageWithinFile } from './support/sharedSimulator';

// Both tests on one shared page (support/sharedSimulator.ts); each sets its own viewport.
sharePageWithinFile();

/** Whether this machine has any font with Chinese in it (CI's Debian image has none: the test is then conclusive). */
const systemChineseFonts = (() => {
  try {
    return execSync('fc-list :lang=zh family', { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
})();

/** Characters on the page drawn as the missing-glyph box (compared with a private-use code point, which no font has). */
async function charactersWithoutGlyph(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    await document.fonts.ready;
    const text = document.body.innerText;
    const chars = [...new Set([...text].filter((c) => /[\u2e80-\u9fff\uff00-\uffef]/.test(c)))];
    const family = getComputedStyle(document.documentElement).fontFamily;
    await Promise.all(chars.map((c) => document.fonts.load(`20px ${family}`, c)));
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 32;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    const draw = (c: string) => {
      ctx.clearRect(0, 0, 32, 32);
      ctx.font = `20px ${family}`;
      ctx.fillStyle = '#000';
      ctx.fillText(c, 4, 24);
      return ctx.getImageData(0, 0, 32, 32).data.join(',');
    };
    const box = draw('\ue000');
    return chars.filter((c) => draw(c) === box);
  });
}

/** Visible controls and headings whose text is cut off or broken over two lines. */
async function clippedOrWrapped(page: Page, scope: string): Promise<string[]> {
  return page.locator(scope).evaluate((root) => {
    const bad: string[] = [];
    for (const el of root.querySelectorAll<HTMLElement>('button, label, h1, h2, legend, select, [data-testid="replay-time"]')) {
      if (!el.offsetParent || !el.innerText.trim()) continue;
      const style = getComputedStyle(el);
      if (el.scrollWidth > el.clientWidth + 1 && style.overflow !== 'visible') bad.push(`clipped: ${el.innerText.trim()}`);
      if (el.tagName === 'BUTTON' || el.tagName === 'LABEL' || el.tagName === 'H1') {
        const range = document.createRange();
        range.selectNodeContents(el);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top / 4)));
        if (tops.size > 1 && el.tagName !== 'LABEL') bad.push(`wrapped: ${el.innerText.trim()}`);
      }
    }
    return bad;
  });
}

test('Chinese renders from the bundled font, with nothing clipped or wrapped at 1280×720', async ({ sim, page }) => {
  test.setTimeout(180_000);
  test.info().annotations.push({ type: 'system CJK fonts', description: systemChineseFonts || 'none (the check is conclusive)' });
  await page.setViewportSize({ width: 1280, height: 720 });
  await sim.open();
  await page.getByTestId('language-select').selectOption('zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await sim.placeProbeOver('cpnAtFibularHead', 0);
  expect(await charactersWithoutGlyph(page)).toEqual([]);
  expect(await clippedOrWrapped(page, '.app-header')).toEqual([]);
  await page.screenshot({ path: `${ARTIFACTS_DIR}/zh-1280x720.png` });
  // A replay's bar, in Chinese, on one line.
  await page.evaluate(async () => {
    await window.sim!.setProbe({ centre: window.sim!.landmarks().cpnAtFibularHead, rotationDeg: 10, compressionMm: 1 });
    await window.sim!.finish();
  });
  await page.getByTestId('open-review').click();
  await expect(page.getByTestId('attempt-row').first()).toBeVisible();
  expect(await charactersWithoutGlyph(page)).toEqual([]);
  await page.getByTestId('open-replay').first().click();
  await expect(page.getByTestId('replay-bar')).toBeVisible();
  expect(await clippedOrWrapped(page, '.replay-bar')).toEqual([]);
  expect(await clippedOrWrapped(page, '.app-header')).toEqual([]);
  await page.screenshot({ path: `${ARTIFACTS_DIR}/zh-replay-1280x720.png` });
  await page.getByTestId('replay-close').click();
  await expect(page.getByTestId('replay-bar')).toHaveCount(0);
});

test('screenshots of the simulator at 1440×900 and 1280×720 in English and Chinese (to look at)', async ({ sim, page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await sim.open();
  await sim.placeProbeOver('cpnAtFibularHead', 0);
  await page.getByTestId('needle-insert').click();
  for (const lang of ['en', 'zh']) {
    await page.getByTestId('language-select').selectOption(lang);
    for (const [width, height] of [[1440, 900], [1280, 720]]) {
      await page.setViewportSize({ width, height });
      await expect(page.getByTestId('ultrasound-canvas')).toBeInViewport({ ratio: 1 });
      expect(await clippedOrWrapped(page, '.app-header'), `${lang} ${width}×${height}`).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS_DIR}/layout-${lang}-${width}x${height}.png` });
    }
  }
});
