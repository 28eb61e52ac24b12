// Replay figures (issue 13 item 7, issue 14 item 4): a 5-minute attempt opened in a worker
// session (every event applied, checkpoints taken) and scored; then seeks to random moments of it,
// each from the nearest checkpoint, as the replay slider and the debrief's saved images use them.
import type { KneeAnatomy } from '../src/core/anatomy/knee';
import type { LabelVolume } from '../src/core/anatomy/voxelise';
import type { AttemptEvent } from '../src/core/attempt/events';
import { goodAttemptEvents } from '../src/core/attempt/scriptedAttempt';
import { placeProbe } from '../src/core/probe/placement';
import { scoreAttempt } from '../src/core/scoring/score';
import { AttemptSimulation } from '../src/core/attempt/simulation';
import { SimulationSession, CHECKPOINT_EVERY } from '../src/worker/session';
import { summarise, line } from './benchFigures';

/** The model attempt after 5 minutes of scanning at 20 pose samples a second (6,059 events). */
export function fiveMinuteAttempt(knee: KneeAnatomy): AttemptEvent[] {
  const model = goodAttemptEvents(knee, { caseId: 'normal-teaching-knee' });
  const scanning: AttemptEvent[] = [];
  const samples = 5 * 60 * 20;
  for (let i = 0; i < samples; i++) {
    const s = 25 - 40 * Math.abs(((i / 400) % 2) - 1);
    scanning.push({ tMs: i * 50, kind: 'probe-pose', pose: placeProbe(knee, { centre: knee.nerveAt(s)!.centre, rotationDeg: 0, compressionMm: 1 }) });
  }
  const shift = samples * 50;
  return [model[0], ...scanning, ...model.slice(1).map((e) => ({ ...e, tMs: e.tMs + shift }))];
}

export function benchReplay(knee: KneeAnatomy, volume: LabelVolume, runs = 3): void {
  const events = fiveMinuteAttempt(knee);
  const patient = { knee, volume };
  const opens: number[] = [];
  let session: SimulationSession | null = null;
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    session = new SimulationSession(() => patient, 'assessment');
    scoreAttempt(session.applyAll(events)!);
    opens.push(performance.now() - t0);
  }
  line(`session replay + score, 5-min (${events.length} ev)`, summarise(opens), 'ms', 1000);
  // The same log through the reducer alone (no checkpoints, no fluid figures): what the session adds.
  const reducerOnly: number[] = [];
  const injecting: number[] = [];
  for (let run = 0; run < runs; run++) {
    const sim = new AttemptSimulation(() => patient, 'assessment');
    let injectMs = 0;
    const t0 = performance.now();
    for (const e of events) {
      const t = e.kind === 'injection' ? performance.now() : 0;
      sim.apply(e);
      if (e.kind === 'injection') injectMs += performance.now() - t;
    }
    scoreAttempt(sim.attemptFacts()!);
    reducerOnly.push(performance.now() - t0);
    injecting.push(injectMs);
  }
  line('  of it: reducer alone + score', summarise(reducerOnly), 'ms');
  line(`  of that: ${events.filter((e) => e.kind === 'injection').length} injections`, summarise(injecting), 'ms');
  // Seeks in a fixed pseudo-random order over the whole attempt (the slider dragged about).
  const seeks: number[] = [];
  let x = 12345;
  for (let i = 0; i < 40; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const index = 1 + (x % events.length);
    const t0 = performance.now();
    session!.seek(index);
    seeks.push(performance.now() - t0);
  }
  line(`replay seek (checkpoint every ${CHECKPOINT_EVERY})`, summarise(seeks), 'ms', 100);
  // The worst seek: from the start to the end, past the injections (the fluid's figures and surface are made again).
  const acrossFluid: number[] = [];
  for (let i = 0; i < 5; i++) {
    session!.seek(1);
    const t0 = performance.now();
    session!.seek(events.length);
    acrossFluid.push(performance.now() - t0);
  }
  line('replay seek start → end (fluid redone)', summarise(acrossFluid), 'ms', 100);
}
