import type { Vec3 } from '../math/vec3';
import { interpolateGrid } from '../geometry/surfaceNets';
import { type Box, boxDistance, ellipticCylinderDistance, expandBox, smoothMin } from './sdf';
import type { Structure } from './structure';
import { limbOutline, SKIN_DRAPE_MM, surroundingsRegion } from './kneeGeometry';

/**
 * The skin's outer surface: the limb's outline smoothly united with the subfascial landmarks
 * (fibular head, biceps tendon, muscle bellies, the nerve) each wrapped in a layer of fat. The
 * fibular head and the tendon are palpable because of this, and the nerve's depth is the fat's
 * thickness over it.
 *
 * The union is costly (one closest-point query per landmark), so the field is sampled once on a
 * 2 mm grid and read back trilinearly; the skin is smooth at that scale, and the voxel volume,
 * the meshes and the probe all read the same field. Round that grid, over the surroundings
 * the image may reach (an edge pose, 60 mm deep), a 3 mm grid is sampled on first use. Both skip
 * landmarks whose bounding box is out of reach (most of the outer grid is the outline alone): the
 * 2 mm grid comes out the same bytes either way for every case and side, in half the time, and
 * it is built twice per start (the page's knee and the worker's).
 */
export class SkinEnvelope {
  private readonly grid: Float32Array;
  /** Per slab of the 2 mm grid (one z level): 1 once sampled. */
  private readonly slabSampled: Uint8Array;
  private readonly origin: Vec3;
  private readonly dims: [number, number, number];
  private static readonly gridStepMm = 2;
  private static readonly outerStepMm = 3;
  /** The 3 mm grid round the 2 mm one, and per slab of it 1 once sampled: made on first use. */
  private outer: { grid: Float32Array; slabSampled: Uint8Array; origin: Vec3; dims: [number, number, number] } | null = null;

  constructor(
    private readonly landmarks: readonly Structure[],
    readonly fatOverLandmarksMm: number,
    region: Box,
  ) {
    const area = expandBox(region, 12);
    const h = SkinEnvelope.gridStepMm;
    this.origin = area.min;
    this.dims = [
      Math.ceil((area.max.x - area.min.x) / h) + 1,
      Math.ceil((area.max.y - area.min.y) / h) + 1,
      Math.ceil((area.max.z - area.min.z) / h) + 1,
    ];
    this.grid = new Float32Array(this.dims[0] * this.dims[1] * this.dims[2]);
    this.slabSampled = new Uint8Array(this.dims[2]);
  }

  /** Samples all of both grids now, for a caller with time to spare. */
  sampleAll(): void {
    for (let k = 0; k < this.dims[2] - 1; k++) this.sampleSlabs(k);
    const outer = this.outerGrid();
    for (let k = 0; k < outer.dims[2] - 1; k++) this.sampleOuterSlabs(k);
  }

  /**
   * Samples the 2 mm grid's slabs k and k + 1 (constant z) if not yet done. The grid is filled on
   * first read: a knee builds its envelope twice (the second with the fat corrected to the asked
   * nerve depth), and the first is read only round the nerve's neck. Each grid value depends on
   * its point alone, so the order of filling changes no byte.
   */
  private sampleSlabs(k: number): void {
    this.sampleSlabsOf(this.grid, this.slabSampled, this.origin, this.dims, SkinEnvelope.gridStepMm, k);
  }

  /** The same for the 3 mm grid: a probe's first placement reads a few of its slabs, not all. */
  private sampleOuterSlabs(k: number): void {
    const outer = this.outerGrid();
    this.sampleSlabsOf(outer.grid, outer.slabSampled, outer.origin, outer.dims, SkinEnvelope.outerStepMm, k);
  }

  private sampleSlabsOf(grid: Float32Array, slabSampled: Uint8Array, origin: Vec3, [nx, ny]: [number, number, number], h: number, k: number): void {
    for (let slab = k; slab <= k + 1; slab++) {
      if (slabSampled[slab] === 1) continue;
      this.sample({ x: origin.x, y: origin.y, z: origin.z + slab * h }, [nx, ny, 1], h, grid, nx * ny * slab);
      slabSampled[slab] = 1;
    }
  }

  /** Samples the union on a grid of nx × ny × nz points from `origin`, into `grid` from `offset`. */
  private sample(origin: Vec3, [nx, ny, nz]: [number, number, number], h: number, grid: Float32Array = new Float32Array(nx * ny * nz), offset = 0): Float32Array {
    const p = { x: 0, y: 0, z: 0 };
    for (let k = 0; k < nz; k++) {
      p.z = origin.z + k * h;
      for (let j = 0; j < ny; j++) {
        p.y = origin.y + j * h;
        for (let i = 0; i < nx; i++) {
          p.x = origin.x + i * h;
          grid[offset + i + nx * (j + ny * k)] = skinDistanceExact(this.landmarks, this.fatOverLandmarksMm, p, true);
        }
      }
    }
    return grid;
  }

  private outerGrid(): { grid: Float32Array; slabSampled: Uint8Array; origin: Vec3; dims: [number, number, number] } {
    if (this.outer === null) {
      const area = expandBox(surroundingsRegion, 12);
      const h = SkinEnvelope.outerStepMm;
      const dims: [number, number, number] = [
        Math.ceil((area.max.x - area.min.x) / h) + 1,
        Math.ceil((area.max.y - area.min.y) / h) + 1,
        Math.ceil((area.max.z - area.min.z) / h) + 1,
      ];
      this.outer = { grid: new Float32Array(dims[0] * dims[1] * dims[2]), slabSampled: new Uint8Array(dims[2]), origin: area.min, dims };
    }
    return this.outer;
  }

  /** The union itself, without the grid: used to build the grid and beyond its edges. */
  exactDistance(p: Vec3): number {
    return skinDistanceExact(this.landmarks, this.fatOverLandmarksMm, p);
  }

  private lastX = NaN;
  private lastY = NaN;
  private lastZ = NaN;
  private lastDistance = 0;

  /** Signed distance to the skin's outer surface, negative inside the limb. */
  distance(p: Vec3): number {
    // Skin and fat both ask about the same point, one after the other.
    if (p.x === this.lastX && p.y === this.lastY && p.z === this.lastZ) return this.lastDistance;
    this.lastX = p.x;
    this.lastY = p.y;
    this.lastZ = p.z;
    this.lastDistance = this.interpolate(p);
    return this.lastDistance;
  }

  private interpolate(p: Vec3): number {
    const h = SkinEnvelope.gridStepMm;
    const [nx, ny, nz] = this.dims;
    const fx = (p.x - this.origin.x) / h;
    const fy = (p.y - this.origin.y) / h;
    const fz = (p.z - this.origin.z) / h;
    if (fx < 0 || fy < 0 || fz < 0 || fx >= nx - 1 || fy >= ny - 1 || fz >= nz - 1) return this.interpolateOuter(p);
    const k = Math.floor(fz);
    if (this.slabSampled[k] === 0 || this.slabSampled[k + 1] === 0) this.sampleSlabs(k);
    return interpolateGrid(this.grid, nx, ny, fx, fy, fz);
  }

  private interpolateOuter(p: Vec3): number {
    const { grid, origin, dims } = this.outerGrid();
    const h = SkinEnvelope.outerStepMm;
    const [nx, ny, nz] = dims;
    const fx = (p.x - origin.x) / h;
    const fy = (p.y - origin.y) / h;
    const fz = (p.z - origin.z) / h;
    if (fx < 0 || fy < 0 || fz < 0 || fx >= nx - 1 || fy >= ny - 1 || fz >= nz - 1) return this.exactDistance(p);
    const k = Math.floor(fz);
    const { slabSampled } = this.outer!;
    if (slabSampled[k] === 0 || slabSampled[k + 1] === 0) this.sampleOuterSlabs(k);
    return interpolateGrid(grid, nx, ny, fx, fy, fz);
  }
}

/** Covers the fillet a smooth union of floors can shave off the reported floor. */
const FAR_SLACK_MM = 2;

/** `cullByBounds`: skip a landmark whose bounding box is out of reach without asking it (the same answer but for rounding). */
export function skinDistanceExact(landmarks: readonly Structure[], fatOverLandmarksMm: number, p: Vec3, cullByBounds = false): number {
  let d = ellipticCylinderDistance(p, limbOutline.centreX, limbOutline.centreZ, limbOutline.radiusX, limbOutline.radiusZ);
  // Beyond `reach` a landmark only reports a floor, not its distance; folded into the smooth
  // union, several floors would bulge the skin out where nothing is. They are far from any skin
  // that matters, so leave them out.
  const reach = Math.max(0, fatOverLandmarksMm) + SKIN_DRAPE_MM + 10;
  for (const s of landmarks) {
    if (cullByBounds && boxDistance(s.bounds, p) > reach) continue;
    const e = s.nearDistance(p, reach);
    if (e >= reach - FAR_SLACK_MM) continue;
    d = smoothMin(d, e - fatOverLandmarksMm, SKIN_DRAPE_MM);
  }
  return d;
}
