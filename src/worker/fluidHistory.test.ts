import { describe, it, expect } from 'vitest';
import { caseParameters, findCase } from '../core/cases/cases';
import { KneeAnatomy } from '../core/anatomy/knee';
import { FluidSpread } from '../core/fluid/spread';
import { tissueWarpOf } from '../core/fluid/tissueWarp';
import { add } from '../core/math/vec3';
import { PatientCache } from './patients';
import { coarsePatient } from './testPatients';
import { StateCopier } from './checkpoint';
import { FluidHistory } from './fluidHistory';
import { wholeFluidDigest } from './testFluid';

const parameters = caseParameters(findCase('normal-teaching-knee')!, 'right', 1);
const patient = new PatientCache(coarsePatient).get(parameters).patient;
const knee: KneeAnatomy = patient.knee;
const volume = patient.volume!;
const head = knee.landmarks.cpnAtFibularHead;
const fresh = () => new FluidSpread(volume, knee.parameters.seed, knee.cpn);
/** Tips beside the nerve at the fibular head, above and below it, and one in the fat farther off. */
const tips = [1.8, 1.8, 1.8, -1.8, -1.8, 6].map((up) => add(head, { x: 0, y: 0, z: up }));
const steps: [number, number][] = [[0, 0.5], [1, 0.3], [2, 0.4], [3, 0.5], [4, 0.2], [5, 0.6]];

/** The fluid after the first `n` steps, injected afresh. */
function injectedAfresh(n: number): FluidSpread {
  const fluid = fresh();
  for (const [tip, ml] of steps.slice(0, n)) fluid.inject(tips[tip], ml);
  return fluid;
}

describe('FluidHistory', () => {
  it('brings the one live fluid to any version, back and forth, equal to injecting afresh (every array, byte for byte)', () => {
    const expected = steps.map((_, i) => wholeFluidDigest(injectedAfresh(i + 1)));
    const pristine = wholeFluidDigest(fresh());
    // Every step changed the fluid (else a version could pass for its neighbour).
    expect(new Set([pristine, ...expected]).size).toBe(steps.length + 1);
    let fluid = fresh();
    const history = new FluidHistory(fluid, new StateCopier([knee, volume]), true);
    for (const [tip, ml] of steps) {
      fluid.inject(tips[tip], ml);
      history.commit(fluid);
    }
    expect(history.version).toBe(steps.length);
    for (const version of [2, 6, 0, 3, 1, 5, 4, 0, 6]) {
      fluid = history.restore(version);
      expect(wholeFluidDigest(fluid), `version ${version}`).toBe(version === 0 ? pristine : expected[version - 1]);
      // The figures find the restored fluid's own warp, not one rebuilt over the field.
      expect(tissueWarpOf(fluid.field, volume)).toBe(fluid.warp);
      // Its grid is the volume's own, not a copy: per-volume caches (the paraneural distances) are found by it.
      expect(fluid.field.grid).toBe(fresh().field.grid);
    }
  });

  it('injecting again from an earlier version forgets the later ones and goes on as a fresh fluid would', () => {
    const fluid = fresh();
    const history = new FluidHistory(fluid, new StateCopier([knee, volume]), true);
    for (const [tip, ml] of steps) {
      fluid.inject(tips[tip], ml);
      history.commit(fluid);
    }
    const back = history.restore(2);
    back.inject(tips[5], 0.7);
    expect(history.commit(back)).toBe(3);
    const afresh = injectedAfresh(2);
    afresh.inject(tips[5], 0.7);
    expect(wholeFluidDigest(back)).toBe(wholeFluidDigest(afresh));
    expect(wholeFluidDigest(history.restore(1))).toBe(wholeFluidDigest(injectedAfresh(1)));
    expect(wholeFluidDigest(history.restore(3))).toBe(wholeFluidDigest(afresh));
    expect(() => history.restore(4)).toThrow(RangeError);
  });
});
