import type { TissueWarp } from './tissueWarp';
import { LAYERS_PER_COLUMN } from './warpColumns';

/**
 * Which grid columns changed what the fluid surface's samples read, between two updates of a
 * mesher: a block none of whose columns changed samples exactly as before, so it is neither
 * sampled nor meshed again (sampling the warp's coverage was ~80 % of a whole re-mesh).
 *
 * A sample at (vx, vy, vz) reads, of the four columns it blends (TissueWarp.fluidShare →
 * coverage), whether the column lies in the warp's footprint and, if so, its layers (count,
 * resting insertion Z and length of each), its image range and its base shift; and of the same
 * columns, the Z range the fill holds fluid in (the mesher's wet columns, which bound the samples
 * asked). A column's record is those values bit for bit, so "same record" means "same samples".
 * The mesher's reach (the most the warp moved anything) bounds which samples are asked, not what
 * they are: outside it the coverage is 0 and a sample keeps the 0.5 it starts with.
 */

/** Values per column record: footprint flag, count, low, high, base, LAYERS_PER_COLUMN × (Z, length), wet low, wet high. */
const RECORD = 5 + 2 * LAYERS_PER_COLUMN + 2;

/** The warp's per-column arrays coverage reads (protected in WarpColumns: read here by name, never written). */
interface CoverageArrays {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  nx: number;
  layerCount: Uint8Array;
  layerZ: Float32Array;
  layerLength: Float32Array;
  columnLow: Float32Array;
  columnHigh: Float32Array;
  columnBase: Float32Array;
}

const coverageArrays = (warp: TissueWarp): CoverageArrays => warp as unknown as CoverageArrays;

/** A rectangle of grid columns (inclusive) and a record per column, as of one update. */
export class ColumnRecords {
  private readonly width: number;
  private readonly bits: Uint32Array;
  private readonly values: Float32Array;

  /**
   * Records every column of [x0, x1] × [y0, y1]; `wet(x, y)` gives the Z range the fill holds
   * fluid in at column (x, y) ([lowest, highest], or null: none).
   */
  constructor(
    readonly x0: number,
    readonly x1: number,
    readonly y0: number,
    readonly y1: number,
    warp: TissueWarp,
    wet: (x: number, y: number) => readonly [number, number] | null,
  ) {
    this.width = x1 - x0 + 1;
    this.values = new Float32Array(this.width * (y1 - y0 + 1) * RECORD);
    this.bits = new Uint32Array(this.values.buffer);
    const a = coverageArrays(warp);
    const v = this.values;
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const r = RECORD * (x - x0 + this.width * (y - y0));
        const range = wet(x, y);
        v[r + RECORD - 2] = range ? range[0] : -1;
        v[r + RECORD - 1] = range ? range[1] : -1;
        // Outside the footprint coverage is 0 whatever the arrays hold: the record says only that.
        if (x < a.x0 || x > a.x1 || y < a.y0 || y > a.y1) continue;
        const c = x + a.nx * y;
        const count = a.layerCount[c];
        v[r] = 1;
        v[r + 1] = count;
        v[r + 2] = a.columnLow[c];
        v[r + 3] = a.columnHigh[c];
        v[r + 4] = a.columnBase[c];
        const first = c * LAYERS_PER_COLUMN;
        for (let k = 0; k < count; k++) {
          v[r + 5 + 2 * k] = a.layerZ[first + k];
          v[r + 6 + 2 * k] = a.layerLength[first + k];
        }
      }
    }
  }

  /**
   * TissueWarp.fluidShare at (vx, vy, vz) from the records (the same arithmetic, so the same
   * bits): what a surface job samples, so that it reads the fluid as it was when the job began
   * even if a seek moved the warp's arrays since.
   */
  share(vx: number, vy: number, vz: number): number {
    const x = Math.floor(vx);
    const y = Math.floor(vy);
    const tx = vx - x;
    const ty = vy - y;
    return (1 - ty) * ((1 - tx) * this.coverage(x, y, vz) + tx * this.coverage(x + 1, y, vz)) + ty * ((1 - tx) * this.coverage(x, y + 1, vz) + tx * this.coverage(x + 1, y + 1, vz));
  }

  /** TissueWarp's coverage of column (x, y) over a voxel-long span round vz, from its record. */
  private coverage(x: number, y: number, vz: number): number {
    const v = this.values;
    const r = RECORD * (x - this.x0 + this.width * (y - this.y0));
    if (v[r] === 0) return 0;
    const from = vz - 0.5;
    const to = vz + 0.5;
    if (to <= v[r + 2] || from >= v[r + 3]) return 0;
    let offset = v[r + 4];
    let covered = 0;
    const count = v[r + 1];
    for (let k = 0; k < count; k++) {
      const low = v[r + 5 + 2 * k] + offset;
      const high = low + v[r + 6 + 2 * k];
      const overlap = Math.min(high, to) - Math.max(low, from);
      if (overlap > 0) covered += overlap;
      offset += v[r + 6 + 2 * k];
    }
    return covered;
  }

  /**
   * The Z range (voxels) the fluid of the columns blended at (x..x+1, y..y+1) can lie in: their
   * wet range widened by `reachVoxels` (the most the warp moved anything) and a voxel, within
   * [0, nz − 1]; null where none of them holds fluid.
   */
  reach(x: number, y: number, reachVoxels: number, nz: number): [number, number] | null {
    let lo = Infinity;
    let hi = -Infinity;
    for (let dy = 0; dy <= 1; dy++) {
      for (let dx = 0; dx <= 1; dx++) {
        const r = RECORD * (x + dx - this.x0 + this.width * (y + dy - this.y0));
        const high = this.values[r + RECORD - 1];
        if (high < 0) continue;
        lo = Math.min(lo, this.values[r + RECORD - 2]);
        hi = Math.max(hi, high);
      }
    }
    return hi < 0 ? null : [Math.max(0, lo - reachVoxels - 1), Math.min(nz - 1, hi + reachVoxels + 1)];
  }

  /**
   * Whether any column of [x0, x1] × [y0, y1] has a record other than in `before` (a column
   * `before` did not record counts as changed).
   */
  changedSince(before: ColumnRecords | null, x0: number, x1: number, y0: number, y1: number): boolean {
    if (!before || x0 < before.x0 || x1 > before.x1 || y0 < before.y0 || y1 > before.y1) return true;
    if (x0 < this.x0 || x1 > this.x1 || y0 < this.y0 || y1 > this.y1) return true;
    const span = (x1 - x0 + 1) * RECORD;
    for (let y = y0; y <= y1; y++) {
      const here = RECORD * (x0 - this.x0 + this.width * (y - this.y0));
      const there = RECORD * (x0 - before.x0 + before.width * (y - before.y0));
      for (let i = 0; i < span; i++) if (this.bits[here + i] !== before.bits[there + i]) return true;
    }
    return false;
  }
}
