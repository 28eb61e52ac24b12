import { Label, labelCount, tissueOfLabelId } from '../anatomy/tissues';

/**
 * What the relief (warpRelief.ts) keeps per column of a label volume, outside any warp's state:
 * each column's resting landmarks (surveyed once per volume) and its relief as of a rebuild.
 */

/** Per label: 1 for bone, which the warp never moves (warpColumns.ts holds the deep push on it too). */
export const RIGID = new Uint8Array(labelCount);
for (let l = 0; l < labelCount; l++) if (tissueOfLabelId(l) === 'bone') RIGID[l] = 1;

/**
 * Per label volume, what each column's relief works out to, kept apart from the warp's state: filled on a
 * lookup's first touch after a rebuild (stamped with that rebuild's id, unique in the process),
 * so a step pays only for the cells, and the warp's own state — what a replay's history keeps and
 * restores — stays the same whatever was looked up. And each column's landmarks, found once.
 */
export class ReliefColumnCache {
  readonly stamp: Float64Array;
  readonly anchor: Float32Array;
  readonly start: Float32Array;
  readonly lift: Float32Array;
  readonly ramp: Float32Array;
  readonly surveyed: Uint8Array;
  readonly boneTop: Float32Array;
  readonly surfaceTop: Float32Array;
  readonly fatFloor: Float32Array;

  constructor(columns: number) {
    const floats = () => new Float32Array(columns);
    this.stamp = new Float64Array(columns);
    [this.anchor, this.start, this.lift, this.ramp, this.boneTop, this.surfaceTop, this.fatFloor] = [floats(), floats(), floats(), floats(), floats(), floats(), floats()];
    this.surveyed = new Uint8Array(columns);
  }
}
const caches = new WeakMap<Uint8Array, ReliefColumnCache>();

/** The column cache of a label volume (one per volume, made on first use). */
export function reliefColumnCacheFor(labels: Uint8Array, columns: number): ReliefColumnCache {
  let cache = caches.get(labels);
  if (!cache) caches.set(labels, (cache = new ReliefColumnCache(columns)));
  return cache;
}

/**
 * The column's resting landmarks (voxel Z), found once per volume: just above its highest bone
 * (−1: none), the floor of its subcutaneous fat (the first other tissue under skin and fat) and
 * the underside of its skin (nz: the grid's top), which rides on the fat, unstretched.
 */
export function surveyColumn(cache: ReliefColumnCache, labels: Uint8Array, nx: number, ny: number, nz: number, column: number): void {
  if (cache.surveyed[column] === 1) return;
  const nxy = nx * ny;
  let bone = -1;
  let surface = -1;
  let skinFloor = -1;
  let fatFloor = -1;
  for (let z = nz - 1; z >= 0 && bone < 0; z--) {
    const label = labels[column + nxy * z];
    if (surface < 0 && label !== Label.outside) surface = z === nz - 1 ? nz : z + 0.5;
    if (surface >= 0 && skinFloor < 0 && label !== Label.skin && label !== Label.outside) skinFloor = z + 0.5;
    if (surface >= 0 && fatFloor < 0 && label !== Label.skin && label !== Label.fat && label !== Label.outside) fatFloor = z + 0.5;
    if (RIGID[label] === 1) bone = z + 0.5;
  }
  cache.boneTop[column] = bone;
  cache.fatFloor[column] = fatFloor;
  cache.surfaceTop[column] = skinFloor >= 0 ? skinFloor : surface < 0 ? nz : surface;
  cache.surveyed[column] = 1;
}
