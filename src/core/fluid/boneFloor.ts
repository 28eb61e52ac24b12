import { RIGID } from './reliefColumnCache';
import type { WarpRelief } from './warpRelief';

/**
 * The bone under a column's fluid (warpColumns.ts), which never moves: where it lies, and how the
 * tissue between it and the deepest layer takes the deep push.
 */

/** Bone this close (voxels) under a column's fluid is found in its slot's labels (further: the column's survey). */
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
 * `labels` is the column's slot from `base` (it holds `BONE_REACH_VOXELS` under the fluid).
 */
export function boneFloorZ(labels: Uint8Array, base: number, deepestWetZ: number, relief: Pick<WarpRelief, 'boneTopOf'>, column: number): number {
  for (let d = 1; d <= BONE_REACH_VOXELS && deepestWetZ - d >= 0; d++) if (RIGID[labels[base + deepestWetZ - d]] === 1) return deepestWetZ - d + 0.5;
  // Bone beyond the labels a slot keeps, from the column's survey.
  const bone = relief.boneTopOf(column);
  return bone >= 0 && bone < deepestWetZ ? bone : Number.NaN;
}
