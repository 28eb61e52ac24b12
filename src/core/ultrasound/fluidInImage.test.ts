import { describe, expect, it } from 'vitest';
import { fluidMeetsBeam } from './fluidInImage';

describe('the fluid edge the beam meets', () => {
  // A 4 × 4 × 4 grid, full for x ≤ 1, empty for x ≥ 2: the edge lies half-way, at x = 1.5.
  const n = 4;
  const fill = new Uint8Array(n * n * n);
  for (let i = 0; i < fill.length; i++) if (i % n <= 1) fill[i] = 255;

  it('lies between voxel centres where the fill crosses one half, not on the voxel grid', () => {
    expect(fluidMeetsBeam(fill, n, n, n, 1.45, 1.2, 1.7)).toBe(true);
    expect(fluidMeetsBeam(fill, n, n, n, 1.55, 1.2, 1.7)).toBe(false);
  });

  it('moves with a part-full voxel: a quarter-full column pulls the edge back toward the full one', () => {
    const partial = fill.slice();
    for (let i = 0; i < partial.length; i++) if (i % n === 1) partial[i] = 64;
    // Between x = 0 (255) and x = 1 (64) the fill crosses 127.5 at x ≈ 0.67.
    expect(fluidMeetsBeam(partial, n, n, n, 0.6, 1, 1)).toBe(true);
    expect(fluidMeetsBeam(partial, n, n, n, 0.75, 1, 1)).toBe(false);
  });

  it('is never met outside the grid', () => {
    expect(fluidMeetsBeam(fill, n, n, n, -0.5, 1, 1)).toBe(false);
    expect(fluidMeetsBeam(fill, n, n, n, 1, 1, 3.5)).toBe(false);
  });
});
