import type { LabelVolume } from '../anatomy/voxelise';
import { Label } from '../anatomy/tissues';

/**
 * The plane an injection's fluid went into, as a trainee would read it off the image: round the
 * nerve in its sheath (the halo), a bleb under the skin, streaks in a muscle belly, somewhere
 * else in the fat, inside the nerve, or away in a vessel. The wrong planes each get their own
 * coaching (coach.fluid.*).
 */
export type FluidPlane = 'paraneural' | 'subcutaneous' | 'intramuscular' | 'fat' | 'intraneural' | 'intravascular';

/** A tip in fat with the skin this close (mm) along any of the grid's axes is subcutaneous. */
export const SUBCUTANEOUS_MM = 5;

/**
 * From where the tip was and where the injection's fluid went (units per destination): the
 * sheath when the tip was in it or most of the fluid went there, muscle when most went into a belly,
 * subcutaneous for a tip in the fat just under the skin, else fat.
 */
export function fluidPlaneOf(tipInSubcutis: boolean, tipInSheath: boolean, placed: { paraneural: number; muscle: number; other: number }): FluidPlane {
  const total = placed.paraneural + placed.muscle + placed.other;
  if (tipInSheath || (total > 0 && placed.paraneural >= total / 2)) return 'paraneural';
  if (total > 0 && placed.muscle >= total / 2) return 'intramuscular';
  return tipInSubcutis ? 'subcutaneous' : 'fat';
}

/**
 * For a tip in fat with skin within `SUBCUTANEOUS_MM`: the unit direction toward the skin (the
 * mean offset of the skin voxels round it), else null — the tip is not in the subcutis.
 */
export function towardSkinFrom(volume: LabelVolume, index: number): { x: number; y: number; z: number } | null {
  const { nx, ny, nz, labels } = volume;
  if (labels[index] !== Label.fat) return null;
  const reach = Math.ceil(SUBCUTANEOUS_MM / volume.spacingMm);
  const x0 = index % nx;
  const y0 = Math.floor(index / nx) % ny;
  const z0 = Math.floor(index / (nx * ny));
  let sx = 0;
  let sy = 0;
  let sz = 0;
  let found = 0;
  for (let dz = -reach; dz <= reach; dz++) for (let dy = -reach; dy <= reach; dy++) for (let dx = -reach; dx <= reach; dx++) {
    const x = x0 + dx;
    const y = y0 + dy;
    const z = z0 + dz;
    if (x < 0 || y < 0 || z < 0 || x >= nx || y >= ny || z >= nz || dx * dx + dy * dy + dz * dz > reach * reach) continue;
    if (labels[x + nx * (y + ny * z)] !== Label.skin) continue;
    sx += dx;
    sy += dy;
    sz += dz;
    found++;
  }
  const n = Math.hypot(sx, sy, sz);
  return found === 0 || n === 0 ? null : { x: sx / n, y: sy / n, z: sz / n };
}
