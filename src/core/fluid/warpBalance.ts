import type { LabelVolume } from '../anatomy/voxelise';
import { Label, labelCount } from '../anatomy/tissues';
import { ML_PER_MM3 } from './fluidField';
import type { TissueWarp } from './tissueWarp';

export interface WarpBalance {
  /** Tissue in the wet columns at rest (ml). */
  restTissueMl: number;
  /** The same columns' tissue as the displaced anatomy shows it (ml). */
  displacedTissueMl: number;
  /** The largest difference of one label's volume, displaced − rest (ml, signed by size). */
  worstLabelDifferenceMl: number;
  /** Injectate the displaced anatomy shows (ml). */
  fluidMl: number;
}

/** Where in a column's cell it is sampled (voxels off its centre; the nearest column stays the same). */
const OFF_CENTRE = 0.3;

/**
 * The displaced anatomy's books, read through the warp's own lookup as the image reads it: every
 * column with fluid is sampled (`samplesPerVoxel` per voxel) from well below to well above its
 * fluid, and each resting label's volume there is compared with what the column held at rest —
 * tissue pushed aside must all reappear, none relabelled away. The columns beside the fluid that
 * the relief lifts are booked too: the fat squeezed out over the fluid is found stretched there.
 */
export function warpBalance(warp: TissueWarp, volume: LabelVolume, box: { min: number[]; max: number[] }, samplesPerVoxel = 4): WarpBalance {
  const { nx, ny, nz, spacingMm: h, labels } = volume;
  const voxelMl = h ** 3 * ML_PER_MM3;
  const rest = new Float64Array(labelCount);
  const shown = new Float64Array(labelCount);
  let fluid = 0;
  // Far enough beyond the box that the column's shift is whole there (5 ml is < 40 voxels deep,
  // and the relief's ramp over it under 60).
  const margin = 100;
  const zLow = Math.max(0, box.min[2] - margin);
  const zHigh = Math.min(nz - 1, box.max[2] + margin);
  const step = 1 / samplesPerVoxel;
  // Every column the warp moves: the box's and the relief's beside them.
  const f = warp.footprint;
  const [xLow, xHigh] = [Math.min(box.min[0], f.x0), Math.max(box.max[0], f.x1)];
  const [yLow, yHigh] = [Math.min(box.min[1], f.y0), Math.max(box.max[1], f.y1)];
  for (let y = yLow; y <= yHigh; y++)
    for (let x = xLow; x <= xHigh; x++) {
      const column = x + nx * y;
      for (let z = zLow; z <= zHigh; z++) rest[labels[column + nx * ny * z]] += 1;
      // The image range holding the same resting tissue: its ends moved with the column.
      const from = zLow - 0.5 + warp.shiftOfRest(x, y, zLow - 0.5);
      const to = zHigh + 0.5 + warp.shiftOfRest(x, y, zHigh + 0.5);
      for (let vz = from + step / 2; vz < to; vz += step) {
        // Off the column's centre, as most image points are: the fluid's edge is blended between columns there.
        const r = warp.restVz(x + OFF_CENTRE, y - OFF_CENTRE, vz);
        if (Number.isNaN(r)) {
          fluid += step;
          continue;
        }
        const z = Math.round(r);
        if (z < zLow || z > zHigh) continue;
        shown[labels[column + nx * ny * z]] += step;
      }
    }
  let restTotal = 0;
  let shownTotal = 0;
  let worst = 0;
  // What lies outside the body (the gel over the skin) is not tissue.
  rest[Label.outside] = 0;
  shown[Label.outside] = 0;
  for (let l = 0; l < labelCount; l++) {
    restTotal += rest[l];
    shownTotal += shown[l];
    if (Math.abs(shown[l] - rest[l]) > Math.abs(worst)) worst = shown[l] - rest[l];
  }
  return { restTissueMl: restTotal * voxelMl, displacedTissueMl: shownTotal * voxelMl, worstLabelDifferenceMl: worst * voxelMl, fluidMl: fluid * voxelMl };
}
