import { describe, expect, it } from 'vitest';
import { AttemptSimulation } from './simulation';
import { defaultKneePatients } from './testPatients';
import { goodAttemptEvents } from './scriptedAttempt';
import type { AttemptEvent } from './events';

// The reducer's side of the manometer and of sim.fluidAt / sim.tissueAt.
const { knee, patients } = defaultKneePatients();
const good = goodAttemptEvents(knee, { caseId: 'normal-teaching-knee' });
const firstInjection = good.findIndex((e) => e.kind === 'injection');

/** The good attempt up to its first injection, then that injection at `rateMlPerS`. */
function injectAt(rateMlPerS: number | undefined) {
  const sim = new AttemptSimulation(patients);
  for (const e of good.slice(0, firstInjection)) sim.apply(e);
  const injection = good[firstInjection] as Extract<AttemptEvent, { kind: 'injection' }>;
  return { sim, outcome: sim.apply(rateMlPerS === undefined ? injection : { ...injection, rateMlPerS }) };
}

describe('an injection’s pressure in the reducer', () => {
  it('reads the paraneural space’s 4–8 psi at 1 ml/s and more the faster the plunger goes', () => {
    const slow = injectAt(0.5).outcome.injection!;
    const usual = injectAt(undefined).outcome.injection!;
    const fast = injectAt(3).outcome.injection!;
    expect(usual.rateMlPerS).toBe(1);
    expect(usual.injectionPressurePsi).toBeGreaterThanOrEqual(4);
    expect(usual.injectionPressurePsi).toBeLessThanOrEqual(8);
    expect(fast.injectionPressurePsi).toBeGreaterThan(usual.injectionPressurePsi);
    expect(usual.injectionPressurePsi).toBeGreaterThan(slow.injectionPressurePsi);
    // The opening pressure (what scoring reads) is the plane's, whatever the speed.
    expect(fast.openingPressurePsi).toBe(slow.openingPressurePsi);
  });

  it('refuses a rate outside the syringe’s range and changes nothing', () => {
    const { sim, outcome } = injectAt(50);
    expect(outcome.refused?.key).toBe('error.injection.rate');
    expect(sim.injectedMl).toBe(0);
    expect(sim.fluid!.gridMl()).toBe(0);
  });
});

describe('the point lookups (sim.fluidAt, sim.tissueAt)', () => {
  const sim = new AttemptSimulation(patients);
  for (const e of good) sim.apply(e);
  const site = knee.nerveAt(knee.nerveSAtLevel(-5))!;

  it('names the injectate where the fraction is at least ½ and the anatomy elsewhere', () => {
    // The nerve has moved with the tissue round it (along the limb's Z): read it where it now is.
    const centre = sim.fluid!.warp.displacedPoint(site.centre);
    const aboveNerve = Array.from({ length: 25 }, (_, i) => ({ x: centre.x, y: centre.y, z: centre.z + (i + 1) * 0.25 })).find((p) => sim.fluidAt(p) >= 0.5);
    expect(aboveNerve).toBeDefined();
    expect(sim.tissueAt(aboveNerve!)).toBe('fluid');
    expect(sim.tissueAt(centre)).toBe('nerve');
    const far = { x: site.centre.x + 40, y: site.centre.y, z: site.centre.z };
    expect(sim.tissueAt(far)).toBe(knee.tissueAt(far));
  });

  it('refuses a point that is not finite', () => {
    expect(() => sim.tissueAt({ x: 0, y: Number.POSITIVE_INFINITY, z: 0 })).toThrow(/error\.point/);
  });
});
