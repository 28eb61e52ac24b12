import type { Vec3 } from '../math/vec3';
import type { Box } from './sdf';
import { boxDistance } from './sdf';
import type { KneeAnatomy } from './knee';
import type { Structure } from './structure';
import { Label, type LabelId } from './tissues';
import { surroundingsRegion } from './kneeGeometry';
import { hypot3 } from '../math/hypot';

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
  /**
   * The limb round the fine grid, coarser and stored sparsely: what the image shows where the
   * probe's footprint and depth reach beyond `labels` (an edge pose, 60 mm deep). The needle and
   * the fluid work only in the fine grid.
   */
  surroundings?: SurroundingsVolume;
}

/**
 * A label volume in bricks of BRICK³ voxels: a brick that holds one label is stored as that
 * label in `table` (as −label − 1), any other as BRICK³ bytes in `bricks` (its index in `table`).
 * Most of a limb is the inside of something, so this holds a large region in a few MiB.
 */
export interface SurroundingsVolume {
  /** Centre of voxel (0, 0, 0) in the limb frame. */
  origin: Vec3;
  spacingMm: number;
  nx: number;
  ny: number;
  nz: number;
  /** Bricks along each axis: ceil(n / BRICK). */
  bx: number;
  by: number;
  bz: number;
  /** Per brick, index = bx + this.bx * (by + this.by * bz): a brick number (≥ 0) or −label − 1. */
  table: Int32Array;
  /** Mixed bricks, BRICK³ bytes each: index = x + BRICK * (y + BRICK * z) within the brick. */
  bricks: Uint8Array;
}

/** Edge of a surroundings brick in voxels (a power of two: the lookup shifts and masks). */
export const SURROUNDINGS_BRICK = 8;
const BRICK_SHIFT = 3;
const BRICK_MASK = SURROUNDINGS_BRICK - 1;
const BRICK_VOXELS = SURROUNDINGS_BRICK ** 3;
/** What `surroundingsLabelAt` answers for a point that no volume covers. */
export const NOT_COVERED = 255;

export interface VoxeliseOptions {
  spacingMm?: number;
  region?: Box;
  /** Called with the fraction done (0–1) as the volume fills. */
  onProgress?: (fraction: number) => void;
  /**
   * The coarse volume of the limb round the fine one (default: `surroundingsRegion` at
   * SURROUNDINGS_SPACING_MM, or twice a coarser fine spacing); false for none.
   */
  surroundings?: { region: Box; spacingMm: number } | false;
}

export const DEFAULT_VOXEL_SPACING_MM = 0.25;
/** Fine enough for skin, fascia and bone 20–60 mm from the nerve; a 45 mm footprint at the edge of the probe's range reads it. */
export const SURROUNDINGS_SPACING_MM = 0.5;
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
  const around = options.surroundings === false ? null : (options.surroundings ?? { region: surroundingsRegion, spacingMm: Math.max(SURROUNDINGS_SPACING_MM, 2 * spacing) });
  // The share of the progress bar each part takes, roughly as their times.
  const fineShare = around ? 0.6 : 1;
  const filler = new BlockFiller(volume, knee);
  const blocksZ = Math.ceil(nz / BLOCK);
  for (let bz = 0; bz < blocksZ; bz++) {
    for (let by = 0; by < Math.ceil(ny / BLOCK); by++) {
      for (let bx = 0; bx < Math.ceil(nx / BLOCK); bx++) {
        filler.fillTopBlock(bx * BLOCK, by * BLOCK, bz * BLOCK);
      }
    }
    options.onProgress?.(((bz + 1) / blocksZ) * fineShare);
  }
  if (around) {
    volume.surroundings = voxeliseSurroundings(knee, around.region, around.spacingMm, region, (f) => options.onProgress?.(fineShare + (1 - fineShare) * f));
  }
  return volume;
}

/**
 * The sparse coarse volume over `region`. Bricks wholly inside the fine grid's region (`skip`)
 * are never read and are left as `outside` without evaluating anything.
 */
function voxeliseSurroundings(knee: KneeAnatomy, region: Box, spacing: number, skip: Box, onProgress: (fraction: number) => void): SurroundingsVolume {
  if (!(spacing > 0.05 && spacing <= 4)) throw new RangeError(`Voxel spacing must be from 0.05 to 4 mm, got ${spacing}`);
  const B = SURROUNDINGS_BRICK;
  const nx = Math.max(1, Math.round((region.max.x - region.min.x) / spacing));
  const ny = Math.max(1, Math.round((region.max.y - region.min.y) / spacing));
  const nz = Math.max(1, Math.round((region.max.z - region.min.z) / spacing));
  const origin = { x: region.min.x + spacing / 2, y: region.min.y + spacing / 2, z: region.min.z + spacing / 2 };
  const bx = Math.ceil(nx / B);
  const by = Math.ceil(ny / B);
  const bz = Math.ceil(nz / B);
  const table = new Int32Array(bx * by * bz).fill(-Label.outside - 1);
  const mixed: Uint8Array[] = [];
  // One top block of the filler at a time into a scratch grid, then cut into bricks.
  const scratch: LabelVolume = { origin: { ...origin }, spacingMm: spacing, nx: BLOCK, ny: BLOCK, nz: BLOCK, labels: new Uint8Array(BLOCK ** 3) };
  const filler = new BlockFiller(scratch, knee);
  const perTop = BLOCK / B;
  const topsZ = Math.ceil(bz / perTop);
  for (let tz = 0; tz < topsZ; tz++) {
    for (let ty = 0; ty < Math.ceil(by / perTop); ty++) {
      for (let tx = 0; tx < Math.ceil(bx / perTop); tx++) {
        const x0 = tx * BLOCK;
        const y0 = ty * BLOCK;
        const z0 = tz * BLOCK;
        // Voxel centres of this block, with half a voxel's slack: all inside the fine region?
        const lo = { x: origin.x + x0 * spacing, y: origin.y + y0 * spacing, z: origin.z + z0 * spacing };
        const hi = { x: lo.x + (BLOCK - 1) * spacing, y: lo.y + (BLOCK - 1) * spacing, z: lo.z + (BLOCK - 1) * spacing };
        const h = spacing;
        if (lo.x - h > skip.min.x && lo.y - h > skip.min.y && lo.z - h > skip.min.z && hi.x + h < skip.max.x && hi.y + h < skip.max.y && hi.z + h < skip.max.z) continue;
        scratch.origin = lo;
        filler.fillTopBlock(0, 0, 0);
        cutIntoBricks(scratch.labels, tx * perTop, ty * perTop, tz * perTop, { bx, by, bz, table, mixed });
      }
    }
    onProgress((tz + 1) / topsZ);
  }
  const bricks = new Uint8Array(mixed.length * BRICK_VOXELS);
  mixed.forEach((b, i) => bricks.set(b, i * BRICK_VOXELS));
  return { origin, spacingMm: spacing, nx, ny, nz, bx, by, bz, table, bricks };
}

function cutIntoBricks(labels: Uint8Array, bx0: number, by0: number, bz0: number, out: { bx: number; by: number; bz: number; table: Int32Array; mixed: Uint8Array[] }): void {
  const B = SURROUNDINGS_BRICK;
  const perTop = BLOCK / B;
  for (let k = 0; k < perTop && bz0 + k < out.bz; k++) {
    for (let j = 0; j < perTop && by0 + j < out.by; j++) {
      for (let i = 0; i < perTop && bx0 + i < out.bx; i++) {
        const start = i * B + BLOCK * (j * B + BLOCK * k * B);
        const first = labels[start];
        let uniform = true;
        for (let z = 0; z < B && uniform; z++) {
          for (let y = 0; y < B && uniform; y++) {
            const row = start + BLOCK * (y + BLOCK * z);
            for (let x = 0; x < B; x++) {
              if (labels[row + x] !== first) {
                uniform = false;
                break;
              }
            }
          }
        }
        const t = bx0 + i + out.bx * (by0 + j + out.by * (bz0 + k));
        if (uniform) {
          out.table[t] = -first - 1;
          continue;
        }
        const brick = new Uint8Array(BRICK_VOXELS);
        for (let z = 0; z < B; z++) {
          for (let y = 0; y < B; y++) {
            const row = start + BLOCK * (y + BLOCK * z);
            brick.set(labels.subarray(row, row + B), B * (y + B * z));
          }
        }
        out.table[t] = out.mixed.length;
        out.mixed.push(brick);
      }
    }
  }
}

/** Label of the surroundings voxel nearest to (x, y, z) mm, or NOT_COVERED beyond them (or with none). */
export function surroundingsLabelAt(volume: LabelVolume, x: number, y: number, z: number): number {
  const s = volume.surroundings;
  if (s === undefined) return NOT_COVERED;
  const inv = 1 / s.spacingMm;
  const fx = (x - s.origin.x) * inv + 0.5;
  const fy = (y - s.origin.y) * inv + 0.5;
  const fz = (z - s.origin.z) * inv + 0.5;
  if (!(fx >= 0 && fy >= 0 && fz >= 0 && fx < s.nx && fy < s.ny && fz < s.nz)) return NOT_COVERED;
  const ix = fx | 0;
  const iy = fy | 0;
  const iz = fz | 0;
  const t = s.table[(ix >> BRICK_SHIFT) + s.bx * ((iy >> BRICK_SHIFT) + s.by * (iz >> BRICK_SHIFT))];
  if (t < 0) return -t - 1;
  return s.bricks[t * BRICK_VOXELS + (ix & BRICK_MASK) + SURROUNDINGS_BRICK * ((iy & BRICK_MASK) + SURROUNDINGS_BRICK * (iz & BRICK_MASK))];
}

/** Bytes a volume holds, surroundings included. */
export function volumeBytes(volume: LabelVolume): number {
  const s = volume.surroundings;
  return volume.labels.byteLength + (s ? s.table.byteLength + s.bricks.byteLength : 0);
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
    this.fillBlock(x0, x1, y0, y1, z0, z1, candidates, Label.outside, 0);
  }

  private setCentre(x0: number, x1: number, y0: number, y1: number, z0: number, z1: number): number {
    const { origin, spacingMm: h } = this.volume;
    this.centre.x = origin.x + ((x0 + x1 - 1) / 2) * h;
    this.centre.y = origin.y + ((y0 + y1 - 1) / 2) * h;
    this.centre.z = origin.z + ((z0 + z1 - 1) / 2) * h;
    return (hypot3(x1 - x0, y1 - y0, z1 - z0) * h) / 2 + h * 0.5;
  }

  /** The crossing structures of each level of blocks, reused: no array per block. */
  private readonly crossingAtDepth: Structure[][] = [];

  private fillBlock(x0: number, x1: number, y0: number, y1: number, z0: number, z1: number, candidates: readonly Structure[], outerFloor: LabelId, depth: number): void {
    const radius = this.setCentre(x0, x1, y0, y1, z0, z1);
    const crossing = (this.crossingAtDepth[depth] ??= []);
    crossing.length = 0;
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
      // The eight octants in z, y, x order (bit 2: upper z half, bit 1: y, bit 0: x), without
      // allocating: this runs for every crossed block of every level.
      for (let octant = 0; octant < 8; octant++) {
        const za = octant & 4 ? zm : z0;
        const zb = octant & 4 ? z1 : zm;
        const ya = octant & 2 ? ym : y0;
        const yb = octant & 2 ? y1 : ym;
        const xa = octant & 1 ? xm : x0;
        const xb = octant & 1 ? x1 : xm;
        if (xb > xa && yb > ya && zb > za) this.fillBlock(xa, xb, ya, yb, za, zb, crossing, floor, depth + 1);
      }
    }
  }

  private fill(x0: number, x1: number, y0: number, y1: number, z0: number, z1: number, label: LabelId): void {
    const { nx, ny, labels } = this.volume;
    // Most fills are small leaves next to a surface, where a call to fill costs more than the stores.
    const short = x1 - x0 <= 8;
    for (let z = z0; z < z1; z++) {
      for (let y = y0; y < y1; y++) {
        const row = nx * (y + ny * z);
        if (short) for (let x = row + x0; x < row + x1; x++) labels[x] = label;
        else labels.fill(label, row + x0, row + x1);
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

/** Label of the voxel nearest to p: the fine grid, else the surroundings, else `Label.outside`. */
export function labelAtVoxel(volume: LabelVolume, p: Vec3): LabelId {
  const ix = Math.round((p.x - volume.origin.x) / volume.spacingMm);
  const iy = Math.round((p.y - volume.origin.y) / volume.spacingMm);
  const iz = Math.round((p.z - volume.origin.z) / volume.spacingMm);
  if (ix < 0 || iy < 0 || iz < 0 || ix >= volume.nx || iy >= volume.ny || iz >= volume.nz) {
    const l = surroundingsLabelAt(volume, p.x, p.y, p.z);
    return (l === NOT_COVERED ? Label.outside : l) as LabelId;
  }
  return volume.labels[ix + volume.nx * (iy + volume.ny * iz)] as LabelId;
}
