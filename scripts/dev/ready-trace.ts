// A Chrome trace of a second visit's start (a reload once the first stored its volume): the page's
// main-thread slices over 15 ms from the worker's build answer to ready(), with what runs inside them.
//   node --import tsx scripts/dev/ready-trace.ts <dist>   (READY_PORT=4793)
import { preview } from 'vite';
import { chromium } from '@playwright/test';
// @ts-expect-error plain ESM
import { findChromium, chromiumArgs } from '../chromium.mjs';

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: Record<string, unknown> }
const outDir = process.argv[2];
const port = Number(process.env.READY_PORT ?? 4793);
const server = await preview({ build: { outDir }, preview: { port, strictPort: true, host: '127.0.0.1' } });
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
const page = await context.newPage();
await page.goto(`http://127.0.0.1:${port}/?automation`);
await page.waitForFunction(() => window.sim !== undefined);
await page.evaluate('window.sim.ready()');
await page.waitForTimeout(4000);
await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'gpu', 'v8', 'renderer.scheduler'] });
await page.reload();
await page.waitForFunction(() => window.sim !== undefined);
const ready = (await page.evaluate('window.sim.ready().then(() => performance.now())')) as number;
const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
const events = trace.traceEvents;
const nav = events.find((e) => e.name === 'navigationStart' || e.name === 'NavigationTiming') ?? events.find((e) => e.name === 'TracingStartedInBrowser')!;
const mainTid = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.name === 'FunctionCall'));
console.log(`ready ${ready.toFixed(0)} ms`);
const main = events.filter((e) => e.pid === mainTid?.pid && e.tid === mainTid?.tid && e.ph === 'X' && (e.dur ?? 0) > 0).sort((a, b) => a.ts - b.ts);
const t0 = main.find((e) => e.name === 'RunTask')?.ts ?? nav.ts;
const tops = main.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > 15_000);
for (const top of tops) {
  console.log(`${((top.ts - t0) / 1000).toFixed(0).padStart(6)} task ${(top.dur! / 1000).toFixed(0)} ms`);
  const inside = main.filter((e) => e !== top && e.ts >= top.ts && e.ts + (e.dur ?? 0) <= top.ts + top.dur! && (e.dur ?? 0) > 5_000);
  for (const e of inside.slice(0, 40)) {
    const extra = e.args?.data ? JSON.stringify(e.args.data).slice(0, 90) : '';
    console.log(`        ${((e.ts - t0) / 1000).toFixed(0).padStart(6)} +${(e.dur! / 1000).toFixed(0).padStart(4)} ${e.name} ${extra}`);
  }
}
await browser.close();
await server.close();
