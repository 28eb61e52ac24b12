import type { Vec3 } from '../math/vec3';
import type { Box } from './sdf';
import { boxDistance } from './sdf';
import type { KneeAnatomy } from './knee';
import type { Structure } from './structure';
import { Label, type LabelId } from './tissues';

/** Structure labels on a regular grid: what the image, the needle and the fluid sample. */
export interface LabelVolume {
  /** Centre of voxel (0, 0, 0) in the limb frame. */
  origin: Vec3;
  spacingMm: number;
  nx: number;
  ny: number;
  nz: number;
  /** index = ix + nx * (iy + ny * iz) */
  labels: Uint8Array;
}

export interface VoxeliseOptions {
  spacingMm?: number;
  region?: Box;
  /** Called with the fraction done (0–1) as the volume fills. */
  onProgress?: (fraction: number) => void;
}

export const DEFAULT_VOXEL_SPACING_MM = 0.25;
/** Top-level block edge in voxels; blocks that a surface crosses are split down to LEAF. */
const BLOCK = 32;
const LEAF = 2;

/**
 * Fills the label volume block by block. At a block's centre every candidate structure's signed
 * distance says whether it surely covers the block, surely misses it, or crosses it; a block
 * that nothing crosses is filled with one label, a crossed one is split in eight with only the
 * crossing structures as candidates, and voxels are looked at one by one only in small leaves
 * next to a surface. Most of the knee is the inside of something, so most voxels are never
 * evaluated.
 */
export function voxelise(knee: KneeAnatomy, options: VoxeliseOptions = {}): LabelVolume {
  const spacing = options.spacingMm ?? DEFAULT_VOXEL_SPACING_MM;
  if (!(spacing > 0.05 && spacing <= 4)) throw new RangeError(`Voxel spacing must be from 0.05 to 4 mm, got ${spacing}`);
  const region = options.region ?? knee.region;
  const nx = Math.max(1, Math.round((region.max.x - region.min.x) / spacing));
  const ny = Math.max(1, Math.round((region.max.y - region.min.y) / spacing));
  const nz = Math.max(1, Math.round((region.max.z - region.min.z) / spacing));
  const origin = { x: region.min.x + spacing / 2, y: region.min.y + spacing / 2, z: region.min.z + spacing / 2 };
  const volume: LabelVolume = { origin, spacingMm: spacing, nx, ny, nz, labels: new Uint8Array(nx * ny * nz) };
  const filler = new BlockFiller(volume, knee);
  const blocksZ = Math.ceil(nz / BLOCK);
  for (let bz = 0; bz < blocksZ; bz++) {
    for (let by = 0; by < Math.ceil(ny / BLOCK); by++) {
      for (let bx = 0; bx < Math.ceil(nx / BLOCK); bx++) {
        filler.fillTopBlock(bx * BLOCK, by * BLOCK, bz * BLOCK);
      }
    }
    options.onProgress?.((bz + 1) / blocksZ);
  }
  return volume;
}

class BlockFiller {
  private readonly centre = { x: 0, y: 0, z: 0 };
  private readonly p = { x: 0, y: 0, z: 0 };

  constructor(
    private readonly volume: LabelVolume,
    private readonly knee: KneeAnatomy,
  ) {}

  fillTopBlock(x0: number, y0: number, z0: number): void {
    const { nx, ny, nz } = this.volume;
    const x1 = Math.min(nx, x0 + BLOCK);
    const y1 = Math.min(ny, y0 + BLOCK);
    const z1 = Math.min(nz, z0 + BLOCK);
    const radius = this.setCentre(x0, x1, y0, y1, z0, z1);
    // Everything lies inside the skin: a block well outside it is air, whatever else is near.
    if (this.knee.skin.distance(this.centre) > radius * 2) {
      this.fill(x0, x1, y0, y1, z0, z1, Label.outside);
      return;
    }
    const candidates = this.knee.structures.filter((s) => boxDistance(s.bounds, this.centre) <= radius);
    this.fillBlock(x0, x1, y0, y1, z0, z1, candidates, Label.outside);
  }

  private setCentre(x0: number, x1: number, y0: number, y1: number, z0: number, z1: number): number {
    const { origin, spacingMm: h } = this.volume;
    this.centre.x = origin.x + ((x0 + x1 - 1) / 2) * h;
    this.centre.y = origin.y + ((y0 + y1 - 1) / 2) * h;
    this.centre.z = origin.z + ((z0 + z1 - 1) / 2) * h;
    return (Math.hypot(x1 - x0, y1 - y0, z1 - z0) * h) / 2 + h * 0.5;
  }

  private fillBlock(x0: number, x1: number, y0: number, y1: number, z0: number, z1: number, candidates: readonly Structure[], outerFloor: LabelId): void {
    const radius = this.setCentre(x0, x1, y0, y1, z0, z1);
    const crossing: Structure[] = [];
    let floor = outerFloor;
    for (const s of candidates) {
      const d = s.distance(this.centre) / s.lipschitz;
      if (d > radius) continue;
      if (d < -radius && !s.hasInnerParts) {
        floor = s.label;
        break;
      }
      crossing.push(s);
      if (d < -radius) break; // covers the block: nothing of lower priority can show
    }
    if (crossing.length === 0) {
      this.fill(x0, x1, y0, y1, z0, z1, floor);
    } else if (x1 - x0 <= LEAF && y1 - y0 <= LEAF && z1 - z0 <= LEAF) {
      this.fillVoxels(x0, x1, y0, y1, z0, z1, crossing, floor);
    } else {
      const xm = Math.min(x1, x0 + Math.ceil((x1 - x0) / 2));
      const ym = Math.min(y1, y0 + Math.ceil((y1 - y0) / 2));
      const zm = Math.min(z1, z0 + Math.ceil((z1 - z0) / 2));
      for (const [za, zb] of [[z0, zm], [zm, z1]]) {
        for (const [ya, yb] of [[y0, ym], [ym, y1]]) {
          for (const [xa, xb] of [[x0, xm], [xm, x1]]) {
            if (xb > xa && yb > ya && zb > za) this.fillBlock(xa, xb, ya, yb, za, zb, crossing, floor);
          }
        }
      }
    }
  }

  private fill(x0: number, x1: number, y0: number, y1: number, z0: number, z1: number, label: LabelId): void {
    const { nx, ny, labels } = this.volume;
    for (let z = z0; z < z1; z++) {
      for (let y = y0; y < y1; y++) {
        const row = nx * (y + ny * z);
        labels.fill(label, row + x0, row + x1);
      }
    }
  }

  private fillVoxels(x0: number, x1: number, y0: number, y1: number, z0: number, z1: number, crossing: readonly Structure[], floor: LabelId): void {
    const { nx, ny, labels, origin, spacingMm: h } = this.volume;
    const p = this.p;
    for (let z = z0; z < z1; z++) {
      p.z = origin.z + z * h;
      for (let y = y0; y < y1; y++) {
        p.y = origin.y + y * h;
        const row = nx * (y + ny * z);
        for (let x = x0; x < x1; x++) {
          p.x = origin.x + x * h;
          let label: LabelId = floor;
          for (const s of crossing) {
            if (s.distance(p) < 0) {
              label = s.classify(p);
              break;
            }
          }
          labels[row + x] = label;
        }
      }
    }
  }
}

/** Label of the voxel nearest to p, or outside the volume `Label.outside`. */
export function labelAtVoxel(volume: LabelVolume, p: Vec3): LabelId {
  const ix = Math.round((p.x - volume.origin.x) / volume.spacingMm);
  const iy = Math.round((p.y - volume.origin.y) / volume.spacingMm);
  const iz = Math.round((p.z - volume.origin.z) / volume.spacingMm);
  if (ix < 0 || iy < 0 || iz < 0 || ix >= volume.nx || iy >= volume.ny || iz >= volume.nz) return Label.outside;
  return volume.labels[ix + volume.nx * (iy + volume.ny * iz)] as LabelId;
}
