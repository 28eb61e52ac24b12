// Where a fresh page's time to ready() goes: navigation timing, resources, the worker's build
// request/answer and first frame, long tasks. [SECOND=1] node --import tsx scripts/dev/ready-profile.ts <dist> [runs]
import { preview } from 'vite';
import { chromium } from '@playwright/test';
import { execSync } from 'node:child_process';
// @ts-expect-error plain ESM
import { findChromium, chromiumArgs } from '../chromium.mjs';
const outDir = process.argv[2];
const runs = Number(process.argv[3] ?? 3);
const port = Number(process.env.READY_PORT ?? 4791);
/** SECOND=1: profile the second visit (same browser profile, reloaded after the first stored its volume). */
const secondVisit = process.env.SECOND === '1';
const server = await preview({ build: { outDir }, preview: { port, strictPort: true, host: '127.0.0.1' } });
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
const init = `(() => {
  const marks = window.__marks = [];
  const mark = (name) => marks.push([name, performance.now()]);
  window.__mark = mark;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) marks.push(['longtask ' + e.duration.toFixed(0), e.startTime]); }).observe({ type: 'longtask', buffered: true });
  const W = window.Worker;
  window.Worker = class extends W {
    constructor(url, opts) { super(url, opts); mark('worker created ' + String(url).split('/').pop());
      this.addEventListener('message', (e) => { const d = e.data; if (d && d.answer) { const k = Object.keys(d.answer)[0]; if (k === 'build') mark('build answered (worker buildMs ' + d.answer.build.buildMs.toFixed(0) + ')'); else if (k === 'frame') mark('frame answered (computeMs ' + d.answer.frame.computeMs.toFixed(0) + ')'); else if (k === 'open') mark('open answered'); } });
    }
    postMessage(m, t) { if (m && m.kind) { if (m.kind === 'build' || m.kind === 'frame' || m.kind === 'open') mark(m.kind + ' sent'); } return super.postMessage(m, t); }
  };
})();`;
for (let run = 0; run < runs; run++) {
  const load = execSync('cat /proc/loadavg').toString().split(' ').slice(0, 3).join(' ');
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(init);
  const page = await context.newPage();
  const consoleMarks: [string, number][] = [];
  page.on('console', (m) => { const t = m.text(); if (t.startsWith('TIMING ')) consoleMarks.push([t.slice(7, t.lastIndexOf(' ')), Number(t.slice(t.lastIndexOf(' ') + 1))]); });
  await page.goto(`http://127.0.0.1:${port}/?automation`);
  await page.waitForFunction(() => window.sim !== undefined);
  if (secondVisit) {
    // The first visit stores the volume 1.5 s after its build; then the same profile reloads.
    await page.evaluate('window.sim.ready()');
    await page.waitForTimeout(4000);
    await page.reload();
    await page.waitForFunction(() => window.sim !== undefined);
  }
  const ready = (await page.evaluate('window.sim.ready().then(() => performance.now())')) as number;
  const out = (await page.evaluate(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource').map((r) => [r.name.split('/').pop().slice(0, 40), r.startTime, r.responseEnd, r.transferSize]);
    return { nav: { responseEnd: nav.responseEnd, domInteractive: nav.domInteractive, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd }, res, marks: window.__marks, paints: performance.getEntriesByType('paint').map((p) => [p.name, p.startTime]) };
  })()`)) as { nav: Record<string, number>; res: [string, number, number, number][]; marks: [string, number][]; paints: [string, number][] };
  console.log(`--- run ${run + 1}: ready ${ready.toFixed(0)} ms (load ${load})`);
  console.log('nav', JSON.stringify(out.nav, (_key, v) => (typeof v === 'number' ? Math.round(v) : v)));
  const rows: [number, string][] = [];
  for (const [n, s, e] of out.res) rows.push([s, `res ${n} ${s.toFixed(0)}-${e.toFixed(0)}`]);
  for (const [n, t] of out.marks) rows.push([t, n]);
  for (const [n, t] of out.paints) rows.push([t, n]);
  const origin = (await page.evaluate('performance.timeOrigin')) as number;
  for (const [n, t] of consoleMarks) if (t - origin > -1000) rows.push([t - origin, n]);
  rows.sort((a, b) => a[0] - b[0]);
  for (const [t, n] of rows) console.log(`${t.toFixed(0).padStart(6)} ${n}`);
  await context.close();
}
await browser.close();
await server.close();
