import type { Box } from './sdf';
import type { KneeAnatomy } from './knee';
import type { LabelVolume } from './voxelise';
import { BLOCK, BlockFiller } from './blockFiller';

/**
 * What a voxel of a fine grid still to be filled holds: no structure's label, so a reader that
 * reached one by mistake would show it (in a test's comparison with a volume built in one go)
 * rather than pass it off as air.
 */
export const UNFILLED = 255;

/**
 * The fine grid of a volume voxelised with `fineGridLater`: the knee is ready at once and its top
 * blocks (BLOCK³ voxels, 8 mm at 0.25 mm) are filled when needed: where a frame is about to read
 * (`fillFineGridBox`), a few at a time between requests nearest the probe first
 * (`buildFineGridStep`), or all at once before anything that reads the whole volume
 * (`completeFineGrid`: the injectate, the volume cache, the image band workers). A top block's
 * labels depend only on its place (BlockFiller), so the complete grid is the same bytes as one
 * voxelised in one go, whatever the order.
 */
export class FineGridBuilder {
  private readonly filler: BlockFiller;
  /** Per top block: 1 once filled. index = bx + blocksX * (by + blocksY * bz). */
  private readonly filled: Uint8Array;
  private remaining: number;
  private readonly blocksX: number;
  private readonly blocksY: number;
  private readonly blocksZ: number;

  constructor(
    private readonly volume: LabelVolume,
    knee: KneeAnatomy,
  ) {
    this.filler = new BlockFiller(volume, knee);
    this.blocksX = Math.ceil(volume.nx / BLOCK);
    this.blocksY = Math.ceil(volume.ny / BLOCK);
    this.blocksZ = Math.ceil(volume.nz / BLOCK);
    this.filled = new Uint8Array(this.blocksX * this.blocksY * this.blocksZ);
    this.remaining = this.filled.length;
  }

  /** Top blocks not filled yet. */
  get blocksLeft(): number {
    return this.remaining;
  }

  /** Fills every top block that a box (mm, limb frame) touches. */
  fillBox(box: Box): void {
    const { origin, spacingMm: h } = this.volume;
    const span = BLOCK * h;
    // Voxel i's centre is origin + i·h, so block b covers centres origin + [b·BLOCK, (b+1)·BLOCK)·h.
    const lo = (v: number, o: number, n: number) => Math.max(0, Math.min(n - 1, Math.floor((v - o + h / 2) / span)));
    const x0 = lo(box.min.x, origin.x, this.blocksX);
    const x1 = lo(box.max.x, origin.x, this.blocksX);
    const y0 = lo(box.min.y, origin.y, this.blocksY);
    const y1 = lo(box.max.y, origin.y, this.blocksY);
    const z0 = lo(box.min.z, origin.z, this.blocksZ);
    const z1 = lo(box.max.z, origin.z, this.blocksZ);
    for (let bz = z0; bz <= z1; bz++) for (let by = y0; by <= y1; by++) for (let bx = x0; bx <= x1; bx++) this.fillBlock(bx + this.blocksX * (by + this.blocksY * bz));
  }

  /**
   * Fills up to `count` more top blocks, those nearest `near` (mm) first, or in order without it;
   * true once the grid is complete.
   */
  step(count: number, near: { x: number; y: number; z: number } | null = null): boolean {
    for (let n = 0; n < count && this.remaining > 0; n++) {
      const nearest = near ? this.nearestUnfilled(near) : -1;
      this.fillBlock(nearest >= 0 ? nearest : this.filled.indexOf(0));
    }
    return this.remaining === 0;
  }

  /** Fills every top block left, in order (`onProgress` after each row of them at one level). */
  finish(onProgress?: (fraction: number) => void): void {
    const perLevel = this.blocksX * this.blocksY;
    for (let b = 0; b < this.filled.length && this.remaining > 0; b++) {
      this.fillBlock(b);
      if ((b + 1) % perLevel === 0) onProgress?.((b + 1) / this.filled.length);
    }
  }

  private fillBlock(b: number): void {
    if (this.filled[b] === 1) return;
    const bx = b % this.blocksX;
    const by = Math.floor(b / this.blocksX) % this.blocksY;
    const bz = Math.floor(b / (this.blocksX * this.blocksY));
    this.filler.fillTopBlock(bx * BLOCK, by * BLOCK, bz * BLOCK);
    this.filled[b] = 1;
    if (--this.remaining === 0 && this.volume.fineGridPending === this) delete this.volume.fineGridPending;
  }

  /** The unfilled top block whose centre is nearest p (a scan of ~1 200 blocks: cheap beside filling one); −1 for a point not finite. */
  private nearestUnfilled(p: { x: number; y: number; z: number }): number {
    const { origin, spacingMm: h } = this.volume;
    const span = BLOCK * h;
    const cx = (p.x - origin.x) / span - 0.5;
    const cy = (p.y - origin.y) / span - 0.5;
    const cz = (p.z - origin.z) / span - 0.5;
    let best = -1;
    let bestD2 = Infinity;
    for (let bz = 0, b = 0; bz < this.blocksZ; bz++)
      for (let by = 0; by < this.blocksY; by++)
        for (let bx = 0; bx < this.blocksX; bx++, b++) {
          if (this.filled[b] === 1) continue;
          const d2 = (bx - cx) ** 2 + (by - cy) ** 2 + (bz - cz) ** 2;
          if (d2 < bestD2) {
            bestD2 = d2;
            best = b;
          }
        }
    return best;
  }
}

/** Whether the volume's fine grid still has blocks to fill (a frame fills what it reads meanwhile). */
export function fineGridPending(volume: LabelVolume): boolean {
  return volume.fineGridPending !== undefined;
}

/** Fills the pending top blocks a box touches (nothing for a complete grid). */
export function fillFineGridBox(volume: LabelVolume, box: Box): void {
  volume.fineGridPending?.fillBox(box);
}

/** Fills up to `topBlocks` more pending top blocks, nearest `near` first; true once complete. */
export function buildFineGridStep(volume: LabelVolume, topBlocks: number, near: { x: number; y: number; z: number } | null = null): boolean {
  const builder = volume.fineGridPending;
  return builder ? builder.step(topBlocks, near) : true;
}

/** Completes the volume's fine grid now (nothing if it is complete). */
export function completeFineGrid(volume: LabelVolume): void {
  volume.fineGridPending?.finish();
}
