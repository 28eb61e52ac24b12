import type { LabelVolume } from '../anatomy/voxelise';
import type { Vec3 } from '../math/vec3';

/**
 * Injectate on the label volume's grid: the share (0–1) of each voxel filled with fluid. The
 * image draws it anechoic (the B-mode fluid hook), the measures read it.
 */
export interface FluidField {
  grid: Pick<LabelVolume, 'origin' | 'spacingMm' | 'nx' | 'ny' | 'nz'>;
  fraction: Float32Array;
}

export const ML_PER_MM3 = 1e-3;

export function emptyFluid(volume: LabelVolume): FluidField {
  return { grid: { origin: volume.origin, spacingMm: volume.spacingMm, nx: volume.nx, ny: volume.ny, nz: volume.nz }, fraction: new Float32Array(volume.labels.length) };
}

export function voxelVolumeMl(field: FluidField): number {
  return field.grid.spacingMm ** 3 * ML_PER_MM3;
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

/** The image's fluid hook wants bytes: share × 255. */
export function fluidAsBytes(field: FluidField, out = new Uint8Array(field.fraction.length)): Uint8Array {
  for (let i = 0; i < field.fraction.length; i++) out[i] = Math.round(Math.min(1, field.fraction[i]) * 255);
  return out;
}
