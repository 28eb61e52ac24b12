import type { Vec3 } from '../math/vec3';
import { Label } from '../anatomy/tissues';
import { type FluidField, FULL } from './fluidField';

/**
 * The tissue pushed out of the injectate's way. The spread (spread.ts) says how much fluid went
 * where in the resting anatomy; here each run of wet voxels along a column of the grid's Z axis
 * (the limb's posterior axis, about the skin normal over the CPN) becomes a layer of pure fluid
 * *inserted* into the column at one point, and the tissue on either side moves apart to make room:
 * `SUPERFICIAL_SHARE` of the fluid's length lifts what lies superficial to it, the rest pushes what
 * lies deep to it down. Nothing is relabelled away: every column holds all its resting tissue, in
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

/** Share of an inserted layer's thickness that moves the tissue superficial to it (the rest goes deep). */
export const SUPERFICIAL_SHARE = 0.5;

const NERVE_PART = new Uint8Array(32);
NERVE_PART[Label.epineurium] = 1;
NERVE_PART[Label.interfascicularEpineurium] = 1;
NERVE_PART[Label.fascicle] = 1;

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

  constructor(
    private readonly field: FluidField,
    private readonly labels: Uint8Array,
  ) {
    const columns = field.grid.nx * field.grid.ny;
    this.nx = field.grid.nx;
    this.layerCount = new Uint8Array(columns);
    this.layerZ = new Float32Array(columns * LAYERS_PER_COLUMN);
    this.layerLength = new Float32Array(columns * LAYERS_PER_COLUMN);
    this.columnLow = new Float32Array(columns);
    this.columnHigh = new Float32Array(columns);
    this.columnBase = new Float32Array(columns);
  }

  /**
   * Redoes the layers of the given grid columns (x + nx·y; the spread's `takeChangedColumns`),
   * or of every column over `box` (the spread's `filledBox`, voxel indices) when none are given.
   */
  update(box: { min: number[]; max: number[] }, columns?: readonly number[]): void {
    if (box.min[0] > box.max[0]) return;
    const nx = this.nx;
    if (columns) {
      for (const c of columns) this.redoColumn(c, box.min[2], box.max[2]);
    } else {
      for (let y = box.min[1]; y <= box.max[1]; y++) for (let x = box.min[0]; x <= box.max[0]; x++) this.redoColumn(x + nx * y, box.min[2], box.max[2]);
    }
  }

  private redoColumn(column: number, z0: number, z1: number): void {
    const { nx, ny, nz } = this.field.grid;
    const nxy = nx * ny;
    const fill = this.field.fill;
    const first = column * LAYERS_PER_COLUMN;
    let count = 0;
    let total = 0;
    let z = z0;
    while (z <= z1) {
      if (fill[column + nxy * z] === 0) {
        z++;
        continue;
      }
      // A run of wet voxels [start, z).
      const start = z;
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
      this.layerZ[first + count] = insertionZ(this.labels, column, nxy, nz, start, z - 1, weighted / units);
      this.layerLength[first + count] = length;
      count++;
    }
    this.layerCount[column] = count;
    this.columnBase[column] = -(1 - SUPERFICIAL_SHARE) * total;
    if (count === 0) {
      this.columnLow[column] = Infinity;
      this.columnHigh[column] = -Infinity;
      return;
    }
    this.columnLow[column] = this.layerZ[first] + this.columnBase[column];
    this.columnHigh[column] = this.layerZ[first + count - 1] + this.columnBase[column] + total;
    const x = column % nx;
    const y = (column - x) / nx;
    if (x < this.x0) this.x0 = x;
    if (x > this.x1) this.x1 = x;
    if (y < this.y0) this.y0 = y;
    if (y > this.y1) this.y1 = y;
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
  const below = start > 0 ? labels[column + nxy * (start - 1)] : Label.outside;
  const above = end < nz - 1 ? labels[column + nxy * (end + 1)] : Label.outside;
  const inside = NERVE_PART[labels[column + nxy * start]] === 1;
  if (!inside && NERVE_PART[below] === 1) return start - 0.5;
  if (!inside && NERVE_PART[above] === 1) return end + 0.5;
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
