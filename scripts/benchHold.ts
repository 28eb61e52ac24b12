import type { Browser, Page } from '@playwright/test';

/**
 * The browser bench's hold (scripts/bench-browser.ts, scripts/dev/hold-profile.ts), as a script for
 * `page.evaluate`: a new assessment attempt, the probe in short axis over the CPN at the fibular
 * head, and the needle in plane from the probe's medial end with its tip 2.2 mm above the nerve —
 * aimed from where it enters the skin (the limb curves away under the face's end), so the tip is
 * where it is meant to be.
 */
export const needleAboveNerveScript = `(async () => {
  const sim = window.sim;
  // A new attempt may rebuild the knee: wait for it before reading its landmarks.
  await sim.setAttempt({ mode: 'assessment' });
  await sim.ready();
  const head = sim.landmarks().cpnAtFibularHead;
  const probe = await sim.setProbe({ centre: head, rotationDeg: 0, compressionMm: 1 });
  const entry = { x: probe.pose.centre.x - probe.axes.array.x * 21, y: probe.pose.centre.y - probe.axes.array.y * 21, z: probe.pose.centre.z - probe.axes.array.z * 21 };
  const target = { x: head.x - probe.axes.beam.x * 2.2, y: head.y - probe.axes.beam.y * 2.2, z: head.z - probe.axes.beam.z * 2.2 };
  const toward = (from) => {
    const d = { x: target.x - from.x, y: target.y - from.y, z: target.z - from.z };
    const len = Math.hypot(d.x, d.y, d.z);
    return { x: d.x / len, y: d.y / len, z: d.z / len };
  };
  const onSkin = (await sim.insertNeedle({ entry, direction: toward(entry) })).tip;
  const placed = await sim.insertNeedle({ entry: onSkin, direction: toward(onSkin) });
  await sim.advanceNeedle(Math.hypot(target.x - placed.tip.x, target.y - placed.tip.y, target.z - placed.tip.z));
})()`;

/** Starts collecting the page's long main-thread tasks (ms each) in `window.__longTasks`: the hold's long-task row. */
export const watchLongTasksScript = `(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ entryTypes: ['longtask'] });
})()`;

/**
 * Slides the probe in short axis along the CPN, from `fromMm` to `toMm` along the nerve in steps of
 * `stepMm` and back, one pose per animation frame (the store action a drag calls), for `seconds`;
 * returns `window.sim.stats()` once a second. Every pose moves the probe and its imaging plane in
 * the 3D view, so its sceneFps is how fast the view follows a change (it draws only on change) and
 * sceneLatencyMs how long a change waits.
 */
export const slideProbeScript = (seconds: number, fromMm: number, toMm: number, stepMm: number) => `(async () => {
  const sim = window.sim;
  const path = [];
  for (let s = ${fromMm}; s >= ${toMm}; s -= ${stepMm}) path.push(sim.nerveAt(s).centre);
  const out = [];
  const start = performance.now();
  let i = 0;
  let nextSample = start + 1000;
  await new Promise((resolve) => {
    const step = () => {
      const now = performance.now();
      if (now - start > ${seconds} * 1000) return resolve();
      const k = i % (2 * path.length);
      const centre = path[k < path.length ? k : 2 * path.length - 1 - k];
      i++;
      sim.setProbe({ centre, rotationDeg: 0, compressionMm: 1 }).catch(() => undefined);
      if (now >= nextSample) { out.push(sim.stats()); nextSample += 1000; }
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  return out;
})()`;

/** While the plunger is held (the caller holds it): the slide above, 5 mm either side of the fibular head. */
export const slideDuringHoldScript = (seconds: number) => slideProbeScript(seconds, 5, -5, 0.25);


/**
 * A fresh page of the app at `port` (automation on), ready, with the needle placed as
 * `needleAboveNerveScript` places it: where the dev scripts of the hold and the 3D view start.
 */
export async function pageWithNeedleAboveNerve(browser: Browser, port: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`http://127.0.0.1:${port}/?automation`);
  await page.waitForFunction(() => window.sim !== undefined);
  await page.evaluate('window.sim.ready()');
  await page.evaluate(needleAboveNerveScript);
  return page;
}
