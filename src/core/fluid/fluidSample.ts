import type { Vec3 } from '../math/vec3';
import { type FluidField, FULL } from './fluidField';

/**
 * The injectate fraction (0–1) at any point, trilinear between voxel centres: a smooth field
 * whose 0.5 level is the fluid's boundary at sub-voxel precision (no staircase where it cuts a
 * row of voxels at a slant). 0 outside the grid.
 */
export function fluidFractionAt(field: FluidField, p: Vec3): number {
  const { origin, spacingMm: h } = field.grid;
  return fluidFractionAtVoxelCoords(field.fill, field.grid, (p.x - origin.x) / h, (p.y - origin.y) / h, (p.z - origin.z) / h);
}

/** The same from voxel-space coordinates (voxel centres at whole numbers): the image's hot path. */
export function fluidFractionAtVoxelCoords(fill: Uint8Array, grid: FluidField['grid'], vx: number, vy: number, vz: number): number {
  const { nx, ny, nz } = grid;
  if (!(vx > -1 && vy > -1 && vz > -1 && vx < nx && vy < ny && vz < nz)) return 0;
  const x0 = Math.floor(vx);
  const y0 = Math.floor(vy);
  const z0 = Math.floor(vz);
  const tx = vx - x0;
  const ty = vy - y0;
  const tz = vz - z0;
  const nxy = nx * ny;
  let sum = 0;
  for (let dz = 0; dz < 2; dz++) {
    const z = z0 + dz;
    if (z < 0 || z >= nz) continue;
    const wz = dz ? tz : 1 - tz;
    for (let dy = 0; dy < 2; dy++) {
      const y = y0 + dy;
      if (y < 0 || y >= ny) continue;
      const wzy = wz * (dy ? ty : 1 - ty);
      const row = nx * y + nxy * z;
      if (x0 >= 0) sum += wzy * (1 - tx) * fill[row + x0];
      if (x0 + 1 < nx) sum += wzy * tx * fill[row + x0 + 1];
    }
  }
  return sum / FULL;
}
