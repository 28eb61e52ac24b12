import type { KneeAnatomy } from '../anatomy/knee';
import type { ProbeFrame } from '../probe/scanGeometry';
import { add, scale, type Vec3 } from '../math/vec3';
import { inPlaneDirection } from './needle';

/** The planned line starts on the probe face's plane this far from its centre toward the marked (medial) end: just beyond the footprint. */
export const ENTRY_FROM_CENTRE_MM = 24;
/** How far back along the line (above the face) and forward the skin is looked for. */
const SEARCH_BACK_MM = 25;
const SEARCH_FORWARD_MM = 40;
const SEARCH_STEP_MM = 0.25;

/** The planned in-plane angles below the probe face that the planner offers, degrees: one range for its slider and the store. */
export const PLANNED_ANGLE_LIMITS_DEG = { min: 10, max: 60 } as const;

export interface PlannedNeedlePath {
  /** Where the needle meets the skin: on the line, so in the image plane whatever the probe's pose. */
  entry: Vec3;
  /** In the image plane, `angleDeg` below the probe face, toward the lateral end. */
  direction: Vec3;
}

/**
 * The in-plane path "Insert at medial end" takes and the guide on the image draws: one line in
 * the image plane through the face's medial end at the planned angle, entering where it crosses
 * the skin. Entering there (not at the skin point nearest the medial end, which a curved skin
 * puts off the plane) keeps the shaft in the slice from the first millimetre.
 */
export function plannedInPlanePath(knee: KneeAnatomy, frame: ProbeFrame, angleDeg: number): PlannedNeedlePath {
  const direction = inPlaneDirection(frame, angleDeg);
  const origin = add(frame.pose.centre, scale(frame.arrayAxis, -ENTRY_FROM_CENTRE_MM));
  const at = (t: number) => add(origin, scale(direction, t));
  const outside = (t: number) => knee.skin.distance(at(t)) > 0;
  let before = -SEARCH_BACK_MM;
  // Start outside the limb; if even the furthest point back is inside, enter there.
  if (!outside(before)) return { entry: at(before), direction };
  for (let t = before + SEARCH_STEP_MM; t <= SEARCH_FORWARD_MM; t += SEARCH_STEP_MM) {
    if (!outside(t)) {
      let lo = before;
      let hi = t;
      for (let i = 0; i < 20; i++) {
        const mid = (lo + hi) / 2;
        if (outside(mid)) lo = mid;
        else hi = mid;
      }
      return { entry: at(hi), direction };
    }
    before = t;
  }
  return { entry: knee.projectOntoSkin(origin), direction };
}
