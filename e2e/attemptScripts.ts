import type { Page } from '@playwright/test';
import { NeedleControls } from './support/needle';
import { add } from './support/vec';

/**
 * Whole attempts played through window.sim, as an instructor's demonstration would: the same
 * actions a trainee takes, with real pauses so that "held for 1 s" means a second.
 */

/** Scan (short axis held, compression, long-axis trace), then 2.5 ml above and below the nerve in plane, images saved. */
export async function playGoodAttempt(page: Page, trainee = 'Dr Good'): Promise<void> {
  await page.evaluate(async (trainee) => {
    const sim = window.sim!;
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await sim.setAttempt({ trainee, mode: 'assessment' });
    const head = sim.landmarks().cpnAtFibularHead;
    await sim.setProbe({ centre: head, rotationDeg: 0, compressionMm: 1 });
    await wait(1300);
    await sim.setProbe({ centre: head, rotationDeg: 0, compressionMm: 4 });
    await wait(300);
    await sim.setProbe({ centre: head, rotationDeg: 0, compressionMm: 1 });
    // Long axis, traced from 20 mm distal to 20 mm proximal.
    for (let s = -20; s <= 20; s += 5) {
      const n = sim.nerveAt(s)!;
      await sim.setProbe({ centre: n.centre, rotationDeg: (Math.atan2(n.tangent.y, n.tangent.x) * 180) / Math.PI, compressionMm: 1 });
      await wait(400);
    }
    const probe = await sim.setProbe({ centre: head, rotationDeg: 0, compressionMm: 1 });
    const up = { x: -probe.axes.beam.x, y: -probe.axes.beam.y, z: -probe.axes.beam.z };
    // The needle goes in on the skin at the probe's medial end: the limb curves away under the
    // face, so that is a few mm down the beam from the face's edge (aimed from the edge itself,
    // the tip would stop ~4 mm deep and medial of its target).
    const edge = { x: probe.pose.centre.x - probe.axes.array.x * 21, y: probe.pose.centre.y - probe.axes.array.y * 21, z: probe.pose.centre.z - probe.axes.array.z * 21 };
    let entry = edge;
    for (let k = 0; k <= 15; k += 0.25) {
      const p = { x: edge.x + probe.axes.beam.x * k, y: edge.y + probe.axes.beam.y * k, z: edge.z + probe.axes.beam.z * k };
      if ((await sim.tissueAt(p)) === 'outside') continue;
      entry = p;
      break;
    }
    for (const k of [2.2, -2.2]) {
      const target = { x: head.x + up.x * k, y: head.y + up.y * k, z: head.z + up.z * k };
      const d = { x: target.x - entry.x, y: target.y - entry.y, z: target.z - entry.z };
      const len = Math.hypot(d.x, d.y, d.z);
      const placed = await sim.insertNeedle({ entry, direction: { x: d.x / len, y: d.y / len, z: d.z / len } });
      const depth = Math.hypot(target.x - placed.tip.x, target.y - placed.tip.y, target.z - placed.tip.z);
      for (let done = 0; done < depth - 1e-6; done += 2) await sim.advanceNeedle(Math.min(2, depth - done));
      for (let v = 0; v < 5; v++) await sim.inject(0.5);
      await sim.advanceNeedle(-depth);
    }
    await sim.saveImage();
    const n = sim.nerveAt(sim.nerveAt(0) ? 0 : 1)!;
    const site = sim.nerveAt(-5) ?? n;
    await sim.setProbe({ centre: site.centre, rotationDeg: (Math.atan2(site.tangent.y, site.tangent.x) * 180) / Math.PI, compressionMm: 1 });
    await wait(1200);
    await sim.saveImage();
  }, trainee);
}

/** Straight into the nerve and inject: the critical error the rubric caps at 20. */
export async function playIntraneuralAttempt(page: Page, trainee = 'Dr Hasty'): Promise<void> {
  await page.evaluate((trainee) => window.sim!.setAttempt({ trainee, mode: 'assessment' }), trainee);
  const needle = new NeedleControls(page);
  await page.evaluate(() => window.sim!.setProbe({ centre: window.sim!.landmarks().cpnAtFibularHead, rotationDeg: 0, compressionMm: 1 }));
  // Aimed again from where the needle met the skin, so the tip lands in the nerve's centre.
  await needle.reach(await page.evaluate(() => window.sim!.landmarks().cpnAtFibularHead), { reaim: true });
  await needle.inject(1);
}

/** Short axis over the fibular head, the needle in plane from the probe's medial end to 2.2 mm superficial of the nerve. */
export async function needleAboveNerve(page: Page): Promise<void> {
  const probe = await page.evaluate(() => window.sim!.setProbe({ centre: window.sim!.landmarks().cpnAtFibularHead, rotationDeg: 0, compressionMm: 1 }));
  const head = await page.evaluate(() => window.sim!.landmarks().cpnAtFibularHead);
  await new NeedleControls(page).reach(add(head, probe.axes.beam, -2.2));
}
