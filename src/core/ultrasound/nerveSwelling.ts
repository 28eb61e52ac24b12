import type { KneeAnatomy } from '../anatomy/knee';
import type { ScanGeometry } from '../probe/scanGeometry';

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

/**
 * Draws the swollen stretch bigger: inside the swollen radius the image reads the resting nerve
 * (and the injectate in it) scaled down toward the centre line, so the section appears wider by
 * √areaFactor. Only samples in a window round the nerve's place in the image are traced.
 */
export class NerveSwelling {
  /** Per scan line, the sample rows that may show the swollen nerve ([start, end), empty if start ≥ end). */
  readonly rowStart: Int32Array;
  readonly rowEnd: Int32Array;
  private readonly scale: number;

  constructor(
    private readonly knee: KneeAnatomy,
    scan: ScanGeometry,
    private readonly span: NerveSwellingSpan,
  ) {
    const lines = scan.image.cols;
    this.rowStart = new Int32Array(lines).fill(scan.image.rows);
    this.rowEnd = new Int32Array(lines);
    this.scale = 1 / Math.sqrt(span.areaFactor);
    const line = knee.cpn.line;
    for (let s = span.sMinMm - 2; s <= span.sMaxMm + 2; s += 0.5) {
      const f = line.sampleAtS(s);
      if (f === null) continue;
      const at = scan.toImage(line.pointAt(f));
      const reach = knee.cpn.radiusAt(s) * Math.sqrt(span.areaFactor) + 1;
      if (Math.abs(at.outOfPlaneMm) > reach) continue;
      const c0 = Math.max(0, Math.floor(at.col - reach / scan.image.lineSpacingMm));
      const c1 = Math.min(lines - 1, Math.ceil(at.col + reach / scan.image.lineSpacingMm));
      const r0 = Math.max(0, Math.floor(at.row - reach / scan.image.sampleSpacingMm));
      const r1 = Math.min(scan.image.rows, Math.ceil(at.row + reach / scan.image.sampleSpacingMm));
      for (let c = c0; c <= c1; c++) {
        this.rowStart[c] = Math.min(this.rowStart[c], r0);
        this.rowEnd[c] = Math.max(this.rowEnd[c], r1);
      }
    }
  }

  /** Where the tissue shown at p comes from, written into `out`; false when p is outside the swelling. */
  source(p: { x: number; y: number; z: number }, out: { x: number; y: number; z: number }): boolean {
    const line = this.knee.cpn.line;
    const c = line.closest(p, 4);
    if (!c || c.sMm < this.span.sMinMm || c.sMm > this.span.sMaxMm) return false;
    const resting = this.knee.cpn.radiusAt(c.sMm) + 0.35;
    const r = Math.hypot(c.widthOffset, c.thicknessOffset);
    if (r > resting / this.scale) return false;
    const centre = line.pointAt(line.sampleAtS(c.sMm) ?? 0);
    out.x = centre.x + (p.x - centre.x) * this.scale;
    out.y = centre.y + (p.y - centre.y) * this.scale;
    out.z = centre.z + (p.z - centre.z) * this.scale;
    return true;
  }
}
