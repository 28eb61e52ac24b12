import type { NerveStructure } from '../anatomy/nerve';
import type { FluidField } from './fluidField';

/**
 * The CPN's paraneural space as the injectate sees it: a potential space between the epineurium
 * and the sheath that a tip inside it inflates into a cuff round the nerve. The voxels only hold a
 * 0.3 mm sheath (about one voxel), far too thin to carry 5 ml, so the space the sheath can be
 * stretched to is a distance band outside the epineurium: fat and muscle lying there are pushed
 * aside by the fluid rather than entered.
 *
 * Distances are computed from the nerve's own geometry on demand and kept per voxel, so a long
 * press-and-hold pays for each voxel once.
 */

/** How far outside the epineurium the sheath can be stretched (the published halo is 1–4 mm). */
export const PARANEURAL_REACH_MM = 3.5;
/** Beyond the reach, the fat pressed against the tight sheath (what fluid leaking out must open). */
export const SHEATH_WALL_MM = 1.5;
/** A tip this close to the epineurium (and outside it) has pierced the sheath. */
export const TIP_IN_SHEATH_MM = 2.2;
/** Cached distances are stored in these steps; 0 means not computed yet, 255 beyond the reach. */
const STEP_MM = 1 / 50;
const BEYOND = 255;
const NOT_COMPUTED = 0;

const caches = new WeakMap<object, Uint8Array>();

/** The distance (mm) a cached code stands for (`ParaneuralSpace.codeAt`). */
export function distanceOfCode(code: number): number {
  return code === BEYOND ? Number.POSITIVE_INFINITY : (code - 1) * STEP_MM;
}

export class ParaneuralSpace {
  private readonly cache: Uint8Array;
  private readonly point = { x: 0, y: 0, z: 0 };
  private readonly section = { halfWidthMm: 0, halfThicknessMm: 0, fascicleScale: 1, swelling: 0 };

  constructor(
    private readonly nerve: NerveStructure,
    private readonly grid: FluidField['grid'],
  ) {
    // One cache per voxel volume (its origin object stands for it: a volume is voxelised from one
    // knee, so its nerve is the same even where the knee object is rebuilt), shared by every
    // spread on it — a replay builds a new spread.
    let cache = caches.get(grid.origin);
    if (!cache) caches.set(grid.origin, (cache = new Uint8Array(grid.nx * grid.ny * grid.nz)));
    this.cache = cache;
  }

  /**
   * Distance (mm) of the voxel's centre outside the nerve's epineurium, Infinity beyond the reach
   * of the sheath and its wall, and 0 inside the nerve.
   */
  distanceOutsideEpineuriumMm(index: number): number {
    return distanceOfCode(this.codeAt(index));
  }

  /** The voxel's distance as cached (a byte; worked out on first touch): `distanceOfCode` reads it. */
  codeAt(index: number): number {
    let code = this.cache[index];
    if (code === NOT_COMPUTED) {
      code = this.compute(index);
      this.cache[index] = code;
    }
    return code;
  }

  /** Distance (mm) of any point outside the epineurium (0 inside the nerve), capped past the reach. */
  distanceAtMm(x: number, y: number, z: number): number {
    this.point.x = x;
    this.point.y = y;
    this.point.z = z;
    const c = this.nerve.line.closest(this.point, this.nerve.maxOuterRadiusMm + PARANEURAL_REACH_MM + SHEATH_WALL_MM + 1);
    if (!c || c.beyondEnd > 0) return Number.POSITIVE_INFINITY;
    const { halfWidthMm: a, halfThicknessMm: b } = this.nerve.sectionAt(c.sMm, this.section);
    // Measured along the ray from the nerve's centre, as the halo is (exact for the ellipse's
    // own radial direction, where the usual (ρ − 1)·min(a, b) bound is short across the wide side).
    const rho = Math.hypot(c.widthOffset / a, c.thicknessOffset / b);
    return rho <= 1 ? 0 : Math.hypot(c.widthOffset, c.thicknessOffset) * (1 - 1 / rho);
  }

  /** The nerve's direction at its point nearest p (unit), or null when p is far from it. */
  tangentNear(p: { x: number; y: number; z: number }): { x: number; y: number; z: number } | null {
    const c = this.nerve.line.closest(p, PARANEURAL_REACH_MM + 6);
    if (!c) return null;
    const sample = this.nerve.line.sampleAtS(c.sMm);
    return sample === null ? null : this.nerve.line.tangent(Math.round(sample));
  }

  private compute(index: number): number {
    const { origin, spacingMm: h, nx, ny } = this.grid;
    const d = this.distanceAtMm(origin.x + (index % nx) * h, origin.y + (Math.floor(index / nx) % ny) * h, origin.z + Math.floor(index / (nx * ny)) * h);
    if (d > PARANEURAL_REACH_MM + SHEATH_WALL_MM) return BEYOND;
    return 1 + Math.min(BEYOND - 2, Math.round(d / STEP_MM));
  }
}
