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

export function emptyFluid(volume: LabelVolume): FluidField {
  return { grid: { origin: volume.origin, spacingMm: volume.spacingMm, nx: volume.nx, ny: volume.ny, nz: volume.nz }, fill: new Uint8Array(volume.labels.length) };
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


