import { Label } from '../anatomy/tissues';
import type { FluidField } from './fluidField';

/**
 * Where a wet run's layer goes in its column (warpColumns.ts): against the nerve where the run
 * touches it (on the epineurium's true surface, found to a fraction of a voxel), else at the
 * tissue change the fluid opened, else mid-run.
 */

/** The sheath is about a voxel thick; a run this many sheath voxels off the nerve still lies on it. */
export const SHEATH_VOXELS = 2;
export const NERVE_PART = new Uint8Array(32);
NERVE_PART[Label.epineurium] = 1;
NERVE_PART[Label.interfascicularEpineurium] = 1;
NERVE_PART[Label.fascicle] = 1;

/**
 * Where in the run [start, end] (voxel Z) the fluid's layer goes: against the nerve where the
 * run touches it, else at the change of tissue nearest the run's centre (the plane the fluid
 * opened), else at the centre. `labels` is a column's slot from `base`.
 */
export function insertionZ(labels: Uint8Array, base: number, nz: number, start: number, end: number, centre: number): number {
  // The paraneural space lies inside the sheath: a run against the sheath over the nerve goes
  // under the sheath, on the epineurium (the sheath is lifted with the fat beyond it).
  const inside = NERVE_PART[labels[base + start]] === 1;
  if (!inside) {
    for (let z = start - 1, n = 0; z >= 0 && n <= SHEATH_VOXELS; z--, n++) {
      const l = labels[base + z];
      if (NERVE_PART[l] === 1) return z + 0.5;
      if (l !== Label.paraneuralSheath) break;
    }
    for (let z = end + 1, n = 0; z < nz && n <= SHEATH_VOXELS; z++, n++) {
      const l = labels[base + z];
      if (NERVE_PART[l] === 1) return z - 0.5;
      if (l !== Label.paraneuralSheath) break;
    }
  }
  let best = centre;
  let bestDistance = Infinity;
  for (let z = start; z < end; z++) {
    if (labels[base + z] === labels[base + z + 1]) continue;
    const d = Math.abs(z + 0.5 - centre);
    if (d < bestDistance) {
      bestDistance = d;
      best = z + 0.5;
    }
  }
  return best;
}

/**
 * The epineurium's surfaces found so far, per voxel volume (keyed by its labels: one nerve to a
 * volume, as the paraneural space's distance cache has it). `epineuriumSurfaceZ` is a pure
 * function of the column, the boundary and the side, so a later spread on the volume (a new
 * attempt, a replay built afresh) does not bisect the same surface again: ~12 centre-line
 * queries each, for every column a cuff's fluid touches the nerve in. Kept outside the warps: no
 * part of any warp's state.
 */
const surfaceMemos = new WeakMap<Uint8Array, Map<number, number | null>>();

/** `epineuriumSurfaceZ` through the volume's memo (`labels`: the volume's; `z` a voxel boundary, k + ½). */
export function epineuriumSurfaceZOf(labels: Uint8Array, nerveDistance: (x: number, y: number, z: number) => number, grid: FluidField['grid'], column: number, z: number, nerveAbove: boolean): number | null {
  let memo = surfaceMemos.get(labels);
  if (!memo) surfaceMemos.set(labels, (memo = new Map()));
  const key = (2 * column + (nerveAbove ? 1 : 0)) * (grid.nz + 1) + (z + 0.5);
  const known = memo.get(key);
  if (known !== undefined) return known;
  const surface = epineuriumSurfaceZ(nerveDistance, grid, column, z, nerveAbove);
  memo.set(key, surface);
  return surface;
}

/**
 * The epineurium's surface (voxel Z) in column `column` near the voxel boundary `z`, the nerve
 * lying above it (`nerveAbove`) or below: bisected between a point outside the nerve (on the
 * fluid's side) and one inside it. Null where those two points do not straddle the surface.
 */
export function epineuriumSurfaceZ(nerveDistance: (x: number, y: number, z: number) => number, grid: FluidField['grid'], column: number, z: number, nerveAbove: boolean): number | null {
  const { origin, spacingMm: h, nx } = grid;
  const x = origin.x + (column % nx) * h;
  const y = origin.y + Math.floor(column / nx) * h;
  // Bisect between a point outside the nerve (on the fluid's side) and one inside it.
  let outside = nerveAbove ? z - 1.5 : z + 1.5;
  let inside = nerveAbove ? z + 1.5 : z - 1.5;
  if (nerveDistance(x, y, origin.z + outside * h) <= 0 || nerveDistance(x, y, origin.z + inside * h) > 0) return null;
  for (let i = 0; i < 10; i++) {
    const mid = (outside + inside) / 2;
    if (nerveDistance(x, y, origin.z + mid * h) > 0) outside = mid;
    else inside = mid;
  }
  return (outside + inside) / 2;
}
