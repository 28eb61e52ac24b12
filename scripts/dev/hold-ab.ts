// Developer aid: the browser bench's hold, A/B between builds, alternating, on one machine.
// Each run: load, the bench's needle above the nerve, "inject" held 5 s still (stats() each
// second, long tasks), let go, then held 4 s more while the probe slides (slideDuringHoldScript).
//   AB_DIRS=/tmp/ab-a,/tmp/ab-b AB_RUNS=3 AB_PORT=4713 node --import tsx scripts/dev/hold-ab.ts
// Each folder is a built app (npx vite build --outDir <dir>); the load average is printed per run.
import { loadavg } from 'node:os';
import { preview } from 'vite';
import { chromium, type Page } from '@playwright/test';
// @ts-expect-error plain ESM helper shared with the npm scripts
import { findChromium, chromiumArgs } from '../chromium.mjs';
import { needleAboveNerveScript, slideDuringHoldScript, watchLongTasksScript } from '../benchHold';

const dirs = (process.env.AB_DIRS ?? '').split(',').filter(Boolean);
const runs = Number(process.env.AB_RUNS ?? 3);
const basePort = Number(process.env.AB_PORT ?? 4713);
if (dirs.length === 0) throw new Error('AB_DIRS: comma-separated build folders');

interface Stats {
  sceneFps: number;
  sceneLatencyMs?: number;
  imageFps: number;
}
const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
const longTasks = async (page: Page) => (await page.evaluate('window.__longTasks')) as number[];
const summary = (label: string, stats: Stats[], tasks: number[]) =>
  `${label}: 3D ${stats.map((s) => s.sceneFps).join(' ')} fps (median ${median(stats.map((s) => s.sceneFps))}), latency ${stats.map((s) => (s.sceneLatencyMs ?? NaN).toFixed(0)).join(' ')} ms, image ${stats.map((s) => s.imageFps).join(' ')} /s, long tasks ${tasks.length} (${tasks.reduce((a, b) => a + b, 0).toFixed(0)} ms, max ${Math.max(0, ...tasks).toFixed(0)})`;

const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
try {
  for (let run = 0; run < runs; run++) {
    for (let i = 0; i < dirs.length; i++) {
      // One port for all (others' servers hold the ports beside it): each build served in turn.
      const server = await preview({ build: { outDir: dirs[i] }, preview: { port: basePort, strictPort: true, host: '127.0.0.1' } });
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(`http://127.0.0.1:${basePort}/?automation`);
      await page.waitForFunction(() => window.sim !== undefined);
      await page.evaluate('window.sim.ready()');
      await page.evaluate(needleAboveNerveScript);
      await page.waitForTimeout(1500);
      const hold = page.getByTestId('inject-hold');
      await hold.hover();
      const load = loadavg()[0].toFixed(1);
      await page.evaluate(watchLongTasksScript);
      await page.mouse.down();
      const still: Stats[] = [];
      for (let s = 0; s < 5; s++) {
        await page.waitForTimeout(1000);
        still.push((await page.evaluate('window.sim.stats()')) as Stats);
      }
      await page.mouse.up();
      const stillTasks = await longTasks(page);
      await page.waitForTimeout(1500);
      await page.evaluate(watchLongTasksScript);
      await page.mouse.down();
      const sliding = (await page.evaluate(slideDuringHoldScript(4))) as Stats[];
      await page.mouse.up();
      const slideTasks = await longTasks(page);
      const ml = (await page.evaluate('window.sim.fluid().totalMl')) as number;
      console.log(`run ${run} ${dirs[i]} (load ${load}, ${ml.toFixed(1)} ml)\n  ${summary('held still', still.slice(1), stillTasks)}\n  ${summary('held, sliding', sliding.slice(1), slideTasks)}`);
      await page.close();
      await server.close();
    }
  }
} finally {
  await browser.close();
}
