import { describe, expect, it } from 'vitest';
import { hypot2, hypot3 } from './hypot';
import { seededRandom } from '../random';

/** Numbers of all sizes and signs, with the awkward ones: zeros of both signs, NaN, infinities, subnormals. */
function values(count: number, seed: number): number[] {
  const random = seededRandom(seed);
  const awkward = [0, -0, 1, -1, 0.5, NaN, Infinity, -Infinity, 5e-324, -1e-310, 1e-160, 1e160, 1e308, Number.MAX_VALUE];
  const out = [...awkward];
  for (let i = 0; i < count; i++) out.push((random() - 0.5) * 10 ** (random() * 12 - 6));
  return out;
}

describe('hypot2 and hypot3', () => {
  it('give the bits Math.hypot gives, for every pair and triple tried', () => {
    const a = values(3000, 1);
    const b = values(3000, 2);
    const c = values(3000, 3);
    let mismatches = 0;
    for (let i = 0; i < a.length; i++) {
      for (let j = 0; j < 40; j++) {
        const y = b[(i * 41 + j) % b.length];
        const z = c[(i * 17 + j * 5) % c.length];
        if (!Object.is(hypot2(a[i], y), Math.hypot(a[i], y))) mismatches++;
        if (!Object.is(hypot3(a[i], y, z), Math.hypot(a[i], y, z))) mismatches++;
        if (!Object.is(hypot3(z, a[i], y), Math.hypot(z, a[i], y))) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
  });

  it('are lengths: 3-4-5 and 2-3-6-7, overflow-safe, NaN and infinity as Math.hypot treats them', () => {
    expect(hypot2(3, -4)).toBe(5);
    expect(hypot3(-2, 3, 6)).toBe(7);
    expect(hypot2(1e300, 1e300)).toBeCloseTo(Math.SQRT2 * 1e300, -290);
    expect(hypot2(NaN, Infinity)).toBe(Infinity);
    expect(hypot3(1, NaN, 2)).toBeNaN();
    expect(hypot3(0, -0, 0)).toBe(0);
  });
});
