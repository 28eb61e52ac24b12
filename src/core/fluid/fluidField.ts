import type { LabelVolume } from '../anatomy/voxelise';
import type { Vec3 } from '../math/vec3';

/**
 * Injectate on the label volume's grid: how full each voxel is, in 255ths (one byte a voxel keeps
 * the whole knee's field at the label volume's size, and whole units keep volume exactly
 * conserved). The image draws it anechoic (the B-mode fluid hook), the measures read it.
 */
export interface FluidField {
  grid: Pick<LabelVolume, 'origin' | 'spacingMm' | 'nx' | 'ny' | 'nz'>;
  fill: Uint8Array;
}

export const FULL = 255;

export const ML_PER_MM3 = 1e-3;

/*
 * The field and its grid are class instances, one grid per label volume, so their hidden classes
 * stay put. As object literals (the origin the volume's own {x, y, z}), the second spread made on a
 * volume generalised their field types (node --trace-generalization), and V8 threw away the
 * optimised code of the spread and the warp (inject, markWet, redoColumn, codeAt... --trace-deopt)
 * at the start of every spread after the first: a second hold, or a replay, which builds one per seek.
 */
class GridOrigin implements Vec3 {
  constructor(readonly x: number, readonly y: number, readonly z: number) {}
}

class FluidGrid {
  constructor(readonly origin: Vec3, readonly spacingMm: number, readonly nx: number, readonly ny: number, readonly nz: number) {}
}

class FluidOnGrid implements FluidField {
  constructor(readonly grid: FluidGrid, readonly fill: Uint8Array) {}
}

/** One grid per volume: its origin keys the per-volume caches (paraneuralSpace.ts). */
const grids = new WeakMap<LabelVolume, FluidGrid>();

export function emptyFluid(volume: LabelVolume): FluidField {
  let grid = grids.get(volume);
  // Frozen: a replay's checkpoints share it (StateCopier copies what may change), so a restored
  // fluid finds the volume's caches by it.
  if (!grid) grids.set(volume, (grid = Object.freeze(new FluidGrid(Object.freeze(new GridOrigin(volume.origin.x, volume.origin.y, volume.origin.z)), volume.spacingMm, volume.nx, volume.ny, volume.nz))));
  return new FluidOnGrid(grid, new Uint8Array(volume.labels.length));
}

export function voxelVolumeMl(field: FluidField): number {
  return field.grid.spacingMm ** 3 * ML_PER_MM3;
}

/** The volume of one fill unit (a 255th of a voxel), ml. */
export function unitMl(field: FluidField): number {
  return voxelVolumeMl(field) / FULL;
}

/** Index of the voxel holding p, or −1 outside the grid. */
export function voxelIndex(field: FluidField, p: Vec3): number {
  const { origin, spacingMm: h, nx, ny, nz } = field.grid;
  const ix = Math.round((p.x - origin.x) / h);
  const iy = Math.round((p.y - origin.y) / h);
  const iz = Math.round((p.z - origin.z) / h);
  if (ix < 0 || iy < 0 || iz < 0 || ix >= nx || iy >= ny || iz >= nz) return -1;
  return ix + nx * (iy + ny * iz);
}

export function voxelCentre(field: FluidField, index: number): Vec3 {
  const { origin, spacingMm: h, nx, ny } = field.grid;
  const ix = index % nx;
  const iy = Math.floor(index / nx) % ny;
  const iz = Math.floor(index / (nx * ny));
  return { x: origin.x + ix * h, y: origin.y + iy * h, z: origin.z + iz * h };
}


