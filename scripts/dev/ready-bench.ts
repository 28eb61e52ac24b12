// ready() after load of a built app, first visit (empty storage) and second visit (the same
// browser profile, reloaded once the first visit has stored what it keeps), alternating builds
// run by run so both see the same machine load.
//   node --import tsx scripts/dev/ready-bench.ts <dist> [<dist> …]   (RUNS=5, READY_PORT=4790)
import { preview } from 'vite';
import { chromium } from '@playwright/test';
import { execSync } from 'node:child_process';
// @ts-expect-error plain ESM helper shared with the npm scripts
import { findChromium, chromiumArgs } from '../chromium.mjs';

const dists = process.argv.slice(2);
if (dists.length === 0) throw new Error('Give one or more built dist folders');
const runs = Number(process.env.RUNS ?? 5);
const basePort = Number(process.env.READY_PORT ?? 4790);
/** How long the first visit stays before the reload: the volume is stored 1.5 s after the build. */
const STAY_MS = 4000;

const servers = await Promise.all(dists.map((outDir, i) => preview({ build: { outDir }, preview: { port: basePort + i, strictPort: true, host: '127.0.0.1' } })));
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
const load = () => execSync('cat /proc/loadavg').toString().split(' ').slice(0, 3).join(' ');
const figures = dists.map(() => ({ first: [] as number[], second: [] as number[], loads: [] as string[] }));

async function readyAfterLoad(page: import('@playwright/test').Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(() => window.sim !== undefined);
  return (await page.evaluate('window.sim.ready().then(() => performance.now())')) as number;
}

try {
  for (let run = 0; run < runs; run++) {
    for (let d = 0; d < dists.length; d++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      const url = `http://127.0.0.1:${basePort + d}/?automation`;
      figures[d].loads.push(load());
      figures[d].first.push(await readyAfterLoad(page, url));
      await page.waitForTimeout(STAY_MS);
      figures[d].second.push(await readyAfterLoad(page, url));
      await context.close();
      console.log(`${dists[d]} run ${run + 1}: first ${figures[d].first.at(-1)!.toFixed(0)} ms, second ${figures[d].second.at(-1)!.toFixed(0)} ms (load ${figures[d].loads.at(-1)})`);
    }
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}
const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)].toFixed(0)} ms, spread ${s[0].toFixed(0)}–${s[s.length - 1].toFixed(0)}`;
};
for (let d = 0; d < dists.length; d++) {
  console.log(`${dists[d]}: ready() first visit ${summary(figures[d].first)}; second visit ${summary(figures[d].second)}; load averages ${figures[d].loads.join(' | ')}`);
}
