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
  const openCpu: number[] = [];
  let session: SimulationSession | null = null;
  for (let run = 0; run < runs; run++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    session = new SimulationSession(() => patient, 'assessment');
    scoreAttempt(session.applyAll(events)!);
    opens.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    openCpu.push((cpu.user + cpu.system) / 1000);
  }
  line(`session replay + score, 5-min (${events.length} ev)`, summarise(opens), 'ms', 1000);
  // CPU time beside wall time: on a machine shared with other work the wall figure mostly measures the others.
  line('  the same, CPU time of this process', summarise(openCpu), 'ms', 1000);
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
  // The worst seek: from the start to the end, past the injections: the answer (reports and the
  // fluid's figures made again), then the 3D surface the worker pushes after it (host.ts).
  const acrossFluid: number[] = [];
  const surfaceAfter: number[] = [];
  for (let i = 0; i < 5; i++) {
    session!.seek(1);
    const t0 = performance.now();
    session!.seek(events.length, true);
    acrossFluid.push(performance.now() - t0);
    const t1 = performance.now();
    session!.refreshSurface();
    surfaceAfter.push(performance.now() - t1);
  }
  line('replay seek start → end (fluid redone)', summarise(acrossFluid), 'ms', 100);
  line('  then its 3D surface, pushed after', summarise(surfaceAfter), 'ms');
  benchPlayback(events, () => new SimulationSession(() => patient, 'assessment'));
}

/**
 * Playing the attempt at 8× as the replay bar does (state/replaySlice.ts: every event due by the
 * attempt's clock is shown by one seek, a slow seek skips what it overran), in Node: the clock
 * runs while a seek works and jumps over the waits between events. It keeps up when the shown
 * moment never falls far behind the clock and the whole plays in about duration / 8.
 */
function benchPlayback(events: AttemptEvent[], open: () => SimulationSession, speed = 8): void {
  const session = open();
  session.applyAll(events);
  session.seek(1);
  const durationMs = events.at(-1)!.tMs;
  let wallMs = 0;
  let index = 1;
  let worstLagMs = 0;
  const seeks: number[] = [];
  // As the worker's host does (host.ts): seeks answer without the surface; it is begun at most
  // every 400 ms while seeking goes on, and once seeking rests 250 ms, and made 20 ms at a time, a
  // turn each, between the seeks (each slice delays the next seek; at rest it uses the wait).
  let lastSurfaceMs = -Infinity;
  let surfaces = 0;
  let job: ReturnType<SimulationSession['surfaceJob']> = null;
  const begins: number[] = [];
  const begin = () => {
    const t = performance.now();
    const cpu = process.cpuUsage();
    job = session.surfaceJob();
    longest.beginCpuMs = Math.max(longest.beginCpuMs, cpuMs(cpu));
    const took = performance.now() - t;
    begins.push(took);
    return took;
  };
  // The longest turn in CPU time of this process (on a shared machine the wall figure mostly measures the others).
  const longest = { seekCpuMs: 0, sliceCpuMs: 0, beginCpuMs: 0 };
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const c = process.cpuUsage(since);
    return (c.user + c.system) / 1000;
  };
  const slice = () => {
    const t = performance.now();
    const cpu = process.cpuUsage();
    while (job && !job.job.done && performance.now() - t < 20) job.job.step(1);
    longest.sliceCpuMs = Math.max(longest.sliceCpuMs, cpuMs(cpu));
    if (job?.job.done) {
      if (!job.job.stale) surfaces++;
      job = null;
    }
    return performance.now() - t;
  };
  while (index < events.length) {
    const attemptNowMs = wallMs * speed;
    let due = index;
    while (due < events.length && events[due].tMs <= attemptNowMs) due++;
    if (due === index) {
      const nextMs = events[index].tMs / speed;
      while (job && wallMs < nextMs) wallMs += slice();
      if (!job && session.surfaceBehind && nextMs - wallMs >= 250) {
        wallMs += 250 + begin();
        lastSurfaceMs = wallMs;
        while (job && wallMs < nextMs) wallMs += slice();
      }
      wallMs = Math.max(nextMs, wallMs);
      continue;
    }
    const t0 = performance.now();
    const cpu = process.cpuUsage();
    session.seek(due, true);
    longest.seekCpuMs = Math.max(longest.seekCpuMs, cpuMs(cpu));
    const took = performance.now() - t0;
    seeks.push(took);
    wallMs += took;
    index = due;
    // How far the picture is behind the attempt's clock once this seek is shown.
    worstLagMs = Math.max(worstLagMs, wallMs * speed - events[index - 1].tMs);
    if (!job && session.surfaceBehind && wallMs - lastSurfaceMs >= 400) {
      wallMs += begin();
      lastSurfaceMs = wallMs;
    }
    if (job) wallMs += slice();
  }
  const realTimeMs = durationMs / speed;
  const keepsUp = wallMs <= realTimeMs * 1.02 && worstLagMs <= 1000;
  line(`replay at ${speed}×: each seek of playback`, summarise(seeks), 'ms', 16.7);
  console.log(
    `${`replay at ${speed}×: ${(durationMs / 60000).toFixed(1)} min`.padEnd(34)} played in ${(wallMs / 1000).toFixed(1)} s for ${(realTimeMs / 1000).toFixed(1)} s of clock, ${seeks.length} seeks, ${surfaces} surfaces (begun in ${Math.max(0, ...begins).toFixed(0)} ms at most, then 20 ms slices), worst lag ${(worstLagMs / 1000).toFixed(2)} s of attempt time ${keepsUp ? '(keeps up)' : '(FALLS BEHIND)'}`,
  );
  console.log(`  longest turn, CPU time: a seek ${longest.seekCpuMs.toFixed(0)} ms, a surface's first turn ${longest.beginCpuMs.toFixed(0)} ms, a slice ${longest.sliceCpuMs.toFixed(0)} ms (×${speed}: ${((speed * Math.max(longest.seekCpuMs, longest.beginCpuMs + longest.sliceCpuMs)) / 1000).toFixed(2)} s of attempt time at most on a quiet core)`);
}
