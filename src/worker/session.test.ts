import { describe, it, expect } from 'vitest';
import { KneeAnatomy } from '../core/anatomy/knee';
import { goodAttemptEvents } from '../core/attempt/scriptedAttempt';
import { placeProbe } from '../core/probe/placement';
import type { AttemptEvent } from '../core/attempt/events';
import { caseParameters, findCase } from '../core/cases/cases';
import { SimError } from '../core/simError';
import { PatientCache } from './patients';
import { coarsePatient } from './testPatients';
import { SimulationSession, CHECKPOINT_EVERY, SYRINGE_ML } from './session';

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
    }
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
