import type { Vec3 } from '../math/vec3';
import { seededRandom } from '../random';
import { type LabelId, Label } from './tissues';
import type { Box } from './sdf';
import { expandBox } from './sdf';
import type { CentreLine } from './centreLine';
import { type Structure, lineBox } from './structure';

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
}

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
    this.maxOuterRadius = Math.sqrt(spec.maxAreaMm2 / Math.PI) + spec.sheathThicknessMm;
    this.bounds = expandBox(lineBox(spec.line), this.maxOuterRadius);
    const innerFraction = 1 - spec.epineuriumThicknessMm / Math.sqrt(spec.maxAreaMm2 / Math.PI);
    this.fascicles = layOutFascicles(spec.fascicleCount, spec.fascicleAreaFraction, innerFraction, spec.seed);
  }

  radiusAt(sMm: number): number {
    return Math.sqrt(this.spec.areaAt(sMm) / Math.PI);
  }

  areaAt(sMm: number): number {
    return this.spec.areaAt(sMm);
  }

  distance(p: Vec3, reachMm = 4): number {
    const search = this.maxOuterRadius + reachMm;
    const c = this.line.closest(p, search);
    if (!c) return search - this.maxOuterRadius;
    const outer = this.radiusAt(c.sMm) + this.spec.sheathThicknessMm;
    const radial = Math.hypot(c.widthOffset, c.thicknessOffset) - outer;
    if (c.beyondEnd <= 0) return Math.max(radial, -c.toNearerEnd);
    return radial > 0 ? Math.hypot(radial, c.beyondEnd) : c.beyondEnd;
  }

  nearDistance(p: Vec3, reachMm?: number): number {
    return this.distance(p, reachMm);
  }

  classify(p: Vec3): LabelId {
    const c = this.line.closest(p, this.maxOuterRadius + 4);
    if (!c) return Label.outside;
    const radius = this.radiusAt(c.sMm);
    const r = Math.hypot(c.widthOffset, c.thicknessOffset);
    if (r > radius) return this.spec.sheathThicknessMm > 0 ? Label.paraneuralSheath : Label.epineurium;
    if (r > radius - this.spec.epineuriumThicknessMm) return Label.epineurium;
    const u = c.widthOffset / radius;
    const v = c.thicknessOffset / radius;
    for (const f of this.fascicles) {
      const du = u - f.u;
      const dv = v - f.v;
      if (du * du + dv * dv < f.radius * f.radius) return Label.fascicle;
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
