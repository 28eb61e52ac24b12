// How long the first 0.5 ml takes right after a first visit's load (the fine grid may still be
// filling: the first injection completes it) against the same on a second visit (volume stored
// whole). The needle is placed above the nerve at once, as the browser bench does.
//   node --import tsx scripts/dev/first-injection.ts <dist> [runs]   (INJ_PORT, default 4794)
import { preview } from 'vite';
import { chromium } from '@playwright/test';
// @ts-expect-error plain ESM
import { findChromium, chromiumArgs } from '../chromium.mjs';
import { needleAboveNerveScript } from '../benchHold';

const outDir = process.argv[2];
const runs = Number(process.argv[3] ?? 2);
const port = Number(process.env.INJ_PORT ?? 4794);
const server = await preview({ build: { outDir }, preview: { port, strictPort: true, host: '127.0.0.1' } });
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
const injectHalfMl = `(async () => { const t = performance.now(); await window.sim.inject(0.5); return performance.now() - t; })()`;
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  for (const visit of ['first', 'second']) {
    await page.goto(`http://127.0.0.1:${port}/?automation`);
    await page.waitForFunction(() => window.sim !== undefined);
    await page.evaluate('window.sim.ready()');
    const t0 = Date.now();
    await page.evaluate(needleAboveNerveScript);
    const placedMs = Date.now() - t0;
    const injectMs = (await page.evaluate(injectHalfMl)) as number;
    console.log(`run ${run + 1}, ${visit} visit: needle placed in ${placedMs} ms after ready, first 0.5 ml took ${injectMs.toFixed(0)} ms`);
    if (visit === 'first') await page.waitForTimeout(8000);
  }
  await context.close();
}
await browser.close();
await server.close();
