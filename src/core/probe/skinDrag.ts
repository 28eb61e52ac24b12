import { type Vec3, dot, sub, distance } from '../math/vec3';
import type { ProbePose } from './pose';

/** Skin grips a pressed probe up to about three quarters of the pressure, then slips. */
const GRIP_PER_MM_OF_PRESSURE = 0.75;
const MAX_DRAG_MM = 3;
/** Pressure below which the probe glides on the gel without dragging the skin. */
const GLIDE_BELOW_MM = 0.5;
/** A move longer than this is a new placement, not a slide. */
const NEW_PLACEMENT_MM = 10;

/**
 * The skin drag after the probe moves from `previous` to `next`: a pressed probe sliding along
 * its array pulls the skin and fat with it, up to what the grip allows; lifted, the tissue
 * springs back.
 */
export function nextSkinDrag(previous: ProbePose | null, next: ProbePose, arrayAxis: Vec3): number {
  if (!previous || next.compressionMm < GLIDE_BELOW_MM) return 0;
  if (distance(previous.centre, next.centre) > NEW_PLACEMENT_MM) return 0;
  const limit = Math.min(MAX_DRAG_MM, next.compressionMm * GRIP_PER_MM_OF_PRESSURE);
  const slid = dot(sub(next.centre, previous.centre), arrayAxis);
  return Math.max(-limit, Math.min(limit, (previous.skinDragMm ?? 0) + slid));
}
