import { describe, it, expect, vi } from 'vitest';
import fc from 'fast-check';
import { scoreAttempt } from '../core/scoring/score';
import { KneeAnatomy } from '../core/anatomy/knee';
import { goodAttemptEvents } from '../core/attempt/scriptedAttempt';
import { placeProbe } from '../core/probe/placement';
import type { AttemptEvent } from '../core/attempt/events';
import { caseParameters, findCase } from '../core/cases/cases';
import { SimError } from '../core/simError';
import { PatientCache } from './patients';
import { coarsePatient } from './testPatients';
import { SimulationSession, CHECKPOINT_EVERY, SYRINGE_ML } from './session';
import { wholeFluidDigest } from './testFluid';
import { FluidHistory } from './fluidHistory';

// Every commit of a fluid's history also checks nothing changed outside the ranges it scans.
FluidHistory.verifying = true;

const caseId = 'normal-teaching-knee';
const patients = new PatientCache(coarsePatient);
const provider = (p: Parameters<PatientCache['get']>[0]) => patients.get(p).patient;
const knee = new KneeAnatomy(caseParameters(findCase(caseId)!, 'right', 1));
const model = goodAttemptEvents(knee, { caseId });

/** The model attempt with `scanning` pose samples before it: a long log with the injections late. */
function longAttempt(scanning: number): AttemptEvent[] {
  const poses: AttemptEvent[] = [];
  for (let i = 0; i < scanning; i++) {
    const s = 25 - 40 * Math.abs(((i / 80) % 2) - 1);
    poses.push({ tMs: i * 50, kind: 'probe-pose', pose: placeProbe(knee, { centre: knee.nerveAt(s)!.centre, rotationDeg: 0, compressionMm: 1 }) });
  }
  const shift = scanning * 50;
  return [model[0], ...poses, ...model.slice(1).map((e) => ({ ...e, tMs: e.tMs + shift }))];
}

/** The injectate as a whole (fill, warp, front, seen voxels: every array byte for byte), not only its figures. */
const fluidDigest = (session: SimulationSession): string | null => wholeFluidDigest(session.simulation.fluid);

describe('SimulationSession', () => {
  it('answers each event with a snapshot: needle report with contacts, syringe, fluid, notices', () => {
    const session = new SimulationSession(provider, 'assessment');
    let injections = 0;
    for (const event of model) {
      const applied = session.apply(event);
      expect(applied.refused).toBeNull();
      if (event.kind === 'needle-inserted') expect(applied.snapshot.needleReport?.contacts).toEqual([]);
      if (event.kind === 'injection') {
        injections++;
        expect(applied.injection?.injectedMl).toBe(event.ml);
        expect(applied.snapshot.fluid?.measures?.totalMl).toBeGreaterThan(0);
        expect(applied.snapshot.injectedMl).toBeCloseTo(0.5 * injections, 9);
      }
      if (event.kind === 'aspiration') expect(applied.notices).toContainEqual({ kind: 'aspiration', blood: false });
    }
    expect(session.eventsFed).toBe(model.length);
    expect(session.facts()?.injections.length).toBeGreaterThan(0);
  });

  it('refuses more than the syringe holds, and an advance into bone, changing nothing', () => {
    const session = new SimulationSession(provider, 'assessment');
    const upToFirstInjection = model.slice(0, model.findIndex((e) => e.kind === 'injection'));
    for (const e of upToFirstInjection) session.apply(e);
    const before = session.apply({ tMs: 99_000, kind: 'aspiration' }).snapshot;
    const refused = session.apply({ tMs: 99_001, kind: 'injection', ml: SYRINGE_ML + 0.5 });
    expect(refused.refused?.code).toBe('invalid-argument');
    expect(refused.snapshot.injectedMl).toBe(before.injectedMl);
    expect(refused.snapshot.fluid).toBeNull();
  });

  it('seeks anywhere in a long log to the same state as applying it from the start', () => {
    const events = longAttempt(3 * CHECKPOINT_EVERY + 17);
    const replay = new SimulationSession(provider, 'assessment');
    const facts = replay.applyAll(events);
    expect(facts).not.toBeNull();
    for (const index of [events.length - 3, 5, 2 * CHECKPOINT_EVERY + 1, events.length - 10, 1]) {
      const seeked = replay.seek(index);
      const fresh = new SimulationSession(provider, 'assessment');
      for (const e of events.slice(0, index)) fresh.apply(e);
      const expected = fresh.seek(index);
      expect(seeked.applied).toBe(index);
      expect(seeked.needle).toEqual(expected.needle);
      expect(seeked.needleReport).toEqual(expected.needleReport);
      expect(seeked.injectedMl).toBeCloseTo(expected.injectedMl, 9);
      expect(seeked.probe?.pose).toEqual(expected.probe?.pose);
      expect(replay.fluidEffects?.measures ?? null).toEqual(fresh.fluidEffects?.measures ?? null);
      expect(replay.facts()).toEqual(fresh.facts());
      expect(fluidDigest(replay)).toBe(fluidDigest(fresh));
    }
  });

  it('goes on injecting after seeking back and forth as the live run did', () => {
    // A replay of the log up to its last injection, sought about, then made live again for the rest.
    const lastInjection = model.findLastIndex((e) => e.kind === 'injection');
    const head = model.slice(0, lastInjection);
    const live = new SimulationSession(provider, 'assessment');
    for (const e of model) live.apply(e);
    const resumed = new SimulationSession(provider, 'assessment');
    resumed.applyAll(head);
    const firstInjection = model.findIndex((e) => e.kind === 'injection');
    for (const index of [firstInjection + 2, 1, lastInjection - 1, firstInjection, head.length]) resumed.seek(index);
    for (const e of model.slice(lastInjection)) resumed.apply(e);
    expect(fluidDigest(resumed)).toBe(fluidDigest(live));
    expect(resumed.facts()).toEqual(live.facts());
    // And every earlier moment is still there.
    resumed.seek(firstInjection + 1);
    const partial = new SimulationSession(provider, 'assessment');
    for (const e of model.slice(0, firstInjection + 1)) partial.apply(e);
    expect(fluidDigest(resumed)).toBe(fluidDigest(partial));
  });

  it('replayed and sought in any order, every moment equals the live run: facts, score, fluid, reports (fast-check)', () => {
    // Checkpoints fall before the first injection, between the two needle passes' injections and after them
    // (with fluid figures made at an earlier one).
    const firstInjection = model.findIndex((e) => e.kind === 'injection');
    const secondPass = model.findIndex((e, i) => i > firstInjection && e.kind === 'needle-inserted');
    const scan = (n: number, from: number) => longAttempt(n).slice(1, n + 1).map((e) => ({ ...e, tMs: e.tMs + from }));
    const events: AttemptEvent[] = [
      model[0],
      ...scan(CHECKPOINT_EVERY + 7, 0),
      ...model.slice(1, secondPass).map((e) => ({ ...e, tMs: e.tMs + 1e5 })),
      ...scan(CHECKPOINT_EVERY + 3, 2e5),
      ...model.slice(secondPass).map((e) => ({ ...e, tMs: e.tMs + 3e5 })),
      ...scan(CHECKPOINT_EVERY, 4e5),
    ];
    const injections = events.flatMap((e, i) => (e.kind === 'injection' ? [i + 1] : []));
    const moments = [...new Set([1, 30, CHECKPOINT_EVERY, injections[0] - 1, injections[0], injections[2], 2 * CHECKPOINT_EVERY, 2 * CHECKPOINT_EVERY + 4, injections.at(-2)!, injections.at(-1)!, 3 * CHECKPOINT_EVERY + 1, 4 * CHECKPOINT_EVERY + 1, events.length - 1, events.length])].sort((a, b) => a - b);
    // The live run, event by event as the trainee played it: what each moment showed.
    const live = new SimulationSession(provider, 'assessment');
    const shown = new Map<number, unknown>();
    for (let i = 0; i < events.length; i++) {
      const snapshot = live.apply(events[i]).snapshot;
      if (!moments.includes(i + 1)) continue;
      const facts = live.facts();
      shown.set(i + 1, { ...snapshot, fluid: null, measures: live.fluidEffects?.measures ?? null, facts, score: facts && scoreAttempt(facts), fill: fluidDigest(live) });
    }
    const replay = new SimulationSession(provider, 'assessment');
    const facts = replay.applyAll(events);
    expect(facts).toEqual(live.facts());
    expect(scoreAttempt(facts!)).toEqual(scoreAttempt(live.facts()!));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...moments), { minLength: 1, maxLength: 6 }), (order) => {
        for (const index of order) {
          const snapshot = replay.seek(index);
          const seenFacts = replay.facts();
          expect({ ...snapshot, fluid: null, measures: replay.fluidEffects?.measures ?? null, facts: seenFacts, score: seenFacts && scoreAttempt(seenFacts), fill: fluidDigest(replay) }).toEqual(shown.get(index));
        }
      }),
      // Back before the first injection after passing it, then over it again: the fluid must be an untouched one.
      { numRuns: 8, examples: [[[events.length, injections[0] - 1, injections[0], injections[2]]], [[injections[2], CHECKPOINT_EVERY, injections[0]]]] },
    );
  });

  it('a seek may leave the 3D surface behind: the same figures now, the whole surface when asked', () => {
    const deferring = new SimulationSession(provider, 'assessment');
    const meshing = new SimulationSession(provider, 'assessment');
    for (const session of [deferring, meshing]) {
      session.applyAll(model);
      session.seek(1);
    }
    const deferred = deferring.seek(model.length, true);
    const whole = meshing.seek(model.length);
    expect(deferred.fluid?.measures).toEqual(whole.fluid?.measures);
    expect(deferred.fluid?.surface).toBeNull();
    expect(whole.fluid?.surface?.keys.length).toBeGreaterThan(0);
    expect([deferring.surfaceBehind, meshing.surfaceBehind]).toEqual([true, false]);
    const later = deferring.refreshSurface().surface!;
    expect(later.base).toBeNull();
    expect(later.keys).toEqual(whole.fluid!.surface!.keys);
    const triangles = (u: typeof later) => u.changed.map((b) => [b.key, b.mesh?.indices.length ?? 0]);
    expect(triangles(later)).toEqual(triangles(whole.fluid!.surface!));
    expect(deferring.surfaceBehind).toBe(false);
    // Back before the first injection: nothing to show, nothing behind.
    deferring.seek(model.findIndex((e) => e.kind === 'injection'), true);
    expect(deferring.surfaceBehind).toBe(false);
  });

  it('seeking about a replayed log, its first events included, never injects or begins a fluid history again', () => {
    const session = new SimulationSession(provider, 'assessment');
    session.applyAll(model);
    const commits = vi.spyOn(FluidHistory.prototype, 'commit');
    for (const index of [1, 3, model.length, 2, model.findIndex((e) => e.kind === 'injection') + 2, 1]) session.seek(index);
    expect(commits).not.toHaveBeenCalled();
    commits.mockRestore();
  });

  it('a replayed log says the sono-Tinel as the live run did: every moment sought has the live voices', () => {
    const tinelCase = findCase('patient-1')!;
    const events = goodAttemptEvents(new KneeAnatomy(caseParameters(tinelCase, 'right', 1)), { caseId: tinelCase.id });
    const pressed = events.findIndex((e) => e.kind === 'probe-pose' && e.pose.compressionMm >= 3);
    const live = new SimulationSession(provider, 'guided');
    const voices = events.map((e) => live.apply(e).snapshot.voices);
    expect(voices[pressed].patient.said?.key).toBe('patient.sonoTinel');
    const replay = new SimulationSession(provider, 'guided');
    replay.applyAll(events);
    for (const index of [events.length, pressed + 1, pressed, pressed + 2, 1]) expect(replay.seek(index).voices).toEqual(voices[index - 1]);
  });

  it('will not take new events while it shows an earlier moment of its log', () => {
    const session = new SimulationSession(provider, 'assessment');
    session.applyAll(model);
    session.seek(3);
    let code: unknown = null;
    try {
      session.apply({ tMs: 1e6, kind: 'aspiration' });
    } catch (error) {
      code = error instanceof SimError ? error.code : error;
    }
    expect(code).toBe('replaying');
    expect(session.eventsFed).toBe(model.length);
  });
});
