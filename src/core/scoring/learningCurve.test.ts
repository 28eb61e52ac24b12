import { describe, expect, it } from 'vitest';
import { learningCurve } from './learningCurve';

describe('learning curve and CUSUM', () => {
  it('rises by 1 − p0 on a failure and falls by p0 on a success', () => {
    const curve = learningCurve([50, 90, 85, 70], 80, 0.2);
    expect(curve.map((p) => p.failed)).toEqual([true, false, false, true]);
    expect(curve.map((p) => Number(p.cusum.toFixed(2)))).toEqual([0.8, 0.6, 0.4, 1.2]);
  });
  it('a score exactly at the pass mark passes; nonsense rates are refused', () => {
    expect(learningCurve([80])[0].failed).toBe(false);
    expect(() => learningCurve([80], 80, 0)).toThrow(RangeError);
    expect(() => learningCurve([80], 80, Number.NaN)).toThrow(RangeError);
  });
});
