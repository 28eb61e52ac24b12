// Developer aid: what one 3D frame costs the page, and which of the view's parts it goes to. With
// the bench's needle above the nerve and 5 ml in, the camera is switched between its two presets
// (keys 1 and 2: a 3D frame each, no image work); each switch is timed to the second animation
// frame after it (the render, then the compositor's read-back of it), less two idle animation
// frames. Repeated, interleaved, with the labels off and the skin hidden and opaque, as the UI
// offers them.
//   COST_DIR=/tmp/dist-x COST_PORT=4713 node --import tsx scripts/dev/scene-frame-cost.ts
import { loadavg } from 'node:os';
import { preview } from 'vite';
import { chromium, type Page } from '@playwright/test';
// @ts-expect-error plain ESM helper shared with the npm scripts
import { findChromium, chromiumArgs } from '../chromium.mjs';
import { pageWithNeedleAboveNerve } from '../benchHold';

const port = Number(process.env.COST_PORT ?? 4713);
const outDir = process.env.COST_DIR ?? '/tmp/dist-cost';
const switches = Number(process.env.COST_SWITCHES ?? 24);

const timeSwitches = (n: number) => `(async () => {
  const view = document.querySelector('[data-testid="scene-view"]');
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  const idle = [];
  const drawn = [];
  for (let i = 0; i < ${n}; i++) {
    let t = performance.now();
    await frame(); await frame();
    idle.push(performance.now() - t);
    t = performance.now();
    view.dispatchEvent(new KeyboardEvent('keydown', { key: i % 2 ? '1' : '2', bubbles: true }));
    await frame(); await frame();
    drawn.push(performance.now() - t);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { idle: median(idle), drawn: median(drawn), frames: window.sim.stats().sceneFps };
})()`;

async function measure(page: Page, label: string): Promise<void> {
  await page.waitForTimeout(800);
  const r = (await page.evaluate(timeSwitches(switches))) as { idle: number; drawn: number };
  console.log(`${label.padEnd(28)} 3D frame ${(r.drawn - r.idle).toFixed(1)} ms (switch ${r.drawn.toFixed(1)}, idle ${r.idle.toFixed(1)})  load ${loadavg()[0].toFixed(1)}`);
}

const server = await preview({ build: { outDir }, preview: { port, strictPort: true, host: '127.0.0.1' } });
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
try {
  const page = await pageWithNeedleAboveNerve(browser, port);
  for (let round = 0; round < 3; round++) await measure(page, 'no fluid');
  await page.evaluate('window.sim.inject(5)');
  await page.waitForTimeout(3000);
  // Rounds of the same settings, interleaved: the machine's load drifts between them.
  for (let round = 0; round < Number(process.env.COST_ROUNDS ?? 3); round++) {
    await measure(page, '5 ml');
    await page.getByTestId('show-labels').uncheck();
    await measure(page, '5 ml, no labels');
    await page.getByTestId('show-labels').check();
    await page.getByTestId('skin-opacity').fill('0');
    await measure(page, '5 ml, skin hidden');
    await page.getByTestId('skin-opacity').fill('100');
    await measure(page, '5 ml, skin opaque');
    await page.getByTestId('skin-opacity').fill('55');
  }
} finally {
  await browser.close();
  await server.close();
}
