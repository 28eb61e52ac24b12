import { describe, it, expect } from 'vitest';
import { nerveAtHead } from './nerveAtHeadFixture';
import { boneFloorZ, BONE_REACH_VOXELS } from './boneFloor';
import { RIGID } from './reliefColumnCache';
import { WarpRelief } from './warpRelief';

const { volume, nerve } = nerveAtHead();

describe('boneFloorZ', () => {
  it('finds the bone a scan down from the fluid finds (within reach, else the column’s highest bone if under the fluid), over the fibular head', () => {
    const { nx, ny, nz, labels, origin, spacingMm: h } = volume;
    const nxy = nx * ny;
    const relief = new WarpRelief(nx, ny, nz, labels, h);
    // The rule written out plainly: scan down from the fluid's deepest voxel; past the reach, the
    // column's highest bone if it lies under the fluid.
    const reference = (column: number, deepestWetZ: number): number => {
      for (let d = 1; d <= BONE_REACH_VOXELS && deepestWetZ - d >= 0; d++) if (RIGID[labels[column + nxy * (deepestWetZ - d)]] === 1) return deepestWetZ - d + 0.5;
      let top = -1;
      for (let z = nz - 1; z >= 0 && top < 0; z--) if (RIGID[labels[column + nxy * z]] === 1) top = z + 0.5;
      return top >= 0 && top < deepestWetZ ? top : Number.NaN;
    };
    const cx = Math.round((nerve.centre.x - origin.x) / h);
    const cy = Math.round((nerve.centre.y - origin.y) / h);
    let withBone = 0;
    let boneOver = 0;
    for (let y = cy - 60; y <= cy + 60; y += 7)
      for (let x = cx - 60; x <= cx + 60; x += 7) {
        const column = x + nx * y;
        for (let z = 0; z < nz; z += 3) {
          const found = boneFloorZ(labels, nxy, column, z, relief);
          expect(Object.is(found, reference(column, z)), `column (${x}, ${y}) at z ${z}`).toBe(true);
          if (!Number.isNaN(found)) withBone++;
          if (relief.boneTopOf(column) >= z && !Number.isNaN(found)) boneOver++;
        }
      }
    // Both ways of finding it are met: under the column's highest bone and under bone over the fluid.
    expect(withBone).toBeGreaterThan(100);
    expect(boneOver).toBeGreaterThan(10);
  });
});
