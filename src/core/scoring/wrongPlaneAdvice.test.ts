import { describe, expect, it } from 'vitest';
import { scoreAttempt } from './score';
import { perfectFacts } from './testFacts';
import { ADVICE } from './advice';
import { message } from '../message';

// A halo missed because the fluid went into a wrong plane (fluid/fluidPlane.ts): the halo item's
// points are the rubric's (scoring.md, unchanged), its advice names the plane.
describe('the halo item after a wrong plane', () => {
  const withPlanes = (planes: ('subcutaneous' | 'intramuscular' | 'paraneural')[], haloPct: number) => {
    const facts = perfectFacts();
    facts.fluid = { ...facts.fluid, haloCoveragePct: haloPct };
    facts.injections = planes.map((fluidPlane, k) => ({ ...facts.injections[0], tMs: 13_000 + k * 1000, ml: 1, fluidPlane }));
    return scoreAttempt(facts).items.find((i) => i.id === 'halo')!;
  };

  it('names a bleb under the skin', () => {
    const halo = withPlanes(['subcutaneous', 'subcutaneous', 'paraneural'], 10);
    expect(halo.points).toBe(0);
    expect(halo.advice).toEqual(message('advice.halo.subcutaneous', { advice: ADVICE.halo }));
  });

  it('names streaks in a muscle when most of the wrong fluid went there', () => {
    const halo = withPlanes(['subcutaneous', 'intramuscular', 'intramuscular'], 40);
    expect(halo.points).toBeGreaterThan(0);
    expect(halo.advice).toEqual(message('advice.halo.intramuscular', { advice: ADVICE.halo }));
  });

  it('keeps the plain advice when every injection was round the nerve', () => {
    expect(withPlanes(['paraneural', 'paraneural'], 50).advice).toEqual(ADVICE.halo);
  });
});
