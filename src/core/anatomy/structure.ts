import type { Vec3 } from '../math/vec3';
import type { LabelId } from './tissues';
import { type Box, ellipsoidBox, ellipsoidDistance, ellipsoidDistanceBound, expandBox, smoothMin } from './sdf';
import { CentreLine } from './centreLine';
import { hypot2 } from '../math/hypot';

/**
 * One anatomical structure: a signed distance (negative inside, never more than the true
 * distance) and, for structures with an inside of their own (the nerve), a classifier that says
 * which of its labels a point inside it has.
 */
export interface Structure {
  readonly name: string;
  readonly label: LabelId;
  readonly bounds: Box;
  /**
   * Signed distance, exact near the surface. Far from it (beyond `reachMm` for tubes) only a
   * lower bound is returned, which is all that culling needs; pass a larger reach where far
   * values matter (the skin's smooth union).
   */
  distance(p: Vec3, reachMm?: number): number;
  /**
   * A closer estimate of the distance outside the structure, not always a bound: where the shape
   * of a layer laid over the structure matters (the fat under the skin).
   */
  nearDistance(p: Vec3, reachMm?: number): number;
  /** Only for points with distance(p) < 0. Structures without inner parts return `label`. */
  classify(p: Vec3): LabelId;
  readonly hasInnerParts: boolean;
  /**
   * How steeply `distance` can change per mm. A field that changes no faster than 1 per mm
   * never overstates the distance to its own zero surface; culling divides by this to stay safe
   * where the field is only nearly a distance (tubes with tapering sections, interpolated skin).
   */
  readonly lipschitz: number;
}

export interface TubeSection {
  /** Half-width across the limb and half-thickness (toward the skin), per control point. */
  halfWidth: number;
  halfThickness: number;
}

/** A tube with an elliptic section whose size varies along its centre line: muscles, tendons, vessels. */
export class TubeStructure implements Structure {
  readonly hasInnerParts = false;
  readonly lipschitz = 1.3;
  readonly bounds: Box;
  private readonly maxRadius: number;

  constructor(
    readonly name: string,
    readonly label: LabelId,
    readonly line: CentreLine,
    private readonly sections: readonly TubeSection[],
  ) {
    this.maxRadius = Math.max(...sections.map((s) => Math.max(s.halfWidth, s.halfThickness)));
    this.bounds = expandBox(lineBox(line), this.maxRadius);
  }

  sectionAt(controlParam: number, out: TubeSection = { halfWidth: 0, halfThickness: 0 }): TubeSection {
    const k = Math.min(this.sections.length - 2, Math.max(0, Math.floor(controlParam)));
    const t = Math.min(1, Math.max(0, controlParam - k));
    const a = this.sections[k];
    const b = this.sections[k + 1];
    out.halfWidth = a.halfWidth + (b.halfWidth - a.halfWidth) * t;
    out.halfThickness = a.halfThickness + (b.halfThickness - a.halfThickness) * t;
    return out;
  }

  /** Written by every distance query: the voxeliser asks millions, so they allocate nothing. */
  private readonly section: TubeSection = { halfWidth: 0, halfThickness: 0 };

  distance(p: Vec3, reachMm = 6): number {
    return this.sectionDistance(p, reachMm, ellipseDistanceBound);
  }

  nearDistance(p: Vec3, reachMm = 6): number {
    return this.sectionDistance(p, reachMm, ellipseDistance);
  }

  private sectionDistance(p: Vec3, reachMm: number, ellipse: (u: number, v: number, a: number, b: number) => number): number {
    const search = this.maxRadius + reachMm;
    const c = this.line.closest(p, search);
    if (!c) return search - this.maxRadius;
    const { halfWidth: a, halfThickness: b } = this.sectionAt(c.controlParam, this.section);
    const section = ellipse(c.widthOffset, c.thicknessOffset, a, b);
    if (c.beyondEnd <= 0) return Math.max(section, -c.toNearerEnd);
    return section > 0 ? hypot2(section, c.beyondEnd) : c.beyondEnd;
  }

  classify(): LabelId {
    return this.label;
  }
}

export class EllipsoidStructure implements Structure {
  readonly hasInnerParts = false;
  readonly lipschitz = 1;
  readonly bounds: Box;
  constructor(
    readonly name: string,
    readonly label: LabelId,
    readonly centre: Vec3,
    readonly radii: Vec3,
  ) {
    this.bounds = ellipsoidBox(centre, radii);
  }
  distance(p: Vec3): number {
    return ellipsoidDistanceBound(p, this.centre, this.radii);
  }
  nearDistance(p: Vec3): number {
    return ellipsoidDistance(p, this.centre, this.radii);
  }
  classify(): LabelId {
    return this.label;
  }
}

/** A structure made of others, merged with a fillet (the fibula: head flaring into the neck). */
export class SmoothUnionStructure implements Structure {
  readonly hasInnerParts = false;
  readonly bounds: Box;
  readonly lipschitz: number;
  constructor(
    readonly name: string,
    readonly label: LabelId,
    private readonly parts: readonly Structure[],
    private readonly filletMm: number,
  ) {
    this.lipschitz = Math.max(...parts.map((s) => s.lipschitz));
    this.bounds = parts.map((s) => s.bounds).reduce((a, b) => ({
      min: { x: Math.min(a.min.x, b.min.x), y: Math.min(a.min.y, b.min.y), z: Math.min(a.min.z, b.min.z) },
      max: { x: Math.max(a.max.x, b.max.x), y: Math.max(a.max.y, b.max.y), z: Math.max(a.max.z, b.max.z) },
    }));
  }
  distance(p: Vec3, reachMm?: number): number {
    let d = Infinity;
    for (const part of this.parts) d = smoothMin(d, part.distance(p, reachMm), this.filletMm);
    return d;
  }
  nearDistance(p: Vec3, reachMm?: number): number {
    let d = Infinity;
    for (const part of this.parts) d = smoothMin(d, part.nearDistance(p, reachMm), this.filletMm);
    return d;
  }
  classify(): LabelId {
    return this.label;
  }
}

export function lineBox(line: CentreLine): Box {
  const min = { x: Infinity, y: Infinity, z: Infinity };
  const max = { x: -Infinity, y: -Infinity, z: -Infinity };
  for (let i = 0; i < line.count; i++) {
    const q = line.point(i);
    min.x = Math.min(min.x, q.x);
    min.y = Math.min(min.y, q.y);
    min.z = Math.min(min.z, q.z);
    max.x = Math.max(max.x, q.x);
    max.y = Math.max(max.y, q.y);
    max.z = Math.max(max.z, q.z);
  }
  return { min, max };
}

/** A true lower bound: the gap between an ellipse and its scaled copy is narrowest on the minor axis. */
export function ellipseDistanceBound(u: number, v: number, a: number, b: number): number {
  return (hypot2(u / a, v / b) - 1) * Math.min(a, b);
}

/** Ellipse estimate (Quilez): much closer to the true distance than scaling a circle, not always a bound. */
export function ellipseDistance(u: number, v: number, a: number, b: number): number {
  const k0 = hypot2(u / a, v / b);
  const k1 = hypot2(u / (a * a), v / (b * b));
  if (k1 === 0) return -Math.min(a, b);
  return (k0 * (k0 - 1)) / k1;
}
