import type { KneeAnatomy } from '../anatomy/knee';
import { Label, labelCount } from '../anatomy/tissues';
import type { ProbeFrame } from '../probe/scanGeometry';

/** How deep the probe's drag reaches into the fat (e-folding depth). */
const DRAG_DEPTH_MM = 10;
/** A muscle belly under fascia follows the skin only this much. */
const MUSCLE_FOLLOWS = 0.2;
/** Under full pressure the nerve's depth shrinks by this share ("flattens slightly"). */
const NERVE_FLATTENING_AT_FULL_PRESSURE = 0.18;
const FULL_PRESSURE_MM = 6;

const IS_NERVE = new Uint8Array(labelCount);
for (const l of [Label.paraneuralSheath, Label.epineurium, Label.interfascicularEpineurium, Label.fascicle, Label.adhesion]) IS_NERVE[l] = 1;

/**
 * Where the tissue shown at an image point came from, when the probe presses and drags: fat
 * moves with the skin (less with depth), the lateral gastrocnemius barely, the nerve with the fat
 * — or, when scar binds it, with the gastrocnemius; a pressed nerve is a little flatter.
 * Answers in place into `out` (hot loop) and returns the label found there.
 */
export class TissueMotion {
  /** The skin is dragged: every sample must be traced back. */
  readonly dragging: boolean;
  private readonly drag: number;
  private readonly flattening: number;
  private readonly adhered: boolean;

  constructor(
    private readonly knee: KneeAnatomy,
    private readonly frame: ProbeFrame,
    /** Fluid has opened the scar's plane (hydrodissection): the nerve moves with the fat again. */
    adhesionReleased = false,
  ) {
    this.drag = frame.pose.skinDragMm ?? 0;
    this.flattening = NERVE_FLATTENING_AT_FULL_PRESSURE * Math.min(1, frame.pose.compressionMm / FULL_PRESSURE_MM);
    this.adhered = knee.parameters.adhesionToGastrocnemius && !adhesionReleased;
    this.dragging = this.drag !== 0;
  }

  /**
   * Whether a sample whose fat-shifted reading is `label` needs the full trace (the slow path):
   * the gastrocnemius and the nerve move otherwise than the fat, and a pressed nerve flattens.
   */
  moves(label: number): boolean {
    if (IS_NERVE[label] === 1) return this.dragging || this.flattening > 0;
    return this.dragging && label === Label.gastrocnemiusLateral;
  }

  /** Displacement along the array of fat at this depth, mm. */
  fatShift(depthMm: number): number {
    return this.drag * Math.exp(-depthMm / DRAG_DEPTH_MM);
  }

  muscleShift(): number {
    return this.drag * MUSCLE_FOLLOWS;
  }

  /** How far the nerve at this depth moves along the array with the drag: with the fat, or with the muscle when scarred to it. */
  nerveShift(depthMm: number): number {
    return this.adhered ? this.muscleShift() : this.fatShift(depthMm);
  }

  /**
   * `p` is the image point in the resting anatomy; `labelAt` reads the label volume. Writes the
   * tissue point into `out` and returns its label.
   */
  source(p: { x: number; y: number; z: number }, depthMm: number, labelAt: (x: number, y: number, z: number) => number, out: { x: number; y: number; z: number }): number {
    const a = this.frame.arrayAxis;
    const fat = this.fatShift(depthMm);
    let x = p.x - a.x * fat;
    let y = p.y - a.y * fat;
    let z = p.z - a.z * fat;
    let label = labelAt(x, y, z);
    const nerve = IS_NERVE[label] === 1;
    if (label === Label.gastrocnemiusLateral || (nerve && this.adhered)) {
      const muscle = this.muscleShift();
      const mx = p.x - a.x * muscle;
      const my = p.y - a.y * muscle;
      const mz = p.z - a.z * muscle;
      const moved = labelAt(mx, my, mz);
      if (moved === label || (nerve && IS_NERVE[moved] === 1) || label === Label.gastrocnemiusLateral) {
        x = mx;
        y = my;
        z = mz;
        label = moved;
      }
    }
    if (this.flattening > 0 && IS_NERVE[label] === 1 && label !== Label.adhesion) {
      // Read the nerve's section further out along the beam: it shows thinner from front to back.
      const c = this.knee.cpn.line.closest({ x, y, z }, 4);
      if (c) {
        const b = this.frame.beamAxis;
        const centre = this.knee.cpn.line.pointAt(this.knee.cpn.line.sampleAtS(c.sMm) ?? 0);
        const along = (x - centre.x) * b.x + (y - centre.y) * b.y + (z - centre.z) * b.z;
        const stretch = this.flattening / (1 - this.flattening);
        x += b.x * along * stretch;
        y += b.y * along * stretch;
        z += b.z * along * stretch;
        label = labelAt(x, y, z);
      }
    }
    out.x = x;
    out.y = y;
    out.z = z;
    return label;
  }
}
