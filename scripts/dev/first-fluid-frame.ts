// Developer aid: the page's long tasks when the first fluid appears (0.1 ml from the bench's tip
// above the nerve) and when the second does, for a built app: under software WebGL the first
// draw of the fluid's materials is slow (FluidModel.tsx draws them once beforehand).
//   DIR=/tmp/dist-x node --import tsx scripts/dev/first-fluid-frame.ts
import { preview } from 'vite';
import { chromium } from '@playwright/test';
// @ts-expect-error plain ESM helper shared with the npm scripts
import { findChromium, chromiumArgs } from '../chromium.mjs';
import { pageWithNeedleAboveNerve, watchLongTasksScript } from '../benchHold';
const server = await preview({ build: { outDir: process.env.DIR ?? '/tmp/dist-prof' }, preview: { port: Number(process.env.PORT ?? 4717), strictPort: true, host: '127.0.0.1' } });
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
try {
  const page = await pageWithNeedleAboveNerve(browser, Number(process.env.PORT ?? 4717));
  await page.evaluate(watchLongTasksScript);
  await page.waitForTimeout(1500);
  console.log('idle long tasks', await page.evaluate('window.__longTasks.splice(0)'));
  await page.evaluate('window.sim.inject(0.1)');
  await page.waitForTimeout(2500);
  console.log('first 0.1 ml long tasks', await page.evaluate('window.__longTasks.splice(0)'));
  await page.evaluate('window.sim.inject(0.1)');
  await page.waitForTimeout(2500);
  console.log('second 0.1 ml long tasks', await page.evaluate('window.__longTasks.splice(0)'));
} finally { await browser.close(); await server.close(); }
