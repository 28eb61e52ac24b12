import type { Box } from './sdf';
import type { KneeAnatomy } from './knee';
import { Label } from './tissues';
import { BLOCK, BlockFiller } from './blockFiller';
import type { LabelVolume, SurroundingsVolume } from './voxelise';

/** Edge of a surroundings brick in voxels (a power of two: the lookup shifts and masks). */
export const SURROUNDINGS_BRICK = 8;
const BRICK_SHIFT = 3;
const BRICK_MASK = SURROUNDINGS_BRICK - 1;
const BRICK_VOXELS = SURROUNDINGS_BRICK ** 3;
/** Bricks along a top block's edge. */
const PER_TOP = BLOCK / SURROUNDINGS_BRICK;
/** What `surroundingsLabelAt` answers for a point that no volume covers. */
export const NOT_COVERED = 255;
/** In the table of surroundings still being built: a brick whose top block is not filled yet (below every −label − 1). */
export const PENDING_BRICK = -1000;

/**
 * Builds the sparse coarse volume over `region`, one top block (BLOCK³ voxels, PER_TOP³ bricks)
 * at a time. Top blocks wholly inside the fine grid's region (`skip`) are never read and are left
 * as `outside` without evaluating anything; the others start as PENDING_BRICK. A top block is
 * filled when a lookup first reads it (`fillBrick`), or in order by `step`; `finish` fills the
 * rest and lays the mixed bricks out in the order of a build from first to last top block, so
 * the finished volume is the same bytes whichever order its blocks were filled in.
 */
export class SurroundingsBuilder {
  readonly volume: SurroundingsVolume;
  private readonly filler: BlockFiller;
  private readonly scratch: LabelVolume;
  /** Per top block: 1 once filled (or skipped). */
  private readonly filled: Uint8Array;
  private readonly tops: { x: number; y: number; z: number };
  /** Mixed bricks held so far (the volume's `bricks` may be larger: room to grow). */
  private brickCount = 0;
  /** Next top block `step` looks at, in build order (z, then y, then x). */
  private nextTop = 0;
  private remaining: number;

  constructor(knee: KneeAnatomy, region: Box, spacing: number, skip: Box) {
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
    this.volume = { origin, spacingMm: spacing, nx, ny, nz, bx, by, bz, table, bricks: new Uint8Array(0), pending: this };
    this.tops = { x: Math.ceil(bx / PER_TOP), y: Math.ceil(by / PER_TOP), z: Math.ceil(bz / PER_TOP) };
    this.filled = new Uint8Array(this.tops.x * this.tops.y * this.tops.z);
    // One top block of the filler at a time into a scratch grid, then cut into bricks.
    this.scratch = { origin: { ...origin }, spacingMm: spacing, nx: BLOCK, ny: BLOCK, nz: BLOCK, labels: new Uint8Array(BLOCK ** 3) };
    this.filler = new BlockFiller(this.scratch, knee);
    const h = spacing;
    for (let t = 0; t < this.filled.length; t++) {
      // Voxel centres of this block, with half a voxel's slack: all inside the fine region?
      const lo = this.topOrigin(t);
      const hi = { x: lo.x + (BLOCK - 1) * h, y: lo.y + (BLOCK - 1) * h, z: lo.z + (BLOCK - 1) * h };
      if (lo.x - h > skip.min.x && lo.y - h > skip.min.y && lo.z - h > skip.min.z && hi.x + h < skip.max.x && hi.y + h < skip.max.y && hi.z + h < skip.max.z) this.filled[t] = 1;
      else this.forBricks(t, (i) => (table[i] = PENDING_BRICK));
    }
    this.remaining = this.filled.reduce((n, f) => n + (1 - f), 0);
  }

  get done(): boolean {
    return this.remaining === 0;
  }

  /** Fills the top block holding brick `brick` (an index into the table) and gives its table entry. */
  fillBrick(brick: number): number {
    const { bx, by } = this.volume;
    const x = brick % bx;
    const y = Math.floor(brick / bx) % by;
    const z = Math.floor(brick / (bx * by));
    this.fillTop(Math.floor(x / PER_TOP) + this.tops.x * (Math.floor(y / PER_TOP) + this.tops.y * Math.floor(z / PER_TOP)));
    return this.volume.table[brick];
  }

  /** Fills up to `count` more top blocks in build order; true once all are filled. */
  step(count: number, onLayer?: (fraction: number) => void): boolean {
    const perLayer = this.tops.x * this.tops.y;
    for (let n = 0; n < count && this.nextTop < this.filled.length; this.nextTop++) {
      if (this.filled[this.nextTop] === 0) {
        this.fillTop(this.nextTop);
        n++;
      }
      if ((this.nextTop + 1) % perLayer === 0) onLayer?.((this.nextTop + 1) / perLayer / this.tops.z);
    }
    return this.done;
  }

  /** Fills every top block left and packs the bricks in build order: the volume is then complete. */
  finish(onLayer?: (fraction: number) => void): SurroundingsVolume {
    this.step(Number.POSITIVE_INFINITY, onLayer);
    if (this.volume.pending !== this) return this.volume;
    const { table, bricks } = this.volume;
    const packed = new Uint8Array(this.brickCount * BRICK_VOXELS);
    let next = 0;
    for (let t = 0; t < this.filled.length; t++) {
      this.forBricks(t, (i) => {
        const b = table[i];
        if (b < 0) return;
        packed.set(bricks.subarray(b * BRICK_VOXELS, (b + 1) * BRICK_VOXELS), next * BRICK_VOXELS);
        table[i] = next++;
      });
    }
    this.volume.bricks = packed;
    delete this.volume.pending;
    return this.volume;
  }

  /** Centre of the first voxel of top block t. */
  private topOrigin(t: number): { x: number; y: number; z: number } {
    const { origin, spacingMm: h } = this.volume;
    const tx = t % this.tops.x;
    const ty = Math.floor(t / this.tops.x) % this.tops.y;
    const tz = Math.floor(t / (this.tops.x * this.tops.y));
    return { x: origin.x + tx * BLOCK * h, y: origin.y + ty * BLOCK * h, z: origin.z + tz * BLOCK * h };
  }

  /** Calls f with the table index of each brick of top block t, in build order (z, y, x). */
  private forBricks(t: number, f: (index: number, offset: number) => void): void {
    const { bx, by, bz } = this.volume;
    const x0 = (t % this.tops.x) * PER_TOP;
    const y0 = (Math.floor(t / this.tops.x) % this.tops.y) * PER_TOP;
    const z0 = Math.floor(t / (this.tops.x * this.tops.y)) * PER_TOP;
    const B = SURROUNDINGS_BRICK;
    for (let k = 0; k < PER_TOP && z0 + k < bz; k++) {
      for (let j = 0; j < PER_TOP && y0 + j < by; j++) {
        for (let i = 0; i < PER_TOP && x0 + i < bx; i++) f(x0 + i + bx * (y0 + j + by * (z0 + k)), i * B + BLOCK * (j * B + BLOCK * k * B));
      }
    }
  }

  private fillTop(t: number): void {
    if (this.filled[t] === 1) return;
    this.filled[t] = 1;
    this.remaining--;
    this.scratch.origin = this.topOrigin(t);
    this.filler.fillTopBlock(0, 0, 0);
    const labels = this.scratch.labels;
    const B = SURROUNDINGS_BRICK;
    this.forBricks(t, (index, start) => {
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
      if (uniform) {
        this.volume.table[index] = -first - 1;
        return;
      }
      const brick = this.brickCount++;
      if (this.volume.bricks.length < this.brickCount * BRICK_VOXELS) {
        const grown = new Uint8Array(Math.max(64, 2 * this.brickCount) * BRICK_VOXELS);
        grown.set(this.volume.bricks);
        this.volume.bricks = grown;
      }
      const bricks = this.volume.bricks;
      for (let z = 0; z < B; z++) {
        for (let y = 0; y < B; y++) {
          const row = start + BLOCK * (y + BLOCK * z);
          bricks.set(labels.subarray(row, row + B), brick * BRICK_VOXELS + B * (y + B * z));
        }
      }
      this.volume.table[index] = brick;
    });
  }
}

/**
 * Label of the surroundings voxel nearest to (x, y, z) mm, or NOT_COVERED beyond them (or with
 * none). A read of surroundings still being built fills the top block it falls in first.
 */
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
  const brick = (ix >> BRICK_SHIFT) + s.bx * ((iy >> BRICK_SHIFT) + s.by * (iz >> BRICK_SHIFT));
  let t = s.table[brick];
  if (t === PENDING_BRICK) t = s.pending!.fillBrick(brick);
  if (t < 0) return -t - 1;
  return s.bricks[t * BRICK_VOXELS + (ix & BRICK_MASK) + SURROUNDINGS_BRICK * ((iy & BRICK_MASK) + SURROUNDINGS_BRICK * (iz & BRICK_MASK))];
}

/** Whether the volume's surroundings are still being built (a read fills what it needs meanwhile). */
export function surroundingsPending(volume: LabelVolume): boolean {
  return volume.surroundings?.pending !== undefined;
}

/** Fills up to `topBlocks` more top blocks of the volume's pending surroundings; true once complete (then packed as a build in one go packs them). */
export function buildSurroundingsStep(volume: LabelVolume, topBlocks: number): boolean {
  const builder = volume.surroundings?.pending;
  if (!builder) return true;
  if (!builder.step(topBlocks)) return false;
  builder.finish();
  return true;
}

/** Completes the volume's pending surroundings now (nothing if there are none). */
export function completeSurroundings(volume: LabelVolume): void {
  volume.surroundings?.pending?.finish();
}
