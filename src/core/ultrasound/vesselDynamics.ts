import type { KneeAnatomy } from '../anatomy/knee';
import { Label } from '../anatomy/tissues';
import { TubeStructure } from '../anatomy/structure';

/** A resting adult's heart rate: the arteries pulse at this rate, deterministically in time. */
export const HEART_RATE_BPM = 68;
/** Diastolic lumen as a share of the systolic (the voxelised) lumen. */
const DIASTOLIC_SHARE = 0.88;
/** Probe pressure at which a vein starts to flatten, and at which it is closed. */
const VEIN_OPENS_BELOW_MM = 1;
const VEIN_CLOSED_AT_MM = 4;
/** An artery needs much more pressure before it narrows. */
const ARTERY_NARROWS_FROM_MM = 6;

/**
 * Vessels that move: arteries widen with each systole; under probe pressure veins flatten and
 * close long before arteries do (the compression test sonographers use to tell them apart).
 */
export class VesselDynamics {
  private readonly tubes = new Map<number, TubeStructure[]>();
  private arterialScale = 1;
  private venousThicknessScale = 1;
  private arterialThicknessScale = 1;

  constructor(knee: KneeAnatomy) {
    for (const s of knee.structures) {
      if (!(s instanceof TubeStructure)) continue;
      if (s.label === Label.poplitealArtery || s.label === Label.genicularArtery || s.label === Label.poplitealVein) {
        this.tubes.set(s.label, [...(this.tubes.get(s.label) ?? []), s]);
      }
    }
  }

  /** Sets the cardiac phase and the probe pressure for the frame about to be formed. */
  update(timeSeconds: number, compressionMm: number): void {
    const phase = (timeSeconds * HEART_RATE_BPM) / 60 % 1;
    const systole = Math.exp(-(((phase - 0.2) / 0.12) ** 2));
    this.arterialScale = DIASTOLIC_SHARE + (1 - DIASTOLIC_SHARE) * systole;
    const collapse = Math.min(1, Math.max(0, (compressionMm - VEIN_OPENS_BELOW_MM) / (VEIN_CLOSED_AT_MM - VEIN_OPENS_BELOW_MM)));
    this.venousThicknessScale = 1 - 0.92 * collapse;
    this.arterialThicknessScale = 1 - Math.max(0, compressionMm - ARTERY_NARROWS_FROM_MM) * 0.15;
  }

  /** Whether a point the volume labels as vessel is in the lumen now (else it is wall). */
  inLumen(label: number, x: number, y: number, z: number): boolean {
    const tubes = this.tubes.get(label);
    if (!tubes) return true;
    const venous = label === Label.poplitealVein;
    const widthScale = venous ? 1 : this.arterialScale;
    const thicknessScale = venous ? this.venousThicknessScale : this.arterialScale * this.arterialThicknessScale;
    for (const tube of tubes) {
      const c = tube.line.closest({ x, y, z }, 8);
      if (!c) continue;
      const { halfWidth, halfThickness } = tube.sectionAt(c.controlParam);
      const u = c.widthOffset / (halfWidth * widthScale);
      const v = c.thicknessOffset / (halfThickness * thicknessScale);
      if (u * u + v * v <= 1) return true;
    }
    return false;
  }
}
