// Figures for the needle-and-fluid and scored-attempt issues: injectate steps, a whole 5 ml
// injection, replaying a 5-minute attempt, and the size of its export.
import type { KneeAnatomy } from '../src/core/anatomy/knee';
import type { LabelVolume } from '../src/core/anatomy/voxelise';
import { FluidSpread } from '../src/core/fluid/spread';
import { measureFluid } from '../src/core/fluid/measures';
import { fluidSurface } from '../src/core/fluid/fluidSurface';
import { fluidDisplacement } from '../src/core/fluid/displacement';
import { AttemptSimulation } from '../src/core/attempt/simulation';
import { goodAttemptEvents } from '../src/core/attempt/scriptedAttempt';
import type { AttemptEvent } from '../src/core/attempt/events';
import { scoreAttempt } from '../src/core/scoring/score';
import { placeProbe } from '../src/core/probe/placement';
import { BModeImager } from '../src/core/ultrasound/bmode';
import { defaultScannerSettings } from '../src/core/ultrasound/scannerSettings';
import { exportAttempts } from '../src/storage/exchange';
import { summarise, line } from './benchFigures';

export function benchFluidAndAttempt(knee: KneeAnatomy, volume: LabelVolume, options: { fluidOnly?: boolean } = {}): void {
  const site = knee.nerveSAtLevel(-5);
  const nerve = knee.nerveAt(site)!;
  const up = knee.skinNormal(knee.projectOntoSkin(nerve.centre));
  const radius = Math.sqrt(nerve.areaMm2 / Math.PI);
  const above = { x: nerve.centre.x + up.x * (radius + 0.6), y: nerve.centre.y + up.y * (radius + 0.6), z: nerve.centre.z + up.z * (radius + 0.6) };
  const below = { x: nerve.centre.x - up.x * (radius + 0.8), y: nerve.centre.y - up.y * (radius + 0.8), z: nerve.centre.z - up.z * (radius + 0.8) };

  // Press-and-hold injects 0.1 ml at a time: the spread with its tissue displacement (redone in the
  // columns the step wetted), and with what the worker redraws after it.
  const spreadSteps: number[] = [];
  const workerSteps: number[] = [];
  const wholes: number[] = [];
  for (let run = 0; run < 3; run++) {
    const spread = new FluidSpread(volume, 1 + run, knee.cpn);
    let whole = 0;
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      spread.inject(above, 0.1);
      const t1 = performance.now();
      measureFluid(knee, volume, spread.field, site, spread.filledBox);
      fluidSurface(spread);
      fluidDisplacement(knee, volume, spread.field, spread.warp, spread.filledBox);
      const t2 = performance.now();
      spreadSteps.push(t1 - t0);
      workerSteps.push(t2 - t0);
      whole += t1 - t0;
    }
    wholes.push(whole);
  }
  line('fluid: one 0.1 ml step with tissue displacement', summarise(spreadSteps), 'ms', 8);
  line('fluid: step + measures, surface, push', summarise(workerSteps), 'ms');
  line('fluid: 5 ml in 0.1 ml steps with displacement', summarise(wholes), 'ms', 400);
  const oneShot: number[] = [];
  for (let run = 0; run < 3; run++) {
    const spread = new FluidSpread(volume, 1 + run, knee.cpn);
    const t0 = performance.now();
    spread.inject(above, 5);
    oneShot.push(performance.now() - t0);
  }
  line('fluid: 5 ml in one injection', summarise(oneShot), 'ms', 400);
  if (options.fluidOnly) return;

  // The live image while the plunger is held: the frame at the default depth with 2.5 ml above
  // and 2.5 ml below the nerve, its warp read at every sample in the fluid's footprint.
  const withFluid = new FluidSpread(volume, 1, knee.cpn);
  withFluid.inject(above, 2.5);
  withFluid.inject(below, 2.5);
  const imager = new BModeImager(knee, volume);
  const fluidFrames: number[] = [];
  for (let i = 0; i < 120; i++) {
    const centre = knee.nerveAt(site + ((i % 20) - 10) * 0.5)!.centre;
    const pose = placeProbe(knee, { centre, rotationDeg: 0, compressionMm: 1 });
    const t0 = performance.now();
    imager.form(pose, defaultScannerSettings, { fluid: withFluid.field.fill, tissueWarp: withFluid.warp });
    fluidFrames.push(performance.now() - t0);
  }
  line('B-mode live frame with 5 ml (warp)', summarise(fluidFrames.slice(20)), 'ms');

  // A 5-minute attempt: the model attempt plus 5 minutes of scanning at 20 pose samples a second.
  const events = fiveMinuteAttempt(knee);
  const replays: number[] = [];
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    const sim = new AttemptSimulation(() => ({ knee, volume }));
    for (const e of events) sim.apply(e);
    scoreAttempt(sim.attemptFacts()!);
    replays.push(performance.now() - t0);
  }
  line(`replay + score, 5-min attempt (${events.length} events)`, summarise(replays), 'ms');
  const record = { schemaVersion: 1 as const, id: 'bench', caseId: 'normal-teaching-knee', side: 'right' as const, seed: 1, trainee: 'bench', mode: 'assessment' as const, startedAt: '2026-01-01T00:00:00.000Z', events };
  const json = exportAttempts([{ record, result: null }], '2026-01-01T00:00:00.000Z');
  console.log(`${'exported 5-min attempt'.padEnd(34)} ${(json.length / 1024).toFixed(0)} KiB of JSON (${(json.length / events.length).toFixed(0)} bytes an event)`);
}

function fiveMinuteAttempt(knee: KneeAnatomy): AttemptEvent[] {
  const model = goodAttemptEvents(knee, { caseId: 'normal-teaching-knee' });
  const scanning: AttemptEvent[] = [];
  const samples = 5 * 60 * 20;
  for (let i = 0; i < samples; i++) {
    const s = 25 - 40 * Math.abs(((i / 400) % 2) - 1);
    const centre = knee.nerveAt(s)!.centre;
    scanning.push({ tMs: i * 50, kind: 'probe-pose', pose: placeProbe(knee, { centre, rotationDeg: 0, compressionMm: 1 }) });
  }
  const shift = samples * 50;
  return [model[0], ...scanning, ...model.slice(1).map((e) => ({ ...e, tMs: e.tMs + shift }))];
}
