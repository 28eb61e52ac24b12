import { describe, expect, it } from 'vitest';
import { HIGH_OPENING_PRESSURE_PSI } from '../scoring/rubric';
import { FluidSpread } from './spread';
import { ParaneuralSpace } from './paraneuralSpace';
import {
  injectionPlane,
  injectionPressurePsi,
  openingPressureInPlanePsi,
  PLANE_PRESSURE,
  MAX_INJECTION_RATE_ML_PER_S,
  MIN_INJECTION_RATE_ML_PER_S,
  type InjectionPlane,
} from './injectionPressure';
import { nerveAtHead } from './nerveAtHeadFixture';

describe('the plane the tip is in', () => {
  it('follows the tissue and the distance from the epineurium', () => {
    expect(injectionPlane('nerve', 0)).toBe('intraneural');
    expect(injectionPlane('epineurium', 0)).toBe('againstNerve');
    expect(injectionPlane('fat', 0.1)).toBe('againstNerve');
    expect(injectionPlane('fat', 1)).toBe('paraneural');
    expect(injectionPlane('sheath', 0.5)).toBe('paraneural');
    expect(injectionPlane('fat', 6)).toBe('loose');
    expect(injectionPlane('muscle', 6)).toBe('muscle');
    expect(injectionPlane('tendon', Number.POSITIVE_INFINITY)).toBe('dense');
    expect(injectionPlane('vessel', 1)).toBe('vessel');
  });

  it('refuses a distance that is not a number', () => {
    expect(() => injectionPlane('fat', Number.NaN)).toThrow(RangeError);
  });
});

describe('opening pressure from the plane (anatomy.md)', () => {
  it('never reads below the plane’s floor and keeps what the front met above it', () => {
    expect(openingPressureInPlanePsi('intraneural', 12)).toBe(PLANE_PRESSURE.intraneural.openingFloorPsi);
    expect(openingPressureInPlanePsi('intraneural', 22)).toBe(22);
    expect(openingPressureInPlanePsi('paraneural', 3)).toBe(4);
    expect(openingPressureInPlanePsi('paraneural', 5.5)).toBe(5.5);
  });

  it('puts the nerve at or above the rubric’s high-pressure line and every other plane below it', () => {
    expect(PLANE_PRESSURE.intraneural.openingFloorPsi).toBeGreaterThanOrEqual(HIGH_OPENING_PRESSURE_PSI);
    expect(PLANE_PRESSURE.againstNerve.openingFloorPsi).toBeGreaterThanOrEqual(HIGH_OPENING_PRESSURE_PSI);
    for (const plane of ['paraneural', 'loose', 'muscle', 'vessel'] as InjectionPlane[]) expect(PLANE_PRESSURE[plane].openingFloorPsi, plane).toBeLessThan(HIGH_OPENING_PRESSURE_PSI);
    expect(PLANE_PRESSURE.muscle.openingFloorPsi).toBeGreaterThan(PLANE_PRESSURE.paraneural.openingFloorPsi);
  });

  it('refuses a negative or non-finite front pressure', () => {
    expect(() => openingPressureInPlanePsi('loose', -1)).toThrow(RangeError);
    expect(() => openingPressureInPlanePsi('loose', Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('faster injection raises the pressure', () => {
  it('adds the plane’s resistance times the rate', () => {
    expect(injectionPressurePsi('paraneural', 5, 1)).toBeCloseTo(5 + PLANE_PRESSURE.paraneural.resistancePsiPerMlPerS, 12);
    for (const plane of Object.keys(PLANE_PRESSURE) as InjectionPlane[]) {
      const slow = injectionPressurePsi(plane, 6, 0.2);
      const fast = injectionPressurePsi(plane, 6, 2);
      expect(fast, plane).toBeGreaterThan(slow);
    }
  });

  it('rises more steeply inside the nerve than in the paraneural space (Vermeylen 2017)', () => {
    expect(PLANE_PRESSURE.intraneural.resistancePsiPerMlPerS).toBeGreaterThan(2 * PLANE_PRESSURE.paraneural.resistancePsiPerMlPerS);
  });

  it('refuses a rate outside the syringe’s range', () => {
    for (const bad of [0, -1, Number.NaN, MIN_INJECTION_RATE_ML_PER_S / 2, MAX_INJECTION_RATE_ML_PER_S * 2]) expect(() => injectionPressurePsi('loose', 6, bad), String(bad)).toThrow(RangeError);
  });
});

describe('on the knee: the manometer at 1 ml/s in each plane', () => {
  const { knee, volume, radius, fromNerve } = nerveAtHead();

  /** The highest reading over a 0.5 ml press in 0.1 ml steps, as the live UI sends them. */
  function readings(tip: { x: number; y: number; z: number }, rateMlPerS: number) {
    const spread = new FluidSpread(volume, 1, knee.cpn);
    const space = new ParaneuralSpace(knee.cpn, spread.field.grid);
    const plane = injectionPlane(knee.tissueAt(tip), space.distanceAtMm(tip.x, tip.y, tip.z));
    let opening = 0;
    let gauge = 0;
    for (let i = 0; i < 5; i++) {
      const o = openingPressureInPlanePsi(plane, spread.inject(tip, 0.1).openingPressurePsi);
      opening = Math.max(opening, o);
      gauge = Math.max(gauge, injectionPressurePsi(plane, o, rateMlPerS));
    }
    return { plane, opening, gauge };
  }

  it('reads 4–8 psi in the paraneural space, above and below the nerve', () => {
    for (const k of [radius + 0.6, -(radius + 0.6)]) {
      const r = readings(fromNerve(k), 1);
      expect(r.plane).toBe('paraneural');
      expect(r.gauge).toBeGreaterThanOrEqual(4);
      expect(r.gauge).toBeLessThanOrEqual(8);
    }
  });

  it('reads 4–8 psi at 1 ml/s on every step of the seed’s 2.5 ml above then 2.5 ml below (the second bolus too)', () => {
    const spread = new FluidSpread(volume, 1, knee.cpn);
    const space = new ParaneuralSpace(knee.cpn, spread.field.grid);
    const gauges: number[] = [];
    for (const k of [radius + 1.2, -(radius + 1.2)]) {
      const tip = fromNerve(k);
      const plane = injectionPlane(knee.tissueAt(tip), space.distanceAtMm(tip.x, tip.y, tip.z));
      expect(plane).toBe('paraneural');
      for (let v = 0; v < 2.5 - 1e-9; v += 0.1) gauges.push(injectionPressurePsi(plane, openingPressureInPlanePsi(plane, spread.inject(tip, 0.1).openingPressurePsi), 1));
    }
    expect(Math.min(...gauges)).toBeGreaterThanOrEqual(4);
    expect(Math.max(...gauges)).toBeLessThanOrEqual(8);
  });

  it('reads ≥ 15 psi (the rubric’s line) with the tip inside the nerve, on every step', () => {
    const r = readings(fromNerve(0), 1);
    expect(r.plane).toBe('intraneural');
    expect(r.opening).toBeGreaterThanOrEqual(HIGH_OPENING_PRESSURE_PSI);
  });

  it('reads more at 2 ml/s than at 0.5 ml/s from the same place', () => {
    const tip = fromNerve(radius + 0.6);
    expect(readings(tip, 2).gauge).toBeGreaterThan(readings(tip, 0.5).gauge + 2);
  });
});
