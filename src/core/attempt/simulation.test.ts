import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AttemptSimulation } from './simulation';
import { defaultKneePatients } from './testPatients';
import { goodAttemptEvents } from './scriptedAttempt';
import type { AttemptEvent } from './events';

// One knee for every test: building its voxels takes a second.
const { knee, patients } = defaultKneePatients();
const good = goodAttemptEvents(knee, { caseId: 'normal-teaching-knee' });
const run = (events: AttemptEvent[]) => {
  const sim = new AttemptSimulation(patients);
  for (const e of events) sim.apply(e);
  return sim;
};

describe('the attempt reducer', () => {
  it('reports the injectate fraction at a point (fluidAt): full in the halo, empty far off and before injecting', () => {
    const sim = run(good);
    const site = knee.nerveAt(knee.nerveSAtLevel(-5))!;
    // The injectate has moved the nerve (along the limb's Z, as the warp moves tissue): look along Z
    // through where its centre now is, for the cuff above and below it.
    const centre = sim.fluid!.warp.displacedPoint(site.centre);
    const alongZ = (mm: number) => ({ x: centre.x, y: centre.y, z: centre.z + mm });
    const offsets = Array.from({ length: 25 }, (_, i) => (i + 1) * 0.25);
    expect(Math.max(...offsets.map((mm) => sim.fluidAt(alongZ(mm))))).toBeGreaterThan(0.5);
    expect(Math.max(...offsets.map((mm) => sim.fluidAt(alongZ(-mm))))).toBeGreaterThan(0.5);
    expect(sim.fluidAt(centre)).toBe(0);
    expect(sim.fluidAt({ x: site.centre.x + 40, y: site.centre.y, z: site.centre.z })).toBe(0);
    expect(run(good.slice(0, 1)).fluidAt(alongZ(2))).toBe(0);
    expect(() => sim.fluidAt({ x: Number.NaN, y: 0, z: 0 })).toThrow(/error\.point/);
  });

  it('turns a model attempt into the facts scoring reads', () => {
    const sim = run(good);
    const facts = sim.attemptFacts()!;
    expect(facts.views.some((v) => v.view === 'short-axis')).toBe(true);
    expect(facts.views.some((v) => v.view === 'long-axis')).toBe(true);
    expect(facts.insertions).toHaveLength(2);
    expect(facts.insertions.every((i) => i.entryMedialToProbe && i.directedLateral)).toBe(true);
    expect(facts.injections).toHaveLength(10);
    expect(facts.injections.every((i) => i.tipVisible && i.openingPressurePsi <= 10)).toBe(true);
    expect(facts.contacts.map((c) => c.kind)).not.toContain('nerve-touched');
    expect(facts.fluid.totalMl).toBeCloseTo(5, 3);
    expect(facts.fluid.haloCoveragePct).toBeGreaterThanOrEqual(90);
    const shortSaved = facts.savedImages.find((s) => s.imageId === 'short-axis-halo')!;
    expect(shortSaved.view).toBe('short-axis');
    expect(shortSaved.haloCoveragePctInImage).toBeGreaterThanOrEqual(75);
  });

  it('replays to identical fluid voxels and facts', () => {
    const a = run(good);
    const b = run(good);
    expect(Buffer.from(a.fluid!.field.fill).equals(Buffer.from(b.fluid!.field.fill))).toBe(true);
    expect(b.attemptFacts()).toEqual(a.attemptFacts());
  });

  it('refuses events that cannot apply, changing nothing', () => {
    const sim = run([good[0]]);
    expect(sim.apply({ tMs: 10, kind: 'injection', ml: 1 }).refused?.key).toBe('error.needle.none');
    expect(sim.apply({ tMs: 10, kind: 'needle-advanced', mm: 3 }).refused?.key).toBe('error.needle.none');
    expect(new AttemptSimulation(patients).apply({ tMs: 0, kind: 'aspiration' }).refused).toEqual({ key: 'error.notReady.noCase', values: { kind: 'aspiration' } });
    expect(sim.injectedMl).toBe(0);
  });
});

describe('invariants over random event streams (fast-check)', () => {
  // Needle moves and injections near the good attempt's needle path, in any order.
  const needleEvents = good.filter((e) => e.kind === 'needle-inserted');
  const step = fc.oneof(
    fc.constantFrom(...needleEvents),
    fc.record({ tMs: fc.constant(0), kind: fc.constant('needle-advanced' as const), mm: fc.double({ min: -15, max: 15, noNaN: true }) }),
    fc.record({ tMs: fc.constant(0), kind: fc.constant('injection' as const), ml: fc.double({ min: -0.5, max: 0.6, noNaN: true }) }),
    fc.record({ tMs: fc.constant(0), kind: fc.constant('needle-redirected' as const), direction: fc.record({ x: fc.double({ min: -1, max: 1, noNaN: true }), y: fc.double({ min: -1, max: 1, noNaN: true }), z: fc.double({ min: -1, max: 1, noNaN: true }) }) }),
    fc.constant({ tMs: 0, kind: 'aspiration' as const }),
  );

  it('never throw, withdrawing the needle never removes fluid, and a replay equals the live run', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
        const start = [good[0], ...good.filter((e) => e.kind === 'probe-pose').slice(-1)];
        const sim = run(start);
        for (const e of steps) {
          const before = sim.fluid!.gridMl() + sim.fluid!.intravascularMl;
          sim.apply(e);
          const after = sim.fluid!.gridMl() + sim.fluid!.intravascularMl;
          if (e.kind !== 'injection' && Math.abs(after - before) > 1e-12) return false;
          if (e.kind === 'needle-advanced' && e.mm < 0 && after < before) return false;
        }
        const replayed = run([...start, ...steps]);
        if (!Buffer.from(replayed.fluid!.field.fill).equals(Buffer.from(sim.fluid!.field.fill))) return false;
        expect(replayed.attemptFacts()).toEqual(sim.attemptFacts());
        return Math.abs(sim.fluid!.totalInjectedMl - sim.injectedMl) < 1e-9;
      }),
      { numRuns: 12 },
    );
    // Twelve short attempts, each replayed: ~40 s on a busy two-core machine.
  }, 120_000);
});
