import { describe, expect, it } from 'vitest';
import { KneeAnatomy } from './knee';
import { voxelise, labelAtVoxel } from './voxelise';
import { seededRandom } from '../random';

const knee = new KneeAnatomy();

describe('voxeliser', () => {
  const volume = voxelise(knee, { spacingMm: 0.5 });

  it('gives every voxel the label the anatomy gives its centre', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 5000; i++) {
      const ix = Math.floor(random() * volume.nx);
      const iy = Math.floor(random() * volume.ny);
      const iz = Math.floor(random() * volume.nz);
      const p = { x: volume.origin.x + ix * 0.5, y: volume.origin.y + iy * 0.5, z: volume.origin.z + iz * 0.5 };
      expect(labelAtVoxel(volume, p)).toBe(knee.labelAt(p));
    }
  });

  it('agrees near the nerve too, where surfaces are dense', () => {
    const c = knee.landmarks.cpnAtFibularHead;
    for (let dx = -3; dx <= 3; dx += 0.5) {
      for (let dz = -3; dz <= 3; dz += 0.5) {
        const p = { x: volume.origin.x + Math.round((c.x + dx - volume.origin.x) / 0.5) * 0.5, y: volume.origin.y + Math.round((c.y - volume.origin.y) / 0.5) * 0.5, z: volume.origin.z + Math.round((c.z + dz - volume.origin.z) / 0.5) * 0.5 };
        expect(labelAtVoxel(volume, p)).toBe(knee.labelAt(p));
      }
    }
  });

  it('covers the region at the asked spacing, and reports progress up to 1', () => {
    const fractions: number[] = [];
    const coarse = voxelise(knee, { spacingMm: 2, onProgress: (f) => fractions.push(f) });
    expect(coarse.nx).toBe(Math.round((knee.region.max.x - knee.region.min.x) / 2));
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((f, i) => i === 0 || f > fractions[i - 1])).toBe(true);
  });

  it('is deterministic', () => {
    const again = voxelise(knee, { spacingMm: 0.5 });
    expect(Buffer.from(again.labels).equals(Buffer.from(volume.labels))).toBe(true);
  });

  it('refuses a nonsensical spacing', () => {
    expect(() => voxelise(knee, { spacingMm: 0 })).toThrow(/spacing/);
  });
});
