import type { KneeAnatomy } from '../anatomy/knee';
import type { ScanGeometry } from '../probe/scanGeometry';
import { type NerveLift, liftAt } from '../fluid/displacement';
import { markRowsNear } from './nerveImaging';

/** A stretch of the CPN swollen by injectate inside its epineurium (anatomy.md: area +45%, 29–58%). */
export interface NerveSwellingSpan {
  sMinMm: number;
  sMaxMm: number;
  /** Swollen area over resting area. */
  areaFactor: number;
}

export const INTRANEURAL_SWELLING_AREA = 0.45;
/** Intraneural volume at which the swelling is full. */
const FULL_SWELLING_ML = 0.3;

export function swellingFor(intraneuralMl: number, sMinMm: number, sMaxMm: number): NerveSwellingSpan | null {
  if (intraneuralMl <= 0) return null;
  return { sMinMm, sMaxMm, areaFactor: 1 + INTRANEURAL_SWELLING_AREA * Math.min(1, intraneuralMl / FULL_SWELLING_ML) };
}

/** What the injectate has done to the nerve's shape and place. */
export interface NerveDeformationSpec {
  swelling: NerveSwellingSpan | null;
  /** The nerve pushed aside by fluid beside it (fluid/displacement.ts). */
  lift: NerveLift | null;
}

/** What an image point shows once the nerve is deformed. */
export const enum DeformedSource {
  /** Not near the deformed nerve: the tissue at rest. */
  Unchanged = 0,
  /** Inside the deformed nerve: read the resting nerve at `out`. */
  Nerve = 1,
  /** Where the nerve lay before fluid pushed it away: injectate now. */
  Vacated = 2,
}

/** A margin round the nerve read with it, so its epineurium and sheath move with it. */
const SHEATH_MARGIN_MM = 0.35;

/**
 * Draws the nerve where the injectate has put it: swollen (wider by √areaFactor, reading the
 * resting nerve scaled toward its centre line) and moved off the fluid beside it. Only samples
 * in a window round the nerve's place in the image are traced.
 */
export class NerveDeformation {
  /** Per scan line, the sample rows that may show the deformed nerve ([start, end), empty if start ≥ end). */
  readonly rowStart: Int32Array;
  readonly rowEnd: Int32Array;
  private readonly offset = { x: 0, y: 0, z: 0 };
  private readonly maxLiftMm: number;

  constructor(
    private readonly knee: KneeAnatomy,
    scan: ScanGeometry,
    private readonly spec: NerveDeformationSpec,
  ) {
    const lines = scan.image.cols;
    this.rowStart = new Int32Array(lines).fill(scan.image.rows);
    this.rowEnd = new Int32Array(lines);
    let maxLift = 0;
    const lift = spec.lift;
    if (lift) for (let i = 0; i < lift.offsets.length; i += 3) maxLift = Math.max(maxLift, Math.hypot(lift.offsets[i], lift.offsets[i + 1], lift.offsets[i + 2]));
    this.maxLiftMm = maxLift;
    const line = knee.cpn.line;
    const spans: [number, number][] = [];
    if (spec.swelling) spans.push([spec.swelling.sMinMm, spec.swelling.sMaxMm]);
    if (lift) spans.push([lift.firstSMm, lift.firstSMm + (lift.offsets.length / 3 - 1) * lift.stepMm]);
    const mark = (centre: { x: number; y: number; z: number }, reach: number) => markRowsNear(scan, centre, reach, reach, this.rowStart, this.rowEnd);
    for (const [from, to] of spans)
      for (let s = from - 2; s <= to + 2; s += 0.5) {
        const f = line.sampleAtS(s);
        if (f === null) continue;
        const rest = line.pointAt(f);
        const reach = knee.cpn.radiusAt(s) * Math.sqrt(this.areaFactorAt(s)) + 1;
        mark(rest, reach);
        if (lift) {
          liftAt(lift, s, this.offset);
          mark({ x: rest.x + this.offset.x, y: rest.y + this.offset.y, z: rest.z + this.offset.z }, reach);
        }
      }
  }

  private areaFactorAt(sMm: number): number {
    const w = this.spec.swelling;
    return w && sMm >= w.sMinMm && sMm <= w.sMaxMm ? w.areaFactor : 1;
  }

  /** Where the tissue shown at p comes from (written into `out` when the answer is Nerve). */
  source(p: { x: number; y: number; z: number }, out: { x: number; y: number; z: number }): DeformedSource {
    const line = this.knee.cpn.line;
    const c = line.closest(p, 4 + this.maxLiftMm);
    if (!c) return DeformedSource.Unchanged;
    const factor = this.areaFactorAt(c.sMm);
    const offset = this.spec.lift ? liftAt(this.spec.lift, c.sMm, this.offset) : null;
    if (factor === 1 && (!offset || offset.x === 0 && offset.y === 0 && offset.z === 0)) return DeformedSource.Unchanged;
    const resting = this.knee.cpn.radiusAt(c.sMm) + SHEATH_MARGIN_MM;
    const centre = line.pointAt(line.sampleAtS(c.sMm) ?? 0);
    const ox = offset ? offset.x : 0;
    const oy = offset ? offset.y : 0;
    const oz = offset ? offset.z : 0;
    // Relative to the moved centre; the distance across the nerve (the along-nerve part is tiny near the closest point).
    const dx = p.x - centre.x - ox;
    const dy = p.y - centre.y - oy;
    const dz = p.z - centre.z - oz;
    const scale = 1 / Math.sqrt(factor);
    if (Math.hypot(dx, dy, dz) <= resting / scale) {
      out.x = centre.x + dx * scale;
      out.y = centre.y + dy * scale;
      out.z = centre.z + dz * scale;
      return DeformedSource.Nerve;
    }
    if (Math.hypot(c.widthOffset, c.thicknessOffset) <= resting - SHEATH_MARGIN_MM && offset !== null) return DeformedSource.Vacated;
    return DeformedSource.Unchanged;
  }
}
