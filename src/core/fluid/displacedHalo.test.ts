import { describe, expect, it } from 'vitest';
import { FluidSpread } from './spread';
import { displacedHaloThicknessBySector } from './haloFigures';
import { nerveAtHead } from './nerveAtHeadFixture';

// The halo measured where the image shows it: on the anatomy after the warp has pushed the
// tissue aside (the earlier halo tests measure the spread's resting field).
const { knee, volume, site, radius, fromNerve } = nerveAtHead();

describe('the displaced halo after the seed’s 2.5 + 2.5 ml', () => {
  const spread = new FluidSpread(volume, 1, knee.cpn);
  for (const side of [1, -1]) for (let v = 0; v < 2.5 - 1e-9; v += 0.1) spread.inject(fromNerve(side * (radius + 1.2)), 0.1);
  const sectors = displacedHaloThicknessBySector(knee, spread.warp, site);

  it('is 1–4 mm thick round the nerve in ≥ 75 % of its 10° sectors', () => {
    const within = sectors.filter((t) => t >= 1 && t <= 4).length;
    expect(within / sectors.length, `mm by sector: ${sectors.map((t) => t.toFixed(1)).join(' ')}`).toBeGreaterThanOrEqual(0.75);
    // Fluid on every side that matters: none of the sectors is dry.
    expect(sectors.filter((t) => t === 0)).toEqual([]);
  });
});
