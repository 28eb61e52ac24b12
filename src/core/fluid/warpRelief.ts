import { type ReliefColumnCache, reliefColumnCacheFor, surveyColumn } from './reliefColumnCache';
import { type ReliefCells, buildOf, gaussian, blur2d, bilinear } from './reliefCells';

/**
 * The lift the injectate gives what lies superficial to it, spread sideways as it rises.
 *
 * A column of the warp (warpColumns.ts) makes room for its fluid by moving the tissue over it up
 * by the fluid's length (all of it where bone lies under the fluid: on the fibular head, 6–9 mm
 * for 5 ml round the CPN). Carried straight to the skin, that lifts the skin — and the probe
 * riding on it — by as much, over a strip only as wide as the fluid. A body does not do that: the
 * fat over a bolus flows aside, and the skin rises in a low, broad bulge. So above each column's
 * fluid the lift eases, over a ramp, from the column's own to the *relief*: the columns' lifts
 * blurred sideways (a Gaussian of `RELIEF_SPREAD_MM`). Columns beside the fluid take up what the
 * wet ones give off (from their neighbours' fluid depth, over the same kind of ramp), so the lifts
 * summed over the columns — the tissue volume moved up — are the same as without the relief: the
 * fat squeezed out over the fluid is the fat stretched beside it. Bone never moves: a dry
 * column's ramp starts above its bone.
 *
 * Built on a coarse grid of cells (`CELL_COLUMNS` columns a side) at each step; a column reads
 * it bilinearly when a lookup first meets it after the step, so a step pays only for the cells.
 */

/** How far sideways (mm, one standard deviation) the lift spreads as it rises. */
export const RELIEF_SPREAD_MM = 5;
/** The ramp over which a column's lift eases to the relief is at least this long (mm). */
const MIN_RAMP_MM = 3;
/** The tissue this close over a column's fluid (mm: the sheath and the fat on it) rides with the fluid, unsqueezed. */
const RIDE_MM = 1;
/** The fat over the fluid gives at most this share of its thickness (the rest of the ramp is longer). */
const MAX_SQUEEZE = 0.75;
const CELL_COLUMNS = 8;
const KERNEL_SIGMAS = 3;

/** What the relief reads of the warp's columns (voxel units; per column x + nx·y). */
export interface LayeredColumns {
  readonly spacingMm: number;
  /** The footprint of the wet columns (inclusive); empty when x0 > x1. */
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
  readonly layerCount: Uint8Array;
}

export class WarpRelief {
  /** The relief's footprint (inclusive; empty when x0 > x1): the wet columns and their neighbours. */
  x0 = Infinity;
  x1 = -Infinity;
  y0 = Infinity;
  y1 = -Infinity;
  /**
   * Per wet column: over `wetAnchor` (resting voxel Z: its top layer's insertion and the tissue
   * riding on it) the tissue moves by `wetLift`, easing to the relief; `skinLift`, what its fluid
   * lifts the skin by in all before spreading (voxels).
   */
  private readonly wetAnchor: Float32Array;
  private readonly wetLift: Float32Array;
  private readonly skinLift: Float32Array;
  private readonly rideVoxels: number;
  private readonly minRamp: number;
  /** The cells of the last rebuild. */
  private cells: ReliefCells | null = null;
  private layerCount: Uint8Array | null = null;
  /** Shared by every warp on the volume, and not part of any one's state (see ReliefColumnCache). */
  private readonly reliefColumns: ReliefColumnCache;

  constructor(
    private readonly nx: number,
    private readonly ny: number,
    private readonly nz: number,
    private readonly labels: Uint8Array,
    spacingMm: number,
  ) {
    this.rideVoxels = RIDE_MM / spacingMm;
    this.minRamp = MIN_RAMP_MM / spacingMm;
    const columns = nx * ny;
    this.wetAnchor = new Float32Array(columns);
    this.wetLift = new Float32Array(columns);
    this.skinLift = new Float32Array(columns);
    this.reliefColumns = reliefColumnCacheFor(labels, columns);
  }

  /**
   * A wet column redone: the resting Z of its top layer's insertion, how far its fluid moves the
   * tissue over all its layers, and how far in all it lifts the skin — more where the tissue under
   * the fluid was squeezed against bone rather than pushed down, as it flows aside too (voxels).
   * The relief is rebuilt at the end of the warp's update.
   */
  setColumn(column: number, top: number, lift: number, skinLift: number): void {
    this.wetAnchor[column] = top + this.rideVoxels;
    this.wetLift[column] = lift;
    this.skinLift[column] = skinLift;
  }

  /**
   * The shift (voxels along +Z) of resting tissue at `restZ` over a column's layers (or in a dry
   * column): over its anchor the shift is `start` and eases linearly to `lift` over `ramp` voxels,
   * then stays; below the anchor of a dry column nothing moves.
   */
  shiftAbove(column: number, restZ: number): number {
    const c = this.ensure(column);
    const start = c.start[column];
    const lift = c.lift[column];
    const over = restZ - c.anchor[column];
    if (over <= 0) return start;
    const ramp = c.ramp[column];
    return over >= ramp ? lift : start + ((lift - start) * over) / ramp;
  }

  /** The inverse: the resting Z of what lies at image Z `vz` over the column's layers. */
  restAbove(column: number, vz: number): number {
    const c = this.ensure(column);
    const anchor = c.anchor[column];
    const start = c.start[column];
    const over = vz - anchor - start;
    if (over <= 0) return vz - start;
    const ramp = c.ramp[column];
    const stretched = ramp + c.lift[column] - start;
    return over >= stretched ? vz - c.lift[column] : anchor + (over * ramp) / stretched;
  }

  /** Whether (x, y) (voxel indices) lies in the relief's footprint. */
  covers(x: number, y: number): boolean {
    return x >= this.x0 && x <= this.x1 && y >= this.y0 && y <= this.y1;
  }

  /** Spreads the wet columns' lifts sideways (see the file's comment); each column reads it when next looked up. */
  rebuild(columns: LayeredColumns): void {
    if (columns.x0 > columns.x1) return;
    this.layerCount = columns.layerCount;
    const sigmaCells = RELIEF_SPREAD_MM / columns.spacingMm / CELL_COLUMNS;
    const reach = Math.ceil(KERNEL_SIGMAS * sigmaCells);
    const kernel = gaussian(sigmaCells, reach);
    // Cells over the wet footprint and `reach` more each side, clipped to the grid.
    const cx0 = Math.max(0, Math.floor(columns.x0 / CELL_COLUMNS) - reach);
    const cy0 = Math.max(0, Math.floor(columns.y0 / CELL_COLUMNS) - reach);
    const cx1 = Math.min(Math.ceil(this.nx / CELL_COLUMNS) - 1, Math.floor(columns.x1 / CELL_COLUMNS) + reach);
    const cy1 = Math.min(Math.ceil(this.ny / CELL_COLUMNS) - 1, Math.floor(columns.y1 / CELL_COLUMNS) + reach);
    const w = cx1 - cx0 + 1;
    const h = cy1 - cy0 + 1;
    const liftSum = new Float64Array(w * h);
    const topSum = new Float64Array(w * h);
    for (let y = columns.y0; y <= columns.y1; y++)
      for (let x = columns.x0; x <= columns.x1; x++) {
        const c = x + this.nx * y;
        if (columns.layerCount[c] === 0) continue;
        const lift = this.skinLift[c];
        const cell = Math.floor(x / CELL_COLUMNS) - cx0 + w * (Math.floor(y / CELL_COLUMNS) - cy0);
        liftSum[cell] += lift;
        topSum[cell] += lift * this.wetAnchor[c];
      }
    this.cells = { liftBlur: blur2d(liftSum, w, h, kernel, reach), topBlur: blur2d(topSum, w, h, kernel, reach), w, h, cx0, cy0 };
    this.x0 = cx0 * CELL_COLUMNS;
    this.y0 = cy0 * CELL_COLUMNS;
    this.x1 = Math.min(this.nx - 1, (cx1 + 1) * CELL_COLUMNS - 1);
    this.y1 = Math.min(this.ny - 1, (cy1 + 1) * CELL_COLUMNS - 1);
  }

  /** The column's relief as of the last rebuild (worked out on its first lookup since). */
  private ensure(c: number): ReliefColumnCache {
    const cache = this.reliefColumns;
    const cells = this.cells;
    if (cells === null) {
      cache.stamp[c] = 0;
      cache.anchor[c] = cache.start[c] = cache.lift[c] = 0;
      cache.ramp[c] = 1;
      return cache;
    }
    const build = buildOf(cells);
    if (cache.stamp[c] === build) return cache;
    cache.stamp[c] = build;
    const { liftBlur, topBlur, w, h, cx0, cy0 } = cells;
    const x = c % this.nx;
    const y = (c - x) / this.nx;
    // Cell centres lie at (cell + ½)·CELL − ½ in columns: read the four round the column.
    const fx = Math.min(w - 1, Math.max(0, (x + 0.5) / CELL_COLUMNS - 0.5 - cx0));
    const fy = Math.min(h - 1, Math.max(0, (y + 0.5) / CELL_COLUMNS - 0.5 - cy0));
    const ix = Math.max(0, Math.min(w - 2, Math.floor(fx)));
    const iy = Math.max(0, Math.min(h - 2, Math.floor(fy)));
    const weight = bilinear(liftBlur, w, h, ix, iy, fx - ix, fy - iy);
    const relief = weight / (CELL_COLUMNS * CELL_COLUMNS);
    this.survey(c);
    if (this.layerCount !== null && this.layerCount[c] > 0) {
      // The tissue from the fluid to the skin gives the difference, never more than
      // MAX_SQUEEZE of itself (the ramp then runs on into the skin).
      const own = this.wetLift[c];
      cache.anchor[c] = this.wetAnchor[c];
      cache.start[c] = own;
      cache.lift[c] = relief;
      cache.ramp[c] = Math.max(this.minRamp, cache.surfaceTop[c] - this.wetAnchor[c], (own - relief) / MAX_SQUEEZE);
      return cache;
    }
    cache.start[c] = 0;
    cache.ramp[c] = this.minRamp;
    if (relief < 1e-4) {
      cache.anchor[c] = 0;
      cache.lift[c] = 0;
      return cache;
    }
    // A dry column rises from its neighbours' fluid depth (above its own bone, and in the
    // subcutaneous fat: the fat squeezed from over the fluid flows into the fat beside it), its
    // tissue from there to the skin stretched.
    const depth = bilinear(topBlur, w, h, ix, iy, fx - ix, fy - iy) / weight;
    cache.anchor[c] = Math.min(cache.surfaceTop[c] - this.minRamp, Math.max(depth, cache.boneTop[c], cache.fatFloor[c]));
    cache.lift[c] = relief;
    cache.ramp[c] = Math.max(this.minRamp, cache.surfaceTop[c] - cache.anchor[c]);
    return cache;
  }

  /** The resting Z just above the column's highest bone (voxels; −1: none). */
  boneTopOf(column: number): number {
    this.survey(column);
    return this.reliefColumns.boneTop[column];
  }

  /** The column's landmarks, surveyed once per volume (reliefColumnCache.ts). */
  private survey(column: number): void {
    surveyColumn(this.reliefColumns, this.labels, this.nx, this.ny, this.nz, column);
  }
}
