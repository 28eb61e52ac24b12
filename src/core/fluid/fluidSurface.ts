import { surfaceNets, type TriangleMesh, type SampledField } from '../geometry/surfaceNets';
import type { FluidSpread } from './spread';
import { FULL } from './fluidField';

/** The 3D view's fluid is meshed on every second voxel: 0.5 mm is finer than the eye needs there. */
const STRIDE = 2;

/**
 * The injectate's surface (half-full voxels) in the limb frame, for the 3D view: surface nets
 * over the filled box only, so it stays cheap as the trainee injects.
 */
export function fluidSurface(spread: FluidSpread): TriangleMesh | null {
  const { min, max } = spread.filledBox;
  if (min[0] > max[0]) return null;
  const { grid, fill } = spread.field;
  const lo = min.map((v) => Math.max(0, v - 2 * STRIDE));
  const hi = [Math.min(grid.nx - 1, max[0] + 2 * STRIDE), Math.min(grid.ny - 1, max[1] + 2 * STRIDE), Math.min(grid.nz - 1, max[2] + 2 * STRIDE)];
  const nx = Math.floor((hi[0] - lo[0]) / STRIDE) + 1;
  const ny = Math.floor((hi[1] - lo[1]) / STRIDE) + 1;
  const nz = Math.floor((hi[2] - lo[2]) / STRIDE) + 1;
  const values = new Float32Array(nx * ny * nz);
  // The mean fill of each 2×2×2 block: the percolation front's stray half-filled voxels would
  // otherwise mesh as a cloud of specks.
  const blockMean = (i: number, j: number, k: number) => {
    let sum = 0;
    for (let dz = 0; dz < STRIDE; dz++) {
      for (let dy = 0; dy < STRIDE; dy++) {
        const row = lo[0] + i * STRIDE + grid.nx * (lo[1] + j * STRIDE + dy + grid.ny * (lo[2] + k * STRIDE + dz));
        for (let dx = 0; dx < STRIDE; dx++) sum += fill[row + dx];
      }
    }
    return sum / STRIDE ** 3;
  };
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        // Outside the box's edge the field is empty: keeps the surface closed.
        const edge = i === 0 || j === 0 || k === 0 || i === nx - 1 || j === ny - 1 || k === nz - 1;
        values[i + nx * (j + ny * k)] = edge ? 0.5 : 0.5 - blockMean(i, j, k) / FULL;
      }
    }
  }
  const h = grid.spacingMm;
  const sampled: SampledField = {
    origin: { x: grid.origin.x + lo[0] * h, y: grid.origin.y + lo[1] * h, z: grid.origin.z + lo[2] * h },
    spacingMm: h * STRIDE,
    nx,
    ny,
    nz,
    values,
  };
  return surfaceNets(sampled);
}
