import { RIGID } from './reliefColumnCache';
import type { WarpRelief } from './warpRelief';

/**
 * The bone under a column's fluid (warpColumns.ts), which never moves: where it lies, and how the
 * tissue between it and the deepest layer takes the deep push.
 */

/** Where bone reaches over a column's fluid, bone this close (voxels) under the fluid is the floor (further: none). */
export const BONE_REACH_VOXELS = 40;

/** Under the deepest layer, the tissue this close to it (voxels: the sheath and the fat on it, 1 mm) moves with it, unsqueezed. */
const DEEP_RIDE_VOXELS = 4;

/** How much of a gap (voxels) between the deepest layer and the bone under it rides with the layer: at most half. */
export function deepRideVoxels(gap: number): number {
  return Math.min(DEEP_RIDE_VOXELS, gap / 2);
}

/**
 * The resting top of the bone under a column's fluid (voxel Z; NaN: none), which never moves:
 * the deep push eases to nothing on it. The share of the lift stays `SUPERFICIAL_SHARE` near
 * bone too. A share grown with each column's own nearness to the bone drew the nerve and its
 * halo into a tent (the columns across a cuff over a sloping fibular head each lifting by their
 * own depth) and stepped the spindle in long axis; the nerve and halo should rise as one.
 *
 * The column's highest bone (surveyed once per volume, reliefColumnCache.ts) is that bone when it
 * lies under the fluid; only where bone reaches over the fluid's deepest voxel (the fluid beside
 * or under it) is the column read below the fluid, `BONE_REACH_VOXELS` at most. `labels`: the
 * label volume's, `nxy` voxels a Z plane.
 */
export function boneFloorZ(labels: Uint8Array, nxy: number, column: number, deepestWetZ: number, relief: Pick<WarpRelief, 'boneTopOf'>): number {
  const top = relief.boneTopOf(column);
  if (top < 0) return Number.NaN;
  if (top < deepestWetZ) return top;
  for (let d = 1; d <= BONE_REACH_VOXELS && deepestWetZ - d >= 0; d++) if (RIGID[labels[column + nxy * (deepestWetZ - d)]] === 1) return deepestWetZ - d + 0.5;
  return Number.NaN;
}
