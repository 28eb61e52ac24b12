import type { Vec3 } from '../math/vec3';
import { Label, labelCount, tissueOfLabelId, type TissueType } from '../anatomy/tissues';
import type { KneeAnatomy } from '../anatomy/knee';
import { type FluidField, FULL } from './fluidField';

/**
 * The tissue pushed out of the injectate's way. The spread (spread.ts) says how much fluid went
 * where in the resting anatomy; here each run of wet voxels along a column of the grid's Z axis
 * (the limb's posterior axis, about the skin normal over the CPN) becomes a layer of pure fluid
 * *inserted* into the column at one point, and the tissue on either side moves apart to make room:
 * `SUPERFICIAL_SHARE` of the fluid's length lifts what lies superficial to it, the rest pushes what
 * lies deep to it down (less of it, down to none, where bone lies close under the fluid). Nothing is relabelled away: every column holds all its resting tissue, in
 * the same order, at the same thickness (a shear along Z has Jacobian 1), so tissue volume is
 * conserved exactly and the fluid takes space as a bulge.
 *
 * Where the layer goes in a run decides what the fluid separates: beside the nerve it goes
 * against the epineurium (the fluid touches the nerve, the fat the spread pushed aside goes
 * outward), else at a change of tissue in the run (a fascial plane), else at the run's middle
 * (a streak inside one tissue). So fluid under the nerve lifts it off the gastrocnemius, a full
 * halo leaves it floating, fluid above pushes it deeper.
 *
 * Lookups go backward (image point → the resting anatomy that now lies there), per column, in
 * voxel coordinates; the fluid's own edge is the ½ level of a coverage field blended between
 * the four nearest columns, so it is smooth at a fraction of a voxel.
 */

/** Share of an inserted layer's thickness that moves the tissue superficial to it (the rest goes deep), away from bone. */
export const SUPERFICIAL_SHARE = 0.5;

/** Bone this close (voxels) under a column's fluid holds the deep side still. */
const BONE_REACH_VOXELS = 40;
const RIGID = new Uint8Array(labelCount);
for (let l = 0; l < labelCount; l++) if (tissueOfLabelId(l) === 'bone') RIGID[l] = 1;

/** The sheath is about a voxel thick; a run this many sheath voxels off the nerve still lies on it. */
const SHEATH_VOXELS = 2;
const NERVE_PART = new Uint8Array(32);
NERVE_PART[Label.epineurium] = 1;
NERVE_PART[Label.interfascicularEpineurium] = 1;
NERVE_PART[Label.fascicle] = 1;

/**
 * The one lookup of the anatomy after displacement: 'fluid' where the injectate lies at p, else
 * the resting tissue the warp has carried to p.
 */
export function displacedTissueAt(knee: KneeAnatomy, warp: TissueWarp, p: Vec3): TissueType {
  if (!warp.active) return knee.tissueAt(p);
  return warp.fluidFractionAt(p) >= 0.5 ? 'fluid' : knee.tissueAt(warp.restPoint(p));
}

const warps = new WeakMap<FluidField, TissueWarp>();

/**
 * The displacement of a fluid field's tissue: the one its spread keeps up to date, or (a field
 * filled some other way) one built now over the whole field.
 */
/**
 * A spread's warp copied together with its field (a replay checkpoint's copy-on-write): the one
 * tissueWarpOf finds for that field, as the constructor registers the original. Without it the
 * copy's figures would come from a warp rebuilt over the whole field (slow, and without the
 * paraneural space the spread's own warp has).
 */
export function adoptTissueWarp(field: FluidField, warp: TissueWarp): void {
  warps.set(field, warp);
}

export function tissueWarpOf(field: FluidField, volume: { labels: Uint8Array }): TissueWarp {
  let warp = warps.get(field);
  if (!warp) {
    warp = new TissueWarp(field, volume.labels);
    const { nx, ny, nz } = field.grid;
    warp.update({ min: [0, 0, 0], max: [nx - 1, ny - 1, nz - 1] });
  }
  return warp;
}

/** Layers kept per column; a column crossing more wet runs than this merges the last ones. */
const LAYERS_PER_COLUMN = 6;

export class TissueWarp {
  /** The footprint of the columns holding fluid (voxel indices, inclusive); empty if x0 > x1. */
  private x0 = Infinity;
  private x1 = -Infinity;
  private y0 = Infinity;
  private y1 = -Infinity;
  private readonly nx: number;
  /** Per grid column (x + nx·y): its layers, each a resting insertion point (voxel Z) and thickness (voxels). */
  private readonly layerCount: Uint8Array;
  private readonly layerZ: Float32Array;
  private readonly layerLength: Float32Array;
  /** Per column: where its layers lie in the image (voxel Z), for a quick "no fluid here". */
  private readonly columnLow: Float32Array;
  private readonly columnHigh: Float32Array;
  /** Per column: the shift of what lies deep to every layer (voxels, negative: pushed down). */
  private readonly columnBase: Float32Array;
  /** Per column: the resting Z range (voxels) its fluid was ever put in (low > high: none yet). */
  private readonly wetLow: Int16Array;
  private readonly wetHigh: Int16Array;
  /** Columns whose fill changed since the last `update` (each once). */
  private readonly dirty: Uint8Array;
  private dirtyColumns: number[] = [];
  /** The most any column has moved tissue (voxels, either way): how far a lookup may have to reach. */
  private maxShiftVoxels = 0;

  /** Per column: the epineurium's surface (voxel Z) under and over a layer against the nerve; NaN not found yet. */
  private readonly nerveFloor: Float32Array;
  private readonly nerveRoof: Float32Array;

  constructor(
    private readonly field: FluidField,
    private readonly labels: Uint8Array,
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
    this.columnBase = new Float32Array(columns);
    this.wetLow = new Int16Array(columns).fill(0x7fff);
    this.wetHigh = new Int16Array(columns).fill(-1);
    this.dirty = new Uint8Array(columns);
    warps.set(field, this);
  }

  /** The spread put fluid in voxel `index`: its column is redone at the next `update`. */
  markWet(index: number): void {
    const { nx, ny } = this.field.grid;
    const nxy = nx * ny;
    const column = index % nxy;
    const z = (index - column) / nxy;
    if (z < this.wetLow[column]) this.wetLow[column] = z;
    if (z > this.wetHigh[column]) this.wetHigh[column] = z;
    if (this.dirty[column] === 0) {
      this.dirty[column] = 1;
      this.dirtyColumns.push(column);
    }
  }

  /**
   * Redoes the layers of the columns marked wet since the last update, or (no `markWet` used:
   * a field filled some other way) of every column over `box` (voxel indices).
   */
  update(box?: { min: number[]; max: number[] }): void {
    for (const c of this.dirtyColumns) {
      this.dirty[c] = 0;
      this.redoColumn(c, this.wetLow[c], this.wetHigh[c]);
    }
    this.dirtyColumns = [];
    if (!box || box.min[0] > box.max[0]) return;
    const nx = this.nx;
    for (let y = box.min[1]; y <= box.max[1]; y++) for (let x = box.min[0]; x <= box.max[0]; x++) this.redoColumn(x + nx * y, box.min[2], box.max[2]);
  }

  private redoColumn(column: number, z0: number, z1: number): void {
    const { nx, ny, nz } = this.field.grid;
    const nxy = nx * ny;
    const fill = this.field.fill;
    const first = column * LAYERS_PER_COLUMN;
    let count = 0;
    let total = 0;
    let deepestWet = -1;
    let z = z0;
    while (z <= z1) {
      if (fill[column + nxy * z] === 0) {
        z++;
        continue;
      }
      // A run of wet voxels [start, z).
      const start = z;
      if (deepestWet < 0) deepestWet = z;
      let units = 0;
      let weighted = 0;
      while (z <= z1 && fill[column + nxy * z] > 0) {
        units += fill[column + nxy * z];
        weighted += fill[column + nxy * z] * z;
        z++;
      }
      const length = units / FULL;
      total += length;
      if (count === LAYERS_PER_COLUMN) {
        this.layerLength[first + count - 1] += length;
        continue;
      }
      this.layerZ[first + count] = this.onNerve(column, insertionZ(this.labels, column, nxy, nz, start, z - 1, weighted / units));
      this.layerLength[first + count] = length;
      count++;
    }
    this.layerCount[column] = count;
    this.columnBase[column] = count === 0 ? 0 : -(1 - this.superficialShare(column, deepestWet)) * total;
    if (count === 0) {
      this.columnLow[column] = Infinity;
      this.columnHigh[column] = -Infinity;
      return;
    }
    this.columnLow[column] = this.layerZ[first] + this.columnBase[column];
    this.columnHigh[column] = this.layerZ[first + count - 1] + this.columnBase[column] + total;
    this.maxShiftVoxels = Math.max(this.maxShiftVoxels, -this.columnBase[column], total + this.columnBase[column]);
    const x = column % nx;
    const y = (column - x) / nx;
    if (x < this.x0) this.x0 = x;
    if (x > this.x1) this.x1 = x;
    if (y < this.y0) this.y0 = y;
    if (y > this.y1) this.y1 = y;
  }

  /**
   * A layer put against the nerve at a voxel boundary goes on the epineurium's true surface
   * instead (the voxels round it off by up to half a voxel, which would leave a sliver of sheath
   * between the nerve and its halo). Voxel Z; other insertion points pass unchanged.
   */
  private onNerve(column: number, z: number): number {
    const at = z - Math.floor(z);
    if (this.nerveDistance === null || at !== 0.5) return z;
    const l = (dz: number) => this.labels[column + this.field.grid.nx * this.field.grid.ny * Math.min(this.field.grid.nz - 1, Math.max(0, z + dz))];
    const nerveAbove = NERVE_PART[l(0.5)] === 1;
    const nerveBelow = NERVE_PART[l(-0.5)] === 1;
    if (nerveAbove === nerveBelow) return z;
    const cache = nerveAbove ? this.nerveFloor : this.nerveRoof;
    if (!Number.isNaN(cache[column])) return cache[column];
    const { origin, spacingMm: h, nx } = this.field.grid;
    const x = origin.x + (column % nx) * h;
    const y = origin.y + Math.floor(column / nx) * h;
    // Bisect between a point outside the nerve (on the fluid's side) and one inside it.
    let outside = nerveAbove ? z - 1.5 : z + 1.5;
    let inside = nerveAbove ? z + 1.5 : z - 1.5;
    if (this.nerveDistance(x, y, origin.z + outside * h) <= 0 || this.nerveDistance(x, y, origin.z + inside * h) > 0) return z;
    for (let i = 0; i < 10; i++) {
      const mid = (outside + inside) / 2;
      if (this.nerveDistance(x, y, origin.z + mid * h) > 0) outside = mid;
      else inside = mid;
    }
    cache[column] = (outside + inside) / 2;
    return cache[column];
  }

  /**
   * The share of a column's layers that lifts the tissue over them: half, but all of it where bone
   * lies just deep to the fluid (bone does not give way; the soft tissue over it does), blended
   * over `BONE_REACH_VOXELS`, so the cortex stays where it is under a halo on the fibular head.
   */
  private superficialShare(column: number, deepestWetZ: number): number {
    const nxy = this.field.grid.nx * this.field.grid.ny;
    for (let d = 1; d <= BONE_REACH_VOXELS && deepestWetZ - d >= 0; d++) {
      if (RIGID[this.labels[column + nxy * (deepestWetZ - d)]] === 1) return 1 - (1 - SUPERFICIAL_SHARE) * (d / BONE_REACH_VOXELS);
    }
    return SUPERFICIAL_SHARE;
  }

  /** The most the warp has moved any tissue (mm): the reach a lookup of moved anatomy needs. */
  get maxShiftMm(): number {
    return this.maxShiftVoxels * this.field.grid.spacingMm;
  }

  /** Whether any fluid has moved tissue. */
  get active(): boolean {
    return this.x1 >= this.x0;
  }

  private columnAt(vx: number, vy: number): number {
    const x = Math.round(vx);
    const y = Math.round(vy);
    if (x < this.x0 || x > this.x1 || y < this.y0 || y > this.y1) return -1;
    return x + this.nx * y;
  }

  /**
   * The resting voxel Z of the tissue that now lies at voxel coordinates (vx, vy, vz), or NaN
   * where injectate lies there. The image's hot path: outside the fluid's footprint it returns
   * vz at once.
   */
  restVz(vx: number, vy: number, vz: number): number {
    if (vx < this.x0 - 1 || vx > this.x1 + 1 || vy < this.y0 - 1 || vy > this.y1 + 1) return vz;
    if (this.fluidShare(vx, vy, vz) >= 0.5) return Number.NaN;
    const c = this.columnAt(vx, vy);
    if (c < 0) return vz;
    return this.restInColumn(c, vz);
  }

  /** Resting Z in column c of what lies at image Z vz (inside a layer: the layer's insertion point). */
  private restInColumn(c: number, vz: number): number {
    const first = c * LAYERS_PER_COLUMN;
    const last = first + this.layerCount[c];
    let offset = this.columnBase[c];
    for (let k = first; k < last; k++) {
      const low = this.layerZ[k] + offset;
      if (vz < low) return vz - offset;
      if (vz < low + this.layerLength[k]) return this.layerZ[k];
      offset += this.layerLength[k];
    }
    return vz - offset;
  }

  /** Injectate share (0–1) of a voxel-long window round image point (vx, vy, vz), blended between columns. */
  fluidShare(vx: number, vy: number, vz: number): number {
    const x = Math.floor(vx);
    const y = Math.floor(vy);
    const tx = vx - x;
    const ty = vy - y;
    return (
      (1 - ty) * ((1 - tx) * this.coverage(x, y, vz) + tx * this.coverage(x + 1, y, vz)) +
      ty * ((1 - tx) * this.coverage(x, y + 1, vz) + tx * this.coverage(x + 1, y + 1, vz))
    );
  }

  private coverage(x: number, y: number, vz: number): number {
    if (x < this.x0 || x > this.x1 || y < this.y0 || y > this.y1) return 0;
    const c = x + this.nx * y;
    const from = vz - 0.5;
    const to = vz + 0.5;
    if (to <= this.columnLow[c] || from >= this.columnHigh[c]) return 0;
    let offset = this.columnBase[c];
    let covered = 0;
    const first = c * LAYERS_PER_COLUMN;
    for (let k = first; k < first + this.layerCount[c]; k++) {
      const low = this.layerZ[k] + offset;
      const high = low + this.layerLength[k];
      const overlap = Math.min(high, to) - Math.max(low, from);
      if (overlap > 0) covered += overlap;
      offset += this.layerLength[k];
    }
    return covered;
  }

  /** How far (voxels along +Z) the resting tissue at voxel coordinates (vx, vy, restVz) has moved. */
  shiftOfRest(vx: number, vy: number, restVz: number): number {
    const c = this.columnAt(vx, vy);
    if (c < 0) return 0;
    let offset = this.columnBase[c];
    const first = c * LAYERS_PER_COLUMN;
    for (let k = first; k < first + this.layerCount[c]; k++) {
      if (this.layerZ[k] > restVz) break;
      offset += this.layerLength[k];
    }
    return offset;
  }

  // Limb-frame (mm) forms of the same, for the needle, automation and tests.

  /** The resting point whose tissue now lies at p (inside injectate: the layer's insertion point). */
  restPoint(p: Vec3): Vec3 {
    const { origin, spacingMm: h } = this.field.grid;
    const vx = (p.x - origin.x) / h;
    const vy = (p.y - origin.y) / h;
    const vz = (p.z - origin.z) / h;
    const c = this.columnAt(vx, vy);
    if (c < 0) return { x: p.x, y: p.y, z: p.z };
    return { x: p.x, y: p.y, z: origin.z + this.restInColumn(c, vz) * h };
  }

  /**
   * The resting limb Z (mm) of the tissue now at (x, y, z) mm, NaN where injectate lies there:
   * `restVz` for analytic anatomy drawn finer than the voxels (the image's CPN), so it moves
   * exactly as its voxels do.
   */
  restZMm(x: number, y: number, z: number): number {
    const { origin, spacingMm: h } = this.field.grid;
    return origin.z + this.restVz((x - origin.x) / h, (y - origin.y) / h, (z - origin.z) / h) * h;
  }

  /** The injectate fraction (0–1) at p after displacement. */
  fluidFractionAt(p: Vec3): number {
    const { origin, spacingMm: h } = this.field.grid;
    return Math.min(1, this.fluidShare((p.x - origin.x) / h, (p.y - origin.y) / h, (p.z - origin.z) / h));
  }

  /** Where the resting point r is now (mm). */
  displacedPoint(r: Vec3): Vec3 {
    const { origin, spacingMm: h } = this.field.grid;
    const shift = this.shiftOfRest((r.x - origin.x) / h, (r.y - origin.y) / h, (r.z - origin.z) / h);
    return { x: r.x, y: r.y, z: r.z + shift * h };
  }
}

/**
 * Where in the run [start, end] (voxel Z) the fluid's layer goes: against the nerve where the
 * run touches it, else at the change of tissue nearest the run's centre (the plane the fluid
 * opened), else at the centre.
 */
function insertionZ(labels: Uint8Array, column: number, nxy: number, nz: number, start: number, end: number, centre: number): number {
  // The paraneural space lies inside the sheath: a run against the sheath over the nerve goes
  // under the sheath, on the epineurium (the sheath is lifted with the fat beyond it).
  const inside = NERVE_PART[labels[column + nxy * start]] === 1;
  if (!inside) {
    for (let z = start - 1, n = 0; z >= 0 && n <= SHEATH_VOXELS; z--, n++) {
      const l = labels[column + nxy * z];
      if (NERVE_PART[l] === 1) return z + 0.5;
      if (l !== Label.paraneuralSheath) break;
    }
    for (let z = end + 1, n = 0; z < nz && n <= SHEATH_VOXELS; z++, n++) {
      const l = labels[column + nxy * z];
      if (NERVE_PART[l] === 1) return z - 0.5;
      if (l !== Label.paraneuralSheath) break;
    }
  }
  let best = centre;
  let bestDistance = Infinity;
  for (let z = start; z < end; z++) {
    if (labels[column + nxy * z] === labels[column + nxy * (z + 1)]) continue;
    const d = Math.abs(z + 0.5 - centre);
    if (d < bestDistance) {
      bestDistance = d;
      best = z + 0.5;
    }
  }
  return best;
}
