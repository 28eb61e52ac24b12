// Where the main thread's time goes while the plunger is held (issue 13 item 4): the bench's hold
// (tip above the nerve at the fibular head, "inject" held 5 s) under a CDP CPU profile of the page,
// self time summed per function and per source file, with the long tasks and the 3D view's rate.
//   PROFILE_OUT_DIR=/tmp/dist-prof PROFILE_PORT=4711 node --import tsx scripts/dev/hold-profile.ts
// PROFILE_BUILD=0 reuses a build already in the folder (build it unminified with a source map to
// read names: npx vite build --outDir <dir> --minify false --sourcemap).
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { preview } from 'vite';
import { chromium } from '@playwright/test';
// @ts-expect-error plain ESM helper shared with the npm scripts
import { findChromium, chromiumArgs } from '../chromium.mjs';
import { pageWithNeedleAboveNerve, watchLongTasksScript } from '../benchHold';

const port = Number(process.env.PROFILE_PORT ?? 4711);
const outDir = process.env.PROFILE_OUT_DIR ?? '/tmp/dist-hold-profile';
const holdSeconds = Number(process.env.HOLD_SECONDS ?? 5);
if (process.env.PROFILE_BUILD !== '0') execSync(`npx vite build --outDir ${JSON.stringify(outDir)} --emptyOutDir --minify false --sourcemap`, { stdio: 'inherit' });

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time (ms) per key of a node, and the same rolled up into each node's callers (total). */
function summarise(profile: CpuProfile, key: (n: ProfileNode) => string): { self: Map<string, number>; total: Map<string, number> } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(id)!;
    self.set(key(node), (self.get(key(node)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = key(byId.get(at)!);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + ms);
    }
  });
  return { self, total };
}

/** Self time per event name on the renderer's main thread (complete events, nested ones subtracted). */
function traceSummary(file: string): void {
  const { traceEvents } = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string } }[] };
  const threads = new Map<string, string>();
  for (const e of traceEvents) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const perThread = new Map<string, Map<string, number>>();
  const byThread = new Map<string, typeof traceEvents>();
  for (const e of traceEvents) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const t = `${threads.get(`${e.pid}:${e.tid}`) ?? '?'} ${e.pid}:${e.tid}`;
    if (!byThread.has(t)) byThread.set(t, []);
    byThread.get(t)!.push(e);
  }
  for (const [t, events] of byThread) {
    events.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    const self = new Map<string, number>();
    const stack: { end: number; name: string; child: number; dur: number }[] = [];
    const close = (until: number) => {
      while (stack.length > 0 && stack.at(-1)!.end <= until) {
        const done = stack.pop()!;
        self.set(done.name, (self.get(done.name) ?? 0) + (done.dur - done.child) / 1000);
        if (stack.length > 0) stack.at(-1)!.child += done.dur;
      }
    };
    for (const e of events) {
      close(e.ts);
      stack.push({ end: e.ts + e.dur!, name: e.name, child: 0, dur: e.dur! });
    }
    close(Infinity);
    perThread.set(t, self);
  }
  const busy = [...perThread].map(([t, m]) => [t, [...m.values()].reduce((a, b) => a + b, 0)] as const).sort((a, b) => b[1] - a[1]);
  for (const [t, ms] of busy.slice(0, 6)) console.log(`${t}: ${ms.toFixed(0)} ms\n${top(perThread.get(t)!, 14)}`);
}

const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, ms]) => `  ${ms.toFixed(0).padStart(6)} ms  ${k}`).join('\n');

const server = await preview({ build: { outDir }, preview: { port, strictPort: true, host: '127.0.0.1' } });
const browser = await chromium.launch({ executablePath: findChromium(), args: [...chromiumArgs, ...(process.env.JS_FLAGS ? [`--js-flags=${process.env.JS_FLAGS}`] : [])] });
try {
  // The bench's placement (scripts/benchHold.ts): the tip 2.2 mm above the nerve at the fibular head.
  const page = await pageWithNeedleAboveNerve(browser, port);
  const hold = page.getByTestId('inject-hold');
  await hold.hover();
  await page.evaluate(watchLongTasksScript);
  const cdp = await page.context().newCDPSession(page);
  // TRACE=1: a trace of the renderer's threads instead of the CPU profile (native work: paint, raster, GL).
  // The main thread's "(program)" during a hold is GLES2::ReadPixels under Commit: with software
  // compositing each 3D frame is read back synchronously, so the page waits for SwiftShader to draw
  // it (CrGpuMain's "WebGL" flushes); v8.compile shows the thread pool's TurboFan/Maglev jobs.
  if (process.env.TRACE === '1') {
    const traceFile = process.env.TRACE_FILE ?? '/tmp/hold-trace.json';
    await browser.startTracing(page, { path: traceFile, categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'gpu', 'v8', 'viz', 'renderer.scheduler', 'disabled-by-default-v8.compile'] });
    await page.mouse.down();
    await page.waitForTimeout(holdSeconds * 1000);
    await page.mouse.up();
    writeFileSync(traceFile, await browser.stopTracing());
    traceSummary(traceFile);
    process.exit(0);
  }
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  await page.mouse.down();
  const scene: number[] = [];
  for (let s = 0; s < holdSeconds; s++) {
    await page.waitForTimeout(1000);
    scene.push(((await page.evaluate('window.sim.stats()')) as { sceneFps: number }).sceneFps);
  }
  await page.mouse.up();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  writeFileSync('/tmp/hold-profile.cpuprofile', JSON.stringify(profile));
  const longTasks = (await page.evaluate('window.__longTasks')) as number[];
  const ml = (await page.evaluate('window.sim.fluid().totalMl')) as number;
  console.log(`hold ${holdSeconds} s: ${ml.toFixed(2)} ml; 3D view fps per second ${scene.join(' ')}; ${longTasks.length} long tasks, ${longTasks.reduce((a, b) => a + b, 0).toFixed(0)} ms in all, longest ${Math.max(0, ...longTasks).toFixed(0)} ms`);
  const fn = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\//, '')}:${n.callFrame.lineNumber + 1}`;
  const file = (n: ProfileNode) => n.callFrame.url.replace(/^.*\//, '') || n.callFrame.functionName;
  const byFn = summarise(profile, fn);
  const byFile = summarise(profile, file);
  console.log(`self time by function:\n${top(byFn.self, 30)}`);
  console.log(`total time by function:\n${top(byFn.total, 40)}`);
  console.log(`self time by file:\n${top(byFile.self, 12)}`);
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}
