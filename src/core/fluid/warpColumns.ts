import { type FluidField, FULL } from './fluidField';
import { WarpRelief, type LayeredColumns } from './warpRelief';
import { boneFloorZ, deepRideVoxels } from './boneFloor';
import { SHEATH_VOXELS, NERVE_PART, insertionZ, epineuriumSurfaceZOf } from './layerInsertion';

/**
 * The build half of the tissue warp (tissueWarp.ts reads it): each run of wet voxels along a
 * column of the grid's Z axis becomes a layer of fluid inserted into the column at one point, and
 * the tissue either side moves apart to make room. Columns are redone only where a step put fluid.
 *
 * A step of 0.1 ml redoes thousands of columns, and a column of the label grid is a stride of a
 * whole Z plane per voxel (one cache line, often one page, each). So each column that ever holds
 * fluid gets a slot: its fill kept contiguous (written as the spread fills it) and its labels
 * copied once over the Z range its layers read (the wet range and the sheath beside it; the bone
 * under the fluid comes from the column's survey, boneFloor.ts). A redo then reads a few cache
 * lines; the results are those of reading the grid itself.
 */

/** Share of an inserted layer's thickness that moves the tissue superficial to it (the rest goes deep, as far as the bone under it lets it). */
export const SUPERFICIAL_SHARE = 0.5;

/** Layers kept per column; a column crossing more wet runs than this merges the last ones. */
export const LAYERS_PER_COLUMN = 6;

/** Labels a redo reads beyond the wet range, either side: the sheath and the nerve past it (layerInsertion.ts). */
const LABELS_BELOW = SHEATH_VOXELS + 1;
const LABELS_ABOVE = SHEATH_VOXELS + 1;
/**
 * A slot short of labels copies this many more each side than it needs: a column's wet range
 * grows a voxel at a time, and each label is a cache miss of its own (a Z plane apart), so they are
 * read a batch at a time (the reads overlap) rather than one per step.
 */
const LABELS_AHEAD = 6;

const NO_SLOT = -1;

export class WarpColumns {
  /** The footprint of the columns holding fluid (voxel indices, inclusive); empty if x0 > x1. */
  protected x0 = Infinity;
  protected x1 = -Infinity;
  protected y0 = Infinity;
  protected y1 = -Infinity;
  protected readonly nx: number;
  /** Per grid column (x + nx·y): its layers, each a resting insertion point (voxel Z) and thickness (voxels). */
  protected readonly layerCount: Uint8Array;
  protected readonly layerZ: Float32Array;
  protected readonly layerLength: Float32Array;
  /** Per column: where its layers lie in the image (voxel Z), for a quick "no fluid here". */
  protected readonly columnLow: Float32Array;
  protected readonly columnHigh: Float32Array;
  /**
   * Per column c: the lowest `columnLow` and the highest `columnHigh` of the columns c, c + 1,
   * c + nx and c + nx + 1 that hold fluid (Infinity, −Infinity: none), the four a point's fluid
   * share is blended from: the image asks it at every sample in the fluid's footprint, and most
   * lie above or below all four columns' layers.
   */
  protected readonly quadLow: Float32Array;
  protected readonly quadHigh: Float32Array;
  /** Per column: the shift of what lies deep to every layer (voxels, negative: pushed down). */
  protected readonly columnBase: Float32Array;
  /**
   * Per column: the resting top of the bone under its fluid (voxel Z; NaN: none within reach).
   * What lies between it and the deepest layer is compressed, not moved: the shift ramps from
   * `columnBase` at the deepest layer to nothing on the cortex, so bone never moves.
   */
  protected readonly columnFloor: Float32Array;
  /** Per column: the resting Z range (voxels) its fluid was ever put in (low > high: none yet). */
  private readonly wetLow: Int16Array;
  private readonly wetHigh: Int16Array;
  /** Columns whose fill changed since the last `update` (each once). */
  private readonly dirty: Uint8Array;
  protected dirtyColumns: number[] = [];
  /** The most any column has moved tissue (voxels, either way): how far a lookup may have to reach. */
  protected maxShiftVoxels = 0;

  /** Per column: the epineurium's surface (voxel Z) under and over a layer against the nerve; NaN not found yet. */
  private readonly nerveFloor: Float32Array;
  private readonly nerveRoof: Float32Array;

  /** Per column: its slot (NO_SLOT: never wet). Per slot: nz fill values and nz labels, Z contiguous. */
  private readonly slotOf: Int32Array;
  private slotCount = 0;
  private slotFill = new Uint8Array(0);
  private slotLabels = new Uint8Array(0);
  /** Per slot: the Z range of labels copied so far (low > high: none). */
  private slotLabelLow = new Int16Array(0);
  private slotLabelHigh = new Int16Array(0);

  /** The lift over the fluid, spread sideways as it rises (warpRelief.ts). */
  protected readonly relief: WarpRelief;

  constructor(
    protected readonly field: FluidField,
    protected readonly labels: Uint8Array,
    /** The nerve's surface to a fraction of a voxel (distance outside the epineurium, mm; 0 inside). */
    private readonly nerveDistance: ((x: number, y: number, z: number) => number) | null = null,
  ) {
    const columns = field.grid.nx * field.grid.ny;
    this.nerveFloor = new Float32Array(columns).fill(Number.NaN);
    this.nerveRoof = new Float32Array(columns).fill(Number.NaN);
    this.nx = field.grid.nx;
    this.layerCount = new Uint8Array(columns);
    this.layerZ = new Float32Array(columns * LAYERS_PER_COLUMN);
    this.layerLength = new Float32Array(columns * LAYERS_PER_COLUMN);
    this.columnLow = new Float32Array(columns);
    this.columnHigh = new Float32Array(columns);
    this.quadLow = new Float32Array(columns).fill(Infinity);
    this.quadHigh = new Float32Array(columns).fill(-Infinity);
    this.columnBase = new Float32Array(columns);
    this.columnFloor = new Float32Array(columns).fill(Number.NaN);
    this.wetLow = new Int16Array(columns).fill(0x7fff);
    this.wetHigh = new Int16Array(columns).fill(-1);
    this.dirty = new Uint8Array(columns);
    this.slotOf = new Int32Array(columns).fill(NO_SLOT);
    this.relief = new WarpRelief(field.grid.nx, field.grid.ny, field.grid.nz, labels, field.grid.spacingMm);
  }

  /**
   * The spread put fluid in voxel `index` (already in the field, `fill` now: passed by the spread,
   * which has it at hand, to save a read of the grid): its column is redone at the next `update`.
   */
  markWet(index: number, fill = this.field.fill[index]): void {
    const nxy = this.nx * this.field.grid.ny;
    const column = index % nxy;
    const z = (index - column) / nxy;
    let slot = this.slotOf[column];
    if (slot === NO_SLOT) slot = this.newSlot(column);
    this.slotFill[slot * this.field.grid.nz + z] = fill;
    if (z < this.wetLow[column]) this.wetLow[column] = z;
    if (z > this.wetHigh[column]) this.wetHigh[column] = z;
    if (this.dirty[column] === 0) {
      this.dirty[column] = 1;
      this.dirtyColumns.push(column);
    }
  }

  /**
   * Redoes the layers of the columns marked wet since the last update, or (no `markWet` used:
   * a field filled some other way) first marks every wet voxel over `box` (voxel indices).
   */
  update(box?: { min: number[]; max: number[] }): void {
    if (box && box.min[0] <= box.max[0]) {
      const { nx, ny } = this.field.grid;
      const fill = this.field.fill;
      // Row by row, along the grid's own order: the whole box is read once.
      for (let z = box.min[2]; z <= box.max[2]; z++)
        for (let y = box.min[1]; y <= box.max[1]; y++) {
          const row = nx * (y + ny * z);
          for (let i = row + box.min[0]; i <= row + box.max[0]; i++) if (fill[i] !== 0) this.markWet(i);
        }
    }
    // In grid order: neighbouring columns share the cache lines of the per-column arrays.
    const order = Int32Array.from(this.dirtyColumns).sort();
    for (const c of order) {
      this.dirty[c] = 0;
      this.redoColumn(c);
    }
    if (this.dirtyColumns.length > 0) this.relief.rebuild(this.layered());
    this.dirtyColumns = [];
  }

  /** The columns' layers as the relief reads them. */
  private layered(): LayeredColumns {
    const { spacingMm } = this.field.grid;
    return { spacingMm, x0: this.x0, x1: this.x1, y0: this.y0, y1: this.y1, layerCount: this.layerCount };
  }

  private newSlot(column: number): number {
    const nz = this.field.grid.nz;
    const slot = this.slotCount++;
    if (slot * nz >= this.slotFill.length) {
      const capacity = Math.max(256, 2 * this.slotLabelLow.length);
      const grow = <T extends Uint8Array | Int16Array>(from: T, to: T): T => {
        to.set(from);
        return to;
      };
      this.slotFill = grow(this.slotFill, new Uint8Array(capacity * nz));
      this.slotLabels = grow(this.slotLabels, new Uint8Array(capacity * nz));
      this.slotLabelLow = grow(this.slotLabelLow, new Int16Array(capacity));
      this.slotLabelHigh = grow(this.slotLabelHigh, new Int16Array(capacity));
    }
    this.slotLabelLow[slot] = 0x7fff;
    this.slotLabelHigh[slot] = -1;
    this.slotOf[column] = slot;
    return slot;
  }

  /** Copies the column's labels into its slot over [low, high] (clipped to the grid, and LABELS_AHEAD more), where not yet copied. */
  private copyLabels(column: number, slot: number, low: number, high: number): void {
    const { nx, ny, nz } = this.field.grid;
    const nxy = nx * ny;
    const had0 = this.slotLabelLow[slot];
    const had1 = this.slotLabelHigh[slot];
    if (Math.max(0, low) >= had0 && Math.min(nz - 1, high) <= had1) return;
    const from = Math.max(0, low - LABELS_AHEAD);
    const to = Math.min(nz - 1, high + LABELS_AHEAD);
    const base = slot * nz;
    // Only the Z not yet copied: below what the slot holds, then above it (all of it the first time).
    const below = had0 > had1 ? to : Math.min(to, had0 - 1);
    for (let z = from; z <= below; z++) this.slotLabels[base + z] = this.labels[column + nxy * z];
    for (let z = Math.max(from, had1 + 1, below + 1); z <= to; z++) this.slotLabels[base + z] = this.labels[column + nxy * z];
    this.slotLabelLow[slot] = Math.min(had0, from);
    this.slotLabelHigh[slot] = Math.max(had1, to);
  }

  private redoColumn(column: number): void {
    const nz = this.field.grid.nz;
    const slot = this.slotOf[column];
    const z0 = this.wetLow[column];
    const z1 = this.wetHigh[column];
    this.copyLabels(column, slot, z0 - LABELS_BELOW, z1 + LABELS_ABOVE);
    const fill = this.slotFill;
    const base = slot * nz;
    const first = column * LAYERS_PER_COLUMN;
    let count = 0;
    let total = 0;
    let deepestWet = -1;
    let z = z0;
    while (z <= z1) {
      if (fill[base + z] === 0) {
        z++;
        continue;
      }
      // A run of wet voxels [start, z).
      const start = z;
      if (deepestWet < 0) deepestWet = z;
      let units = 0;
      let weighted = 0;
      while (z <= z1 && fill[base + z] > 0) {
        units += fill[base + z];
        weighted += fill[base + z] * z;
        z++;
      }
      const length = units / FULL;
      total += length;
      if (count === LAYERS_PER_COLUMN) {
        this.layerLength[first + count - 1] += length;
        continue;
      }
      this.layerZ[first + count] = this.onNerve(column, base, insertionZ(this.slotLabels, base, nz, start, z - 1, weighted / units));
      this.layerLength[first + count] = length;
      count++;
    }
    this.layerCount[column] = count;
    this.columnFloor[column] = count === 0 ? Number.NaN : boneFloorZ(this.labels, this.nx * this.field.grid.ny, column, deepestWet, this.relief);
    this.columnBase[column] = -(1 - SUPERFICIAL_SHARE) * total;
    if (count > 0) this.holdBone(column, first);
    if (count === 0) {
      this.columnLow[column] = Infinity;
      this.columnHigh[column] = -Infinity;
      this.redoQuads(column);
      return;
    }
    this.columnLow[column] = this.layerZ[first] + this.columnBase[column];
    this.columnHigh[column] = this.layerZ[first + count - 1] + this.columnBase[column] + total;
    this.redoQuads(column);
    // Tissue squeezed against bone under the fluid flows aside and comes up as skin lift.
    const skinLift = Number.isNaN(this.columnFloor[column]) ? this.columnBase[column] + total : total;
    this.relief.setColumn(column, this.layerZ[first + count - 1], this.columnBase[column] + total, skinLift);
    this.maxShiftVoxels = Math.max(this.maxShiftVoxels, -this.columnBase[column], total + this.columnBase[column]);
    const x = column % this.nx;
    const y = (column - x) / this.nx;
    if (x < this.x0) this.x0 = x;
    if (x > this.x1) this.x1 = x;
    if (y < this.y0) this.y0 = y;
    if (y > this.y1) this.y1 = y;
  }

  /** Redoes `quadLow` / `quadHigh` of the four quads holding the column. */
  private redoQuads(column: number): void {
    const nx = this.nx;
    const ny = this.field.grid.ny;
    const x = column % nx;
    const y = (column - x) / nx;
    for (let qy = Math.max(0, y - 1); qy <= y; qy++)
      for (let qx = Math.max(0, x - 1); qx <= x; qx++) {
        let low = Infinity;
        let high = -Infinity;
        for (let cy = qy; cy <= Math.min(ny - 1, qy + 1); cy++)
          for (let cx = qx; cx <= Math.min(nx - 1, qx + 1); cx++) {
            const c = cx + nx * cy;
            if (this.layerCount[c] === 0) continue;
            low = Math.min(low, this.columnLow[c]);
            high = Math.max(high, this.columnHigh[c]);
          }
        this.quadLow[qx + nx * qy] = low;
        this.quadHigh[qx + nx * qy] = high;
      }
  }

  /**
   * A layer put against the nerve at a voxel boundary goes on the epineurium's true surface
   * instead (the voxels round it off by up to half a voxel, which would leave a sliver of sheath
   * between the nerve and its halo). Voxel Z; other insertion points pass unchanged.
   */
  private onNerve(column: number, base: number, z: number): number {
    const at = z - Math.floor(z);
    if (this.nerveDistance === null || at !== 0.5) return z;
    const top = this.field.grid.nz - 1;
    const nerveAbove = NERVE_PART[this.slotLabels[base + Math.min(top, Math.max(0, z + 0.5))]] === 1;
    const nerveBelow = NERVE_PART[this.slotLabels[base + Math.min(top, Math.max(0, z - 0.5))]] === 1;
    if (nerveAbove === nerveBelow) return z;
    const cache = nerveAbove ? this.nerveFloor : this.nerveRoof;
    if (!Number.isNaN(cache[column])) return cache[column];
    const surface = epineuriumSurfaceZOf(this.labels, this.nerveDistance, this.field.grid, column, z, nerveAbove);
    if (surface === null) return z;
    cache[column] = surface;
    return cache[column];
  }

  /**
   * The tissue between the deepest layer and the bone takes the deep push by compressing (never
   * by more than 90 % of its thickness), all but the sheath and fat on the layer
   * (`deepRideVoxels`), which move with it; with bone right under the layer there is nothing to
   * compress and nothing pushed down.
   */
  private holdBone(column: number, first: number): void {
    const floor = this.columnFloor[column];
    if (Number.isNaN(floor)) return;
    const gap = this.layerZ[first] - floor;
    if (gap < 0.5) {
      this.columnFloor[column] = Number.NaN;
      this.columnBase[column] = 0;
      return;
    }
    this.columnBase[column] = Math.max(this.columnBase[column], -0.9 * (gap - deepRideVoxels(gap)));
  }
}
