// Where a pose → new frame goes (issue 13 item 3): the bench's 40 slides (setProbe then frame()),
// each with a timeline — the frame request posted to the worker, received and answered there, the
// answer received on the main thread, the image put on its canvas, the 3D view's draws (animation
// frame callbacks that issued WebGL draws), frame() resolved — once with the 3D view shown and
// once hidden, then the bench's slide (imageFps, sceneFps, long tasks).
// node --import tsx scripts/dev/pose-frame-profile.ts <dist> [runs]   (POSE_PORT, default 4793)
import { preview } from 'vite';
import { chromium, type Page } from '@playwright/test';
import { execSync } from 'node:child_process';
// @ts-expect-error plain ESM
import { findChromium, chromiumArgs } from '../chromium.mjs';
import { slideProbeScript } from '../benchHold';

const outDir = process.argv[2];
const runs = Number(process.argv[3] ?? 1);
const port = Number(process.env.POSE_PORT ?? 4793);
const server = await preview({ build: { outDir }, preview: { port, strictPort: true, host: '127.0.0.1' } });
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });

/** Page side: marks [name, ms since the page's origin] for the worker's messages, the image's draw and each animation frame callback. */
const pageInit = `(() => {
  const marks = window.__marks = [];
  const mark = (name, t = performance.now()) => marks.push([name, t]);
  window.__mark = mark;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) marks.push(['longtask ' + e.duration.toFixed(0), e.startTime]); }).observe({ type: 'longtask', buffered: true });
  const W = window.Worker;
  window.Worker = class extends W {
    constructor(url, opts) {
      super(url, opts);
      this.addEventListener('message', (e) => { const d = e.data; if (d && d.answer) { const k = Object.keys(d.answer)[0]; if (k === 'frame') mark('frame received (computeMs ' + d.answer.frame.computeMs.toFixed(1) + ')'); else if (k === 'event') mark('event received'); } });
    }
    postMessage(m, t) { if (m && (m.kind === 'frame' || m.kind === 'event')) mark(m.kind + ' sent'); return super.postMessage(m, t); }
  };
  const put = CanvasRenderingContext2D.prototype.putImageData;
  CanvasRenderingContext2D.prototype.putImageData = function (...args) { const t = performance.now(); const r = put.apply(this, args); mark('image put (' + (performance.now() - t).toFixed(1) + ' ms)', t); return r; };
  let draws = 0;
  for (const C of [WebGLRenderingContext, WebGL2RenderingContext]) {
    for (const f of ['drawElements', 'drawArrays']) { const o = C.prototype[f]; C.prototype[f] = function (...a) { draws++; return o.apply(this, a); }; }
  }
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf((ts) => { const d0 = draws; const t = performance.now(); cb(ts); if (draws > d0) mark('3D draw (' + (performance.now() - t).toFixed(1) + ' ms, ' + (draws - d0) + ' calls)', t); });
})()`;

/** Worker side: the frame requests it receives and answers, in the page's clock (via timeOrigin). */
const workerInit = `(() => {
  const marks = self.__marks = [];
  const at = () => performance.timeOrigin + performance.now();
  // Before the host's own handler (a banded frame is answered later, one without bands at once).
  const handle = self.onmessage;
  self.onmessage = (e) => { if (e.data && e.data.kind === 'frame') marks.push(['worker got frame request', at()]); return handle.call(self, e); };
  const post = self.postMessage.bind(self);
  self.postMessage = (m, t) => { if (m && m.answer && m.answer.frame) marks.push(['worker posted frame', at()]); return post(m, t); };
  return true;
})()`;

async function slides(page: Page): Promise<{ ms: number[]; marks: [string, number][] }> {
  const simWorker = page.workers().find((w) => !/band/i.test(w.url()));
  if (simWorker) await simWorker.evaluate(workerInit);
  await page.evaluate('window.__marks.length = 0');
  const ms = (await page.evaluate(`(async () => {
    const sim = window.sim;
    const out = [];
    for (let i = 0; i < 40; i++) {
      const centre = sim.nerveAt(20 - i).centre;
      const t0 = performance.now();
      window.__mark('slide ' + i);
      await sim.setProbe({ centre, rotationDeg: 0, compressionMm: 1 });
      window.__mark('setProbe resolved');
      await sim.frame();
      window.__mark('frame() resolved');
      out.push(performance.now() - t0);
    }
    return out;
  })()`)) as number[];
  const marks = (await page.evaluate('window.__marks')) as [string, number][];
  if (simWorker) {
    const origin = (await page.evaluate('performance.timeOrigin')) as number;
    const wm = (await simWorker.evaluate('self.__marks.splice(0)')) as [string, number][];
    for (const [n, t] of wm) marks.push([n, t - origin]);
  }
  marks.sort((a, b) => a[1] - b[1]);
  return { ms, marks };
}

const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);

/** Per slide: the phases of the frame that answered it, and what else ran meanwhile. */
function report(label: string, ms: number[], marks: [string, number][]): void {
  const phases: Record<string, number[]> = {};
  const add = (k: string, v: number) => (phases[k] ??= []).push(v);
  let staleInFlight = 0;
  const lines: string[] = [];
  for (let i = 0; i < 40; i++) {
    const start = marks.findIndex(([n]) => n === `slide ${i}`);
    const end = marks.findIndex(([n], j) => j > start && n === 'frame() resolved');
    const w = marks.slice(start, end + 1);
    const t0 = w[0][1];
    const at = (re: RegExp, after = t0) => w.find(([n, t]) => re.test(n) && t >= after)?.[1];
    // The request for this pose: the last frame sent before the image was put.
    const put = [...w].reverse().find(([n]) => n.startsWith('image put'))?.[1];
    const sent = [...w].reverse().find(([n, t]) => n === 'frame sent' && (put === undefined || t < put))?.[1];
    if (sent !== undefined && w.filter(([n]) => n === 'frame sent').length > 1) staleInFlight++;
    const got = sent !== undefined ? at(/^worker got frame/, sent) : undefined;
    const posted = got !== undefined ? at(/^worker posted frame/, got) : undefined;
    const recv = posted !== undefined ? at(/^frame received/, posted) : undefined;
    const resolved = w[w.length - 1][1];
    const draws3d = w.filter(([n]) => n.startsWith('3D draw'));
    const draw3dMs = draws3d.reduce((s, [n]) => s + Number(/\(([\d.]+) ms/.exec(n)![1]), 0);
    add('total', resolved - t0);
    if (sent !== undefined) add('setProbe → frame request sent', sent - t0);
    if (sent !== undefined && got !== undefined) add('sent → worker got it', got - sent);
    if (got !== undefined && posted !== undefined) add('worker: got → answer posted', posted - got);
    if (posted !== undefined && recv !== undefined) add('answer posted → received (main)', recv - posted);
    if (recv !== undefined && put !== undefined) add('received → image put', put - recv);
    if (put !== undefined) add('image put → frame() resolved', resolved - put);
    add('3D draws per slide', draws3d.length);
    add('3D draw ms per slide', draw3dMs);
    if (i < 3) lines.push(`  slide ${i}: ` + w.map(([n, t]) => `${(t - t0).toFixed(1)} ${n}`).join(' | '));
  }
  console.log(`--- ${label}: pose → new frame median ${median(ms).toFixed(1)} ms (spread ${Math.min(...ms).toFixed(1)}–${Math.max(...ms).toFixed(1)})`);
  for (const [k, v] of Object.entries(phases)) console.log(`  ${k.padEnd(34)} median ${median(v).toFixed(1)}  (n ${v.length}, max ${Math.max(...v).toFixed(1)})`);
  console.log(`  slides with more than one frame request sent: ${staleInFlight} / 40`);
  for (const l of lines) console.log(l);
}

for (let run = 0; run < runs; run++) {
  const load = execSync('cat /proc/loadavg').toString().split(' ').slice(0, 3).join(' ');
  console.log(`===== run ${run + 1} (${outDir}, load ${load})`);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(pageInit);
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/?automation`);
  await page.waitForFunction(() => window.sim !== undefined);
  await page.evaluate('window.sim.ready()');
  await page.waitForTimeout(1500);
  const shown = await slides(page);
  report('3D view shown', shown.ms, shown.marks);
  console.log(`  3D canvas: ${await page.evaluate(`(() => { const c = document.querySelector('[data-testid=scene-view] canvas'); return c.width + ' x ' + c.height + ' px'; })()`)}`);
  const slide = (await page.evaluate(slideProbeScript(4, 25, -15, 0.5))) as { imageFps: number; sceneFps: number }[];
  console.log(`  slide 4 s (shown): imageFps ${slide.slice(1).map((s) => s.imageFps).join(' ')}, sceneFps ${slide.slice(1).map((s) => s.sceneFps).join(' ')}`);
  const long = ((await page.evaluate('window.__marks')) as [string, number][]).filter(([n]) => n.startsWith('longtask'));
  console.log(`  long tasks so far: ${long.map(([n]) => n.slice(9)).join(' ')}`);
  // Half the pixels (the view's box at 71 % each way): how the 3D view's share scales with them.
  await page.evaluate(`(() => { const v = document.querySelector('[data-testid=scene-view]'); v.style.width = '71%'; v.style.height = '71%'; })()`);
  await page.waitForTimeout(1000);
  const half = await slides(page);
  report('3D view at half its pixels', half.ms, half.marks);
  // Hidden: the 3D view's box out of the layout, so its canvas has no pixels to draw.
  await page.evaluate(`document.querySelector('[data-testid=scene-view]').style.display = 'none'`);
  await page.waitForTimeout(1000);
  const hidden = await slides(page);
  report('3D view hidden', hidden.ms, hidden.marks);
  await context.close();
}
await browser.close();
await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
