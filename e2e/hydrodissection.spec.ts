import type { Page } from '@playwright/test';
import { test, expect } from './simulator';
import type { Vec3 } from '../src/automation/types';
import { HIGH_OPENING_PRESSURE_PSI } from '../src/core/scoring/rubric';

/**
 * The seed's hydrodissection as a trainee does it: short axis over the CPN at the fibular head,
 * the needle in plane from medial to lateral into the paraneural space above the nerve, the
 * plunger held through the UI while the image is watched, then the same below the nerve — 5 ml in
 * all. The halo is checked in the product's own frame (sim.frame()), the pressure on its manometer.
 */



/**
 * The first push: the syringe's slowest, so the image is sampled many times while the halo grows
 * (the simulation's steps keep pace with a slow push even on a busy machine).
 */
const SLOW_RATE_ML_PER_S = 0.1;
/** At most this much goes in slowly: the plunger is let go once the image shows the ring forming. */
const SLOW_MAX_ML = 2;
/** The second: the syringe's usual 1 ml/s. */
const USUAL_RATE_ML_PER_S = 1;
/** How late a hold may be let go of on a busy machine (ml at the usual rate): the below-bolus is planned this much short. */
const RELEASE_LAG_ALLOWANCE_ML = 0.5;
/** Sectors round the nerve in the image. */
const SECTORS = 12;
/** The annulus watched for new anechoic pixels: from just outside the nerve to the published halo's reach. */
const RING_INNER_MM = 1.2;
const RING_OUTER_MM = 6;
/** Grey level under which a 3×3-smoothed pixel reads as anechoic (fluid); tissue speckle stays above it. */
const ANECHOIC_GREY = 28;
/** A sector has opened when this share of its annulus has turned anechoic since before the injection. */
const OPENED_SHARE = 0.12;

/**
 * Per sector (0 = image right, counter-clockwise as drawn, rows grow downward), the share of its
 * annulus that is anechoic. `live`: read the scanner's canvas as it stands (during a hold the
 * image keeps redrawing, so waiting for sim.frame() to catch up would sample it once); else the
 * settled frame from sim.frame(). The canvas holds the frame pixel for pixel (UltrasoundPanel).
 */
function anechoicShares(page: Page, centre: Vec3, live = false): Promise<number[]> {
  return page.evaluate(
    async ({ centre, live, SECTORS, RING_INNER_MM, RING_OUTER_MM, ANECHOIC_GREY }) => {
      const sim = window.sim!;
      let f: { width: number; height: number; pixels: Uint8Array };
      if (live) {
        const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="ultrasound-canvas"]')!;
        const rgba = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        const grey = new Uint8Array(canvas.width * canvas.height);
        for (let i = 0; i < grey.length; i++) grey[i] = rgba[4 * i];
        f = { width: canvas.width, height: canvas.height, pixels: grey };
      } else f = await sim.frame();
      const c = sim.worldToImage(centre);
      // Image pixels per mm, from the product's own mapping: 1 mm along the array.
      const axis = sim.probe().axes.array;
      const pxPerMm = Math.abs(sim.worldToImage({ x: centre.x + axis.x, y: centre.y + axis.y, z: centre.z + axis.z }).col - c.col);
      const at = (col: number, row: number) => f.pixels[Math.min(f.height - 1, Math.max(0, row)) * f.width + Math.min(f.width - 1, Math.max(0, col))];
      const dark = new Array<number>(SECTORS).fill(0);
      const all = new Array<number>(SECTORS).fill(0);
      const reach = Math.ceil(RING_OUTER_MM * pxPerMm);
      for (let dy = -reach; dy <= reach; dy++)
        for (let dx = -reach; dx <= reach; dx++) {
          const rMm = Math.hypot(dx, dy) / pxPerMm;
          if (rMm < RING_INNER_MM || rMm > RING_OUTER_MM) continue;
          const col = Math.round(c.col) + dx;
          const row = Math.round(c.row) + dy;
          let sum = 0;
          for (let sy = -1; sy <= 1; sy++) for (let sx = -1; sx <= 1; sx++) sum += at(col + sx, row + sy);
          const sector = Math.floor((((Math.atan2(-dy, dx) / (2 * Math.PI)) + 1) % 1) * SECTORS);
          all[sector]++;
          if (sum / 9 < ANECHOIC_GREY) dark[sector]++;
        }
      return dark.map((d, i) => d / all[i]);
    },
    { centre, live, SECTORS, RING_INNER_MM, RING_OUTER_MM, ANECHOIC_GREY },
  );
}

const opened = (before: number[], now: number[]) => now.map((s, i) => s - before[i] >= OPENED_SHARE);
/** Sectors above the nerve in the image (toward the probe): rows above the centre, i.e. angles 0–180°. */
const superficial = (flags: boolean[]) => flags.filter((f, i) => (i + 0.5) / SECTORS < 0.5 && f).length;
const deep = (flags: boolean[]) => flags.filter((f, i) => (i + 0.5) / SECTORS > 0.5 && f).length;

async function injectedMl(page: Page): Promise<number> {
  return page.evaluate(() =>
    window
      .sim!.events()
      .filter((e) => e.kind === 'injection')
      .reduce((sum, e) => sum + (e as unknown as { ml: number }).ml, 0),
  );
}

/** The needle in plane from the probe's medial end, its tip `offsetMm` from the nerve's centre toward the skin (negative: deep). */
async function needleTo(page: Page, offsetMm: number): Promise<{ tipVisible: boolean; tissueAtTip: string; nerveTouched: boolean }> {
  return page.evaluate(async (offsetMm) => {
    const sim = window.sim!;
    const head = sim.landmarks().cpnAtFibularHead;
    const probe = sim.probe();
    const up = { x: -probe.axes.beam.x, y: -probe.axes.beam.y, z: -probe.axes.beam.z };
    const entry = { x: probe.pose.centre.x - probe.axes.array.x * 21, y: probe.pose.centre.y - probe.axes.array.y * 21, z: probe.pose.centre.z - probe.axes.array.z * 21 };
    const target = { x: head.x + up.x * offsetMm, y: head.y + up.y * offsetMm, z: head.z + up.z * offsetMm };
    const toward = (from: Vec3) => {
      const d = { x: target.x - from.x, y: target.y - from.y, z: target.z - from.z };
      const len = Math.hypot(d.x, d.y, d.z);
      return { x: d.x / len, y: d.y / len, z: d.z / len };
    };
    // The needle enters where the face's edge meets the skin (the limb curves away under the
    // face): aimed from there, it reaches the target instead of passing it a few mm deep.
    const onSkin = (await sim.insertNeedle({ entry, direction: toward(entry) })).tip;
    const placed = await sim.insertNeedle({ entry: onSkin, direction: toward(onSkin) });
    const depth = Math.hypot(target.x - placed.tip.x, target.y - placed.tip.y, target.z - placed.tip.z);
    let report = placed;
    for (let done = 0; done < depth - 1e-6; done += 2) report = await sim.advanceNeedle(Math.min(2, depth - done));
    return { tipVisible: report.tipVisible, tissueAtTip: report.tissueAtTip, nerveTouched: report.contacts.some((c) => c.kind === 'nerve-touched') };
  }, offsetMm);
}

/** Draws the needle back to the skin (it stays in plane, its tip out of the tissue). */
async function withdrawNeedle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const sim = window.sim!;
    const needle = sim.needle();
    if (needle) await sim.advanceNeedle(-60);
  });
}

/**
 * Holds the plunger with the mouse for `ml` at the syringe's rate, sampling the manometer and the
 * image's annulus on the way (the image keeps redrawing while the plunger is down). Timed, not
 * counted: the syringe delivers rate × time held however long each step takes the simulation.
 */
async function holdPlunger(page: Page, ml: number, rateMlPerS: number, centre: Vec3, releaseWhen?: (ring: number[]) => boolean) {
  const button = page.getByTestId('inject-hold');
  const manometer = page.getByTestId('manometer');
  const start = await injectedMl(page);
  const readings: number[] = [];
  const rings: number[][] = [];
  await button.hover();
  await page.mouse.down();
  const pressedAt = Date.now();
  const releaseAt = pressedAt + (1000 * ml) / rateMlPerS;
  let releasedAt: number;
  try {
    await expect(manometer).toHaveAttribute('data-live', 'true');
    while (Date.now() < releaseAt) {
      const psi = Number(await manometer.getAttribute('data-psi'));
      if (psi > 0) readings.push(psi);
      if (!releaseWhen) {
        // Nothing to watch on the image: let go on time (reading the image takes seconds under load,
        // and the syringe keeps going while the button is down).
        await page.waitForTimeout(Math.max(0, Math.min(200, releaseAt - Date.now())));
        continue;
      }
      rings.push(await anechoicShares(page, centre, true));
      if (releaseWhen(rings[rings.length - 1])) break;
    }
  } finally {
    releasedAt = Math.min(Date.now(), releaseAt);
    await page.mouse.up();
  }
  await expect(manometer).toHaveAttribute('data-live', 'false');
  // The step owed at release goes in once the one before it is in.
  await expect.poll(() => injectedMl(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(start + (rateMlPerS * (releasedAt - pressedAt)) / 1000 - 0.05);
  return { readings, rings, ml: (await injectedMl(page)) - start };
}

test('hydrodissection by press-and-hold: the halo forms round the nerve in the image, 5 ml leave a donut and a spindle', async ({ sim, page }) => {
  test.setTimeout(150_000);
  await sim.open();
  await sim.placeProbeOver('cpnAtFibularHead', 0);
  await expect(sim.viewClass()).toHaveAttribute('data-view', 'short-axis');
  const head = (await sim.landmarks()).cpnAtFibularHead;
  const radiusMm = await page.evaluate(() => Math.sqrt(window.sim!.nerveAt(0)!.areaMm2 / Math.PI));
  // 2.5 ml with the tip in the sheath above the nerve.
  const above = await needleTo(page, radiusMm + 0.8);
  expect(above.tipVisible).toBe(true);
  expect(above.nerveTouched).toBe(false);
  // A slow, steady push (the seed's "small volumes"): the image is watched as the halo grows.
  await page.getByTestId('injection-rate-setting').fill(String(SLOW_RATE_ML_PER_S));
  const before = await anechoicShares(page, head);
  expect(before.filter((s) => s > OPENED_SHARE).length, 'no anechoic ring before injecting').toBeLessThanOrEqual(2);
  const first = await holdPlunger(page, SLOW_MAX_ML, SLOW_RATE_ML_PER_S, head, (ring) => opened(before, ring).filter(Boolean).length >= 3);
  // The halo forms during the hold: sectors round the nerve turn anechoic while the plunger is down.
  const openedDuringHold = first.rings.map((r) => opened(before, r).filter(Boolean).length);
  expect(openedDuringHold[0], `opened sectors while held ${JSON.stringify(openedDuringHold)}`).toBeLessThanOrEqual(2);
  expect(Math.max(...openedDuringHold), `opened sectors while held ${JSON.stringify(openedDuringHold)}`).toBeGreaterThanOrEqual(3);
  // The rest of the first 2.5 ml from the same place, at the usual rate.
  await page.getByTestId('injection-rate-setting').fill(String(USUAL_RATE_ML_PER_S));
  const rest = await holdPlunger(page, 2.5 - first.ml, USUAL_RATE_ML_PER_S, head);
  // The needle's own echoes (its reverberation lines run on under it) are not fluid: the ring is
  // read with the needle drawn back to the skin, as a sonographer checks the halo between passes.
  await withdrawNeedle(page);
  const afterFirst = opened(before, await anechoicShares(page, head));
  expect(superficial(afterFirst), `opened sectors ${JSON.stringify(afterFirst)}`).toBeGreaterThanOrEqual(4);
  // Perineural: the manometer reads the paraneural space's 4–8 psi (anatomy.md), live while held.
  expect(first.readings.length).toBeGreaterThan(0);
  expect(Math.min(...first.readings)).toBeGreaterThanOrEqual(4);
  expect(Math.max(...first.readings)).toBeLessThanOrEqual(8);

  // 2.5 ml below the nerve: a full ring.
  const below = await needleTo(page, -(radiusMm + 0.8));
  expect(below.tipVisible).toBe(true);
  expect(below.nerveTouched).toBe(false);
  // What is left of the 5 ml: each hold lets go after its planned volume by a round trip to a busy
  // page (0.1–0.7 ml at 1 ml/s in CI), so the below-bolus is held for a little less than what is
  // left, and a last push through the automation API makes up the 5 ml exactly.
  const second = await holdPlunger(page, Math.max(1, 5 - (await injectedMl(page)) - RELEASE_LAG_ALLOWANCE_ML), USUAL_RATE_ML_PER_S, head);
  const short = 5 - (await injectedMl(page));
  if (short > 0.01) await page.evaluate((ml) => window.sim!.inject(ml), short);
  // Faster reads higher on the manometer, still under the rubric's line. (Below the nerve, where
  // the first bolus has already opened the plane and moved the nerve, the model reads 9–12 psi at
  // 1 ml/s, above the 8 ± 2 psi of a perineural tip (Gadsden 2014): a calibration left open.)
  expect(Math.max(...rest.readings)).toBeGreaterThan(Math.max(...first.readings));
  expect(Math.max(...second.readings, ...rest.readings)).toBeLessThan(HIGH_OPENING_PRESSURE_PSI);
  await withdrawNeedle(page);
  const finalRing = opened(before, await anechoicShares(page, head));
  expect(deep(finalRing), `opened sectors ${JSON.stringify(finalRing)}`).toBeGreaterThanOrEqual(4);
  expect(finalRing.filter(Boolean).length, `opened sectors ${JSON.stringify(finalRing)}`).toBeGreaterThanOrEqual(9);

  const total = await injectedMl(page);
  expect(total).toBeGreaterThanOrEqual(4.9);
  // About 5 ml: over only where the last hold was let go more than RELEASE_LAG_ALLOWANCE_ML late.
  expect(total).toBeLessThanOrEqual(5.6);
  const fluid = await page.evaluate(() => window.sim!.fluid());
  expect(fluid.haloCoveragePct).toBeGreaterThanOrEqual(90);
  // The automation API reads the same injectate: fluid beside the nerve where the image is black, tissue far off.
  const lookups = await page.evaluate(async ({ head, beside }) => {
    const sim = window.sim!;
    const probe = sim.probe();
    const up = { x: -probe.axes.beam.x, y: -probe.axes.beam.y, z: -probe.axes.beam.z };
    const at = (k: number) => ({ x: head.x + up.x * k, y: head.y + up.y * k, z: head.z + up.z * k });
    let best = { k: 0, fraction: 0 };
    for (let k = beside; k <= beside + 4; k += 0.25) {
      const fraction = await sim.fluidAt(at(k));
      if (fraction > best.fraction) best = { k, fraction };
    }
    const refused = await sim.fluidAt({ x: Number.NaN, y: 0, z: 0 }).then(() => null, (e: Error & { code?: string }) => ({ name: e.name, code: e.code }));
    return { best, tissue: await sim.tissueAt(at(best.k)), far: await sim.fluidAt(at(-25)), refused };
  }, { head, beside: radiusMm });
  expect(lookups.best.fraction).toBeGreaterThan(0.9);
  expect(lookups.tissue).toBe('fluid');
  expect(lookups.far).toBe(0);
  expect(lookups.refused).toEqual({ name: 'SimError', code: 'invalid-argument' });

  await sim.screenshots('hydrodissection-short-axis');
  await page.evaluate(async () => {
    const n = window.sim!.nerveAt(0)!;
    await window.sim!.setProbe({ centre: n.centre, rotationDeg: (Math.atan2(n.tangent.y, n.tangent.x) * 180) / Math.PI, compressionMm: 1 });
  });
  await expect(sim.viewClass()).toHaveAttribute('data-view', 'long-axis');
  await sim.screenshots('hydrodissection-long-axis');
});
