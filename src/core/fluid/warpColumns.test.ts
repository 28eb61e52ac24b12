import { describe, expect, it } from 'vitest';
import { Label } from '../anatomy/tissues';
import { seededRandom } from '../random';
import { type FluidField, FULL } from './fluidField';
import { TissueWarp } from './tissueWarp';

// The warp redoes only the columns marked wet since its last update (warpColumns.ts): every one of
// them, whatever order they were marked in, so a warp kept up step by step is the warp built over
// the whole field at once.
const nx = 12;
const ny = 9;
const nz = 20;

function fieldOf(): { field: FluidField; labels: Uint8Array } {
  const labels = new Uint8Array(nx * ny * nz);
  // Fat over muscle over bone, with skin on top: the layers find tissue changes and a bone floor.
  for (let z = 0; z < nz; z++) labels.fill(z < 2 ? Label.fibula : z < 8 ? Label.gastrocnemiusLateral : z < nz - 1 ? Label.fat : Label.skin, z * nx * ny, (z + 1) * nx * ny);
  return { field: { grid: { origin: { x: 0, y: 0, z: 0 }, spacingMm: 0.25, nx, ny, nz }, fill: new Uint8Array(nx * ny * nz) }, labels };
}

/** Every lookup of the warp at each voxel's centre and between them. */
function lookups(warp: TissueWarp): number[] {
  const out: number[] = [];
  for (let vz = 0; vz < nz; vz += 0.5)
    for (let vy = 0; vy < ny; vy += 1)
      for (let vx = 0; vx < nx; vx += 1) out.push(warp.restVz(vx, vy, vz), warp.fluidShare(vx, vy, vz), warp.shiftOfRest(vx, vy, vz));
  return out;
}

describe('the warp’s column redo', () => {
  it('redoes every column marked since the last update, marked in any order, first and last of the grid among them', () => {
    const { field, labels } = fieldOf();
    const stepwise = new TissueWarp(field, labels);
    const random = seededRandom(3);
    const nxy = nx * ny;
    for (let step = 0; step < 12; step++) {
      // Scattered voxels, in no order, the grid's first and last columns among them on some steps.
      const voxels: number[] = [];
      for (let k = 0; k < 15; k++) voxels.push(Math.floor(random() * nxy) + nxy * (4 + Math.floor(random() * 12)));
      if (step % 3 === 0) voxels.push(nxy * 10, nxy * 11 - 1);
      for (const i of voxels) {
        field.fill[i] = Math.min(FULL, field.fill[i] + 1 + Math.floor(random() * 200));
        stepwise.markWet(i, field.fill[i]);
      }
      stepwise.update();
      const whole = new TissueWarp({ grid: field.grid, fill: field.fill.slice() }, labels);
      whole.update({ min: [0, 0, 0], max: [nx - 1, ny - 1, nz - 1] });
      expect(lookups(stepwise)).toEqual(lookups(whole));
    }
    expect(stepwise.active).toBe(true);
  });
});
