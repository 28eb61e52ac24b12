import { type LabelVolume, surroundingsLabelAt, NOT_COVERED } from '../anatomy/voxelise';
import type { TissueWarp } from '../fluid/tissueWarp';
import { fluidMeetsBeam } from './fluidInImage';
import { FLUID, BEYOND_VOLUME } from './echoTables';

/**
 * The echo loop's label lookup from voxel-space coordinates (already scaled and offset). Beyond
 * the fine volume, the coarse volume of the surroundings (skin, fat, deep anatomy). With a warp,
 * labels are read where the tissue now shown came from, and injectate where the warp puts it;
 * otherwise `fluid` (injectate share per voxel) is read between voxel centres.
 */
export function volumeLabelReader(volume: LabelVolume, warp: TissueWarp | null, fluid: Uint8Array | null): (vx: number, vy: number, vz: number) => number {
  const { origin, spacingMm: h, nx, ny, nz, labels } = volume;
  const nxy = nx * ny;
  const ox0 = origin.x;
  const oy0 = origin.y;
  const oz0 = origin.z;
  return (vx: number, vy: number, vz: number): number => {
    if (warp !== null) {
      vz = warp.restVz(vx, vy, vz);
      if (vz !== vz) return FLUID; // NaN: injectate lies here
    }
    if (vx < -0.5 || vy < -0.5 || vz < -0.5 || vx >= nx - 0.5 || vy >= ny - 0.5 || vz >= nz - 0.5) {
      const l = surroundingsLabelAt(volume, vx * h + ox0, vy * h + oy0, vz * h + oz0);
      return l === NOT_COVERED ? BEYOND_VOLUME : l;
    }
    const index = ((vx + 0.5) | 0) + nx * ((vy + 0.5) | 0) + nxy * ((vz + 0.5) | 0);
    if (fluid !== null && fluidMeetsBeam(fluid, nx, ny, nz, vx, vy, vz)) return FLUID;
    return labels[index];
  };
}
