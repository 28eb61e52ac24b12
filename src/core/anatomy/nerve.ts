import type { Vec3 } from '../math/vec3';
import { seededRandom } from '../random';
import { type LabelId, Label } from './tissues';
import type { Box } from './sdf';
import { expandBox } from './sdf';
import type { CentreLine } from './centreLine';
import { type Structure, lineBox } from './structure';
import { hypot2 } from '../math/hypot';

/** A fascicle's place in the nerve's cross-section, in units of the nerve radius. */
export interface Fascicle {
  u: number;
  v: number;
  radius: number;
}

export interface NerveSpec {
  name: string;
  line: CentreLine;
  /** Cross-sectional area (mm²) at arc length s. */
  areaAt: (sMm: number) => number;
  maxAreaMm2: number;
  fascicleCount: number;
  fascicleAreaFraction: number;
  epineuriumThicknessMm: number;
  /** 0 for nerves whose paraneural sheath we do not model. */
  sheathThicknessMm: number;
  seed: number;
  /**
   * Width over thickness of the cross-section at arc length s (1 = round); the area stays
   * `areaAt(s)`. The CPN is oval, flattened against the fibular neck.
   */
  aspectAt?: (sMm: number) => number;
  /** The largest aspectAt gives (default 1): bounds the nerve's reach. */
  maxAspect?: number;
  /** Area of this nerve when healthy: swelling beyond it makes the fascicles swell and merge. */
  normalAreaMm2?: number;
}

/** A nerve's cross-section at one place along it: semi-axes across (width) and along the thickness reference. */
export interface NerveSection {
  halfWidthMm: number;
  halfThicknessMm: number;
  /** Fascicle radii are multiplied by this: 1 normal, up to ~1.35 in a swollen (entrapped) nerve. */
  fascicleScale: number;
  /** Area beyond normal, as a share of normal (0 healthy, 1 at double the area or more). */
  swelling: number;
}

/** At double the normal area, fascicles are this much wider and run into one another. */
const SWOLLEN_FASCICLE_GROWTH = 0.35;

/**
 * A peripheral nerve with its inside: fascicles (dark in ultrasound) in interfascicular
 * epineurium, an outer epineurium, and the paraneural sheath around it. Imaging needs the
 * honeycomb and the fluid needs the epineurium as a barrier, so they are geometry, not texture.
 */
export class NerveStructure implements Structure {
  readonly hasInnerParts = true;
  readonly lipschitz = 1.3;
  readonly label: LabelId = Label.epineurium;
  readonly bounds: Box;
  readonly name: string;
  readonly line: CentreLine;
  readonly fascicles: readonly Fascicle[];
  private readonly spec: NerveSpec;
  private readonly maxOuterRadius: number;

  constructor(spec: NerveSpec) {
    this.spec = spec;
    this.name = spec.name;
    this.line = spec.line;
    this.maxOuterRadius = Math.sqrt((spec.maxAreaMm2 / Math.PI) * (spec.maxAspect ?? 1)) + spec.sheathThicknessMm;
    this.bounds = expandBox(lineBox(spec.line), this.maxOuterRadius);
    const innerFraction = 1 - spec.epineuriumThicknessMm / Math.sqrt(spec.maxAreaMm2 / Math.PI);
    this.fascicles = layOutFascicles(spec.fascicleCount, spec.fascicleAreaFraction, innerFraction, spec.seed);
  }

  /** Radius of the circle of the same area (the section is an ellipse of that area). */
  radiusAt(sMm: number): number {
    return Math.sqrt(this.spec.areaAt(sMm) / Math.PI);
  }

  /** The nerve's elliptical section at s (written into `out`: hot loops reuse one object). */
  sectionAt(sMm: number, out: NerveSection = { halfWidthMm: 0, halfThicknessMm: 0, fascicleScale: 1, swelling: 0 }): NerveSection {
    const area = this.spec.areaAt(sMm);
    const radius = Math.sqrt(area / Math.PI);
    const aspect = this.spec.aspectAt ? this.spec.aspectAt(sMm) : 1;
    const root = Math.sqrt(aspect);
    out.halfWidthMm = radius * root;
    out.halfThicknessMm = radius / root;
    const normal = this.spec.normalAreaMm2;
    const swelling = normal ? Math.min(1, Math.max(0, area / normal - 1)) : 0;
    out.fascicleScale = 1 + SWOLLEN_FASCICLE_GROWTH * swelling;
    out.swelling = swelling;
    return out;
  }

  /** The farthest the nerve's outer surface (sheath included) reaches from its centre line. */
  get maxOuterRadiusMm(): number {
    return this.maxOuterRadius;
  }

  get sheathThicknessMm(): number {
    return this.spec.sheathThicknessMm;
  }

  get epineuriumThicknessMm(): number {
    return this.spec.epineuriumThicknessMm;
  }

  areaAt(sMm: number): number {
    return this.spec.areaAt(sMm);
  }

  private readonly section: NerveSection = { halfWidthMm: 0, halfThicknessMm: 0, fascicleScale: 1, swelling: 0 };
  private sectionS = NaN;

  /** `section` at s, computed again only when s changes: a voxel inside is asked its distance, then its part. */
  private sectionOf(sMm: number): NerveSection {
    if (sMm !== this.sectionS) {
      this.sectionAt(sMm, this.section);
      this.sectionS = sMm;
    }
    return this.section;
  }

  distance(p: Vec3, reachMm = 4): number {
    const search = this.maxOuterRadius + reachMm;
    const c = this.line.closest(p, search);
    if (!c) return search - this.maxOuterRadius;
    const { halfWidthMm, halfThicknessMm } = this.sectionOf(c.sMm);
    const sheath = this.spec.sheathThicknessMm;
    // (ρ − 1) · the shorter semi-axis: never more than the true distance to the ellipse, and
    // changing no faster than the distance does, so block culling while voxelising stays safe.
    const a = halfWidthMm + sheath;
    const b = halfThicknessMm + sheath;
    const radial = (hypot2(c.widthOffset / a, c.thicknessOffset / b) - 1) * Math.min(a, b);
    if (c.beyondEnd <= 0) return Math.max(radial, -c.toNearerEnd);
    return radial > 0 ? hypot2(radial, c.beyondEnd) : c.beyondEnd;
  }

  nearDistance(p: Vec3, reachMm?: number): number {
    return this.distance(p, reachMm);
  }

  classify(p: Vec3): LabelId {
    const c = this.line.closest(p, this.maxOuterRadius + 4);
    if (!c) return Label.outside;
    return this.classifySection(c.sMm, c.widthOffset, c.thicknessOffset);
  }

  /**
   * The part of the nerve at offsets (across, along the thickness reference) from its centre
   * line at s: what the voxels hold and, at the image's own resolution, what the beam meets.
   */
  classifySection(sMm: number, widthOffset: number, thicknessOffset: number, section: NerveSection = this.sectionOf(sMm)): LabelId {
    const { halfWidthMm: a, halfThicknessMm: b, fascicleScale } = section;
    // Normalised elliptical radius: 1 on the nerve's outer surface (inside the sheath).
    const u = widthOffset / a;
    const v = thicknessOffset / b;
    const rho = Math.sqrt(u * u + v * v);
    if (rho > 1) return this.spec.sheathThicknessMm > 0 ? Label.paraneuralSheath : Label.epineurium;
    if (rho > 1 - this.spec.epineuriumThicknessMm / Math.min(a, b)) return Label.epineurium;
    for (const f of this.fascicles) {
      const du = u - f.u;
      const dv = v - f.v;
      const r = f.radius * fascicleScale;
      if (du * du + dv * dv < r * r) return Label.fascicle;
    }
    return Label.interfascicularEpineurium;
  }
}

/**
 * Places fascicles in the unit disc without overlap (dart throwing with a seeded random), sized
 * ±20% around a mean so that together they take `areaFraction` of the nerve's area.
 */
export function layOutFascicles(count: number, areaFraction: number, innerFraction: number, seed: number): Fascicle[] {
  const random = seededRandom(seed * 7919 + count);
  const weights = Array.from({ length: count }, () => 0.8 + 0.4 * random());
  const weightSquares = weights.reduce((sum, w) => sum + w * w, 0);
  let sizeScale = Math.sqrt(areaFraction / weightSquares);
  const gap = 0.035;
  for (let attempt = 0; attempt < 40; attempt++) {
    const placed: Fascicle[] = [];
    const order = weights.map((w, i) => ({ w, i })).sort((a, b) => b.w - a.w);
    for (const { w } of order) {
      const radius = w * sizeScale;
      const reach = innerFraction - radius - gap;
      let done = false;
      for (let dart = 0; dart < 3000 && !done && reach > 0; dart++) {
        const angle = random() * Math.PI * 2;
        const dist = Math.sqrt(random()) * reach;
        const u = Math.cos(angle) * dist;
        const v = Math.sin(angle) * dist;
        if (placed.every((f) => Math.hypot(f.u - u, f.v - v) > f.radius + radius + gap)) {
          placed.push({ u, v, radius });
          done = true;
        }
      }
      if (!done) break;
    }
    if (placed.length === count) return placed;
    sizeScale *= 0.97; // too tight to pack: shrink a little and try again
  }
  throw new Error(`Cannot pack ${count} fascicles taking ${areaFraction} of the nerve`);
}
