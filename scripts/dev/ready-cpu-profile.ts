// What the main thread runs between a fresh page's load and ready(): a CPU profile of the page
// (not its workers), summed by function over the whole start and over the part after the worker's
// build answer. node --import tsx scripts/dev/ready-cpu-profile.ts <dist> [runs]   (SECOND_VISIT=1: a reload)
import { preview } from 'vite';
import { chromium } from '@playwright/test';
import { execSync } from 'node:child_process';
// @ts-expect-error plain ESM
import { findChromium, chromiumArgs } from '../chromium.mjs';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

const outDir = process.argv[2];
const runs = Number(process.argv[3] ?? 1);
const port = Number(process.env.READY_PORT ?? 4792);
const server = await preview({ build: { outDir }, preview: { port, strictPort: true, host: '127.0.0.1' } });
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });

/** Self time (ms) by function, and inclusive time by the top frames below a chosen root, from a time (µs since profile start). */
function summarise(profile: Profile, fromUs: number) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let t = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (t < fromUs) continue;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(profile.samples[i])!;
    const name = (n: ProfileNode) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    self.set(name(node), (self.get(name(node)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const k = name(byId.get(id)!);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
    }
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${v.toFixed(0).padStart(6)} ${k}`).join('\n');
  return { self: top(self, 25), inclusive: top(inclusive, 45) };
}

for (let run = 0; run < runs; run++) {
  const load = execSync('cat /proc/loadavg').toString().split(' ').slice(0, 3).join(' ');
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(`(() => { const W = window.Worker; window.__buildAnswered = 0; window.Worker = class extends W { constructor(u, o) { super(u, o); this.addEventListener('message', (e) => { const d = e.data; if (d && d.answer && Object.keys(d.answer)[0] === 'build') window.__buildAnswered = performance.now(); }); } }; })();`);
  const page = await context.newPage();
  // SECOND_VISIT=1: profile a reload of a page that has stored its knee's volume (a second visit).
  if (process.env.SECOND_VISIT) {
    await page.goto(`http://127.0.0.1:${port}/?automation`);
    await page.waitForFunction(() => window.sim !== undefined);
    await page.evaluate('window.sim.ready()');
    await page.waitForTimeout(4000);
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const started = Date.now();
  await page.goto(`http://127.0.0.1:${port}/?automation`);
  await page.waitForFunction(() => window.sim !== undefined);
  const ready = (await page.evaluate('window.sim.ready().then(() => performance.now())')) as number;
  const buildAnswered = (await page.evaluate('window.__buildAnswered')) as number;
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  console.log(`--- run ${run + 1}: ready ${ready.toFixed(0)} ms, build answered ${buildAnswered.toFixed(0)} ms (load ${load}, wall ${Date.now() - started} ms)`);
  const all = summarise(profile, 0);
  // The profile starts a little before navigation: place the build answer on its clock by the ready time.
  const profileSpanUs = profile.endTime - profile.startTime;
  const afterUs = profileSpanUs - (ready - buildAnswered) * 1000;
  const after = summarise(profile, afterUs);
  console.log('== whole start, self ms\n' + all.self);
  console.log('== whole start, inclusive ms\n' + all.inclusive);
  console.log('== after the build answer, self ms\n' + after.self);
  console.log('== after the build answer, inclusive ms\n' + after.inclusive);
  await context.close();
}
await browser.close();
await server.close();
