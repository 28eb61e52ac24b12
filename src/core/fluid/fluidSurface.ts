import { surfaceNets, type TriangleMesh, type SampledField } from '../geometry/surfaceNets';
import type { FluidSpread } from './spread';
import { FULL } from './fluidField';

/** The 3D view's fluid is meshed on every second voxel: 0.5 mm is finer than the eye needs there. */
const FINE_STRIDE = 2;
/** A large pocket is meshed on every third (0.75 mm): it stays cheap enough to redraw while injecting. */
const COARSE_STRIDE = 3;
const FINE_LIMIT_VOXELS = 600_000;

/**
 * The injectate's surface (half-full voxels) in the limb frame, for the 3D view: surface nets
 * over the filled box only, so it stays cheap as the trainee injects.
 */
export function fluidSurface(spread: FluidSpread): TriangleMesh | null {
  const { min, max } = spread.filledBox;
  if (min[0] > max[0]) return null;
  const { grid, fill } = spread.field;
  const boxVoxels = (max[0] - min[0] + 1) * (max[1] - min[1] + 1) * (max[2] - min[2] + 1);
  const STRIDE = boxVoxels > FINE_LIMIT_VOXELS ? COARSE_STRIDE : FINE_STRIDE;
  const lo = min.map((v) => Math.max(0, v - 2 * STRIDE));
  const hi = [Math.min(grid.nx - 1, max[0] + 2 * STRIDE), Math.min(grid.ny - 1, max[1] + 2 * STRIDE), Math.min(grid.nz - 1, max[2] + 2 * STRIDE)];
  const nx = Math.floor((hi[0] - lo[0]) / STRIDE) + 1;
  const ny = Math.floor((hi[1] - lo[1]) / STRIDE) + 1;
  const nz = Math.floor((hi[2] - lo[2]) / STRIDE) + 1;
  const values = new Float32Array(nx * ny * nz);
  // The mean fill of each block: the percolation front's stray half-filled voxels would
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
        values[i + nx * (j + ny * k)] = edge ? 0 : blockMean(i, j, k) / FULL;
      }
    }
  }
  // A light [1 2 1] blur along each axis rounds the voxel steps into the smooth bulge a pocket of
  // fluid makes; the edges stay empty so the surface stays closed.
  smoothAlong(values, nx, ny, nz, 1);
  smoothAlong(values, nx, ny, nz, nx);
  smoothAlong(values, nx, ny, nz, nx * ny);
  for (let i = 0; i < values.length; i++) values[i] = 0.5 - values[i];
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

/** One [1 2 1]/4 pass along the axis whose index stride is `stride`, leaving the box's faces empty. */
function smoothAlong(values: Float32Array, nx: number, ny: number, nz: number, stride: number): void {
  const copy = values.slice();
  for (let k = 1; k < nz - 1; k++) {
    for (let j = 1; j < ny - 1; j++) {
      for (let i = 1; i < nx - 1; i++) {
        const c = i + nx * (j + ny * k);
        values[c] = 0.25 * copy[c - stride] + 0.5 * copy[c] + 0.25 * copy[c + stride];
      }
    }
  }
}
