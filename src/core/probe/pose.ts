import type { Vec3 } from '../math/vec3';

/** Where the trainee holds the linear probe. Angles in degrees, lengths in mm. */
export interface ProbePose {
  /** The footprint's centre, on the skin. */
  centre: Vec3;
  /** 0 = transverse (array along the limb's X), 90 = along the limb (array along +Y). */
  rotationDeg: number;
  /** Rocking the beam out of the image plane (elevational tilt), ± TILT_LIMIT_DEG. */
  tiltDeg: number;
  /** How far the probe presses into the skin, 0 – COMPRESSION_LIMIT_MM. */
  compressionMm: number;
  /**
   * How far the pressed probe has dragged the skin and fat along the array since it last moved
   * freely (mm, ±; see skinDrag.ts). The dynamic test: what moves with the fat, what stays.
   */
  skinDragMm?: number;
}

/** A 45 mm linear array: within the 38–50 mm of the probes used for this block. */
export const FOOTPRINT_MM = 45;
export const TILT_LIMIT_DEG = 30;
export const COMPRESSION_LIMIT_MM = 8;
/** How deep probe pressure reaches: soft tissue compresses most near the skin. */
export const COMPRESSION_DECAY_MM = 10;
/** How far from the skin a requested centre may lie before it is refused rather than projected. */
export const MAX_DISTANCE_FROM_SKIN_MM = 15;
