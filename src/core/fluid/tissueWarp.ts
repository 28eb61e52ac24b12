import type { Vec3 } from '../math/vec3';
import type { TissueType } from '../anatomy/tissues';
import type { KneeAnatomy } from '../anatomy/knee';
import type { FluidField } from './fluidField';
import { WarpColumns, LAYERS_PER_COLUMN } from './warpColumns';
import { deepRideVoxels } from './boneFloor';

/**
 * The tissue pushed out of the injectate's way. The spread (spread.ts) says how much fluid went
 * where in the resting anatomy; here each run of wet voxels along a column of the grid's Z axis
 * (the limb's posterior axis, about the skin normal over the CPN) becomes a layer of pure fluid
 * *inserted* into the column at one point, and the tissue on either side moves apart to make room:
 * `SUPERFICIAL_SHARE` of the fluid's length lifts what lies superficial to it, the rest pushes what
 * lies deep to it down, as far as the bone under it lets it (the cortex never moves; the soft
 * tissue between is squeezed, and flows aside: warpRelief.ts). Over the fluid the lift eases to
 * a low, broad bulge of the skin (warpRelief.ts). Nothing is relabelled away: every resting tissue
 * is still there, in the same order; what a column's fat gives over the fluid its neighbours' fat
 * takes up, so tissue volume is conserved and the fluid takes space as a bulge.
 *
 * Where the layer goes in a run decides what the fluid separates: beside the nerve it goes
 * against the epineurium (the fluid touches the nerve, the fat the spread pushed aside goes
 * outward), else at a change of tissue in the run (a fascial plane), else at the run's middle
 * (a streak inside one tissue). So fluid under the nerve lifts it off the gastrocnemius, a full
 * halo leaves it floating, fluid above pushes it deeper.
 *
 * Lookups go backward (image point → the resting anatomy that now lies there), per column, in
 * voxel coordinates; the fluid's own edge is the ½ level of a coverage field blended between
 * the four nearest columns, so it is smooth at a fraction of a voxel. The layers are built in
 * warpColumns.ts (only the columns a step wetted); this file reads them.
 */

export { SUPERFICIAL_SHARE } from './warpColumns';

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
 * A spread's warp restored together with its field (a replay's fluid history): the one
 * tissueWarpOf finds for that field, as the constructor registers the original. Without it the
 * copy's figures would come from a warp rebuilt over the whole field (slow, and without the
 * paraneural space the spread's own warp has).
 */
export function adoptTissueWarp(field: FluidField, warp: TissueWarp): void {
  warps.set(field, warp);
}

/**
 * The displacement of a fluid field's tissue: the one its spread keeps up to date, or (a field
 * filled some other way) one built now over the whole field.
 */
export function tissueWarpOf(field: FluidField, volume: { labels: Uint8Array }): TissueWarp {
  let warp = warps.get(field);
  if (!warp) {
    warp = new TissueWarp(field, volume.labels);
    const { nx, ny, nz } = field.grid;
    warp.update({ min: [0, 0, 0], max: [nx - 1, ny - 1, nz - 1] });
  }
  return warp;
}

export class TissueWarp extends WarpColumns {
  constructor(field: FluidField, labels: Uint8Array, nerveDistance: ((x: number, y: number, z: number) => number) | null = null) {
    super(field, labels, nerveDistance);
    warps.set(field, this);
  }

  /** The most the warp has moved any tissue (mm): the reach a lookup of moved anatomy needs. */
  get maxShiftMm(): number {
    return this.maxShiftVoxels * this.field.grid.spacingMm;
  }

  /** The columns the warp moves anything in (voxel indices, inclusive): the fluid's and the relief's beside them. */
  get footprint(): { x0: number; x1: number; y0: number; y1: number } {
    const { x0, x1, y0, y1 } = this.relief;
    return { x0, x1, y0, y1 };
  }

  /** Whether any fluid has moved tissue. */
  get active(): boolean {
    return this.x1 >= this.x0;
  }

  /** The column at (vx, vy) where the warp moves anything (the fluid's columns and the relief beside them), else −1. */
  private columnAt(vx: number, vy: number): number {
    const x = Math.round(vx);
    const y = Math.round(vy);
    if (!this.relief.covers(x, y)) return -1;
    return x + this.nx * y;
  }

  /**
   * The resting voxel Z of the tissue that now lies at voxel coordinates (vx, vy, vz), or NaN
   * where injectate lies there. The image's hot path: outside the fluid's footprint it returns
   * vz at once.
   */
  restVz(vx: number, vy: number, vz: number): number {
    const r = this.relief;
    if (vx < r.x0 - 1 || vx > r.x1 + 1 || vy < r.y0 - 1 || vy > r.y1 + 1) return vz;
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
    if (last > first && vz < this.layerZ[first] + offset) return this.restUnderLayers(c, vz);
    for (let k = first; k < last; k++) {
      const low = this.layerZ[k] + offset;
      if (vz < low) return vz - offset;
      if (vz < low + this.layerLength[k]) return this.layerZ[k];
      offset += this.layerLength[k];
    }
    return this.relief.restAbove(c, vz);
  }

  /** Injectate share (0–1) over a voxel-long span round image point (vx, vy, vz), blended between columns. */
  fluidShare(vx: number, vy: number, vz: number): number {
    const x = Math.floor(vx);
    const y = Math.floor(vy);
    // None of the four columns has a layer within half a voxel of vz: each coverage is 0.
    if (x >= 0 && y >= 0 && x < this.nx && y < this.field.grid.ny) {
      const q = x + this.nx * y;
      if (vz + 0.5 <= this.quadLow[q] || vz - 0.5 >= this.quadHigh[q]) return 0;
    }
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
    const first = c * LAYERS_PER_COLUMN;
    if (this.layerCount[c] > 0 && restVz < this.layerZ[first]) return this.shiftUnderLayers(c, restVz);
    let offset = this.columnBase[c];
    for (let k = first; k < first + this.layerCount[c]; k++) {
      if (this.layerZ[k] > restVz) return offset;
      offset += this.layerLength[k];
    }
    return this.relief.shiftAbove(c, restVz);
  }

  /**
   * The shift of resting tissue deep to every layer of column c: `columnBase` down to the tissue
   * riding on the deepest layer, then ramped to 0 on the bone under it.
   */
  private shiftUnderLayers(c: number, restVz: number): number {
    const floor = this.columnFloor[c];
    const base = this.columnBase[c];
    if (Number.isNaN(floor)) return base;
    if (restVz <= floor) return 0;
    const top = this.layerZ[c * LAYERS_PER_COLUMN];
    const rampTop = top - deepRideVoxels(top - floor);
    if (restVz >= rampTop) return base;
    return (base * (restVz - floor)) / (rampTop - floor);
  }

  /** The inverse of `shiftUnderLayers`: the resting Z of what lies at image Z vz under every layer. */
  private restUnderLayers(c: number, vz: number): number {
    const floor = this.columnFloor[c];
    const base = this.columnBase[c];
    if (Number.isNaN(floor)) return vz - base;
    if (vz <= floor) return vz;
    const top = this.layerZ[c * LAYERS_PER_COLUMN];
    const rampTop = top - deepRideVoxels(top - floor);
    if (vz >= rampTop + base) return vz - base;
    const gap = rampTop - floor;
    return floor + ((vz - floor) * gap) / (gap + base);
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
