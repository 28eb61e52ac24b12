import { type Vec3, dot, sub } from '../math/vec3';
import type { KneeAnatomy } from '../anatomy/knee';
import type { ProbePose } from './pose';
import type { Message } from '../message';
import { describePosition } from './placement';
import { probeFrame, ScanGeometry } from './scanGeometry';
import { classifyView, type ViewClass } from './viewClass';
import { imageGeometry } from '../imaging/imageGeometry';
import { TissueMotion } from '../ultrasound/tissueMotion';
import { findCase } from '../cases/cases';
import { entrapmentSiteAt, SONO_TINEL_COMPRESSION_MM } from '../cases/entrapment';

export interface ProbeReport {
  pose: ProbePose;
  view: ViewClass;
  /** The CPN's place in the image (pixels), or null when it is not in the image. */
  nerveInImage: { col: number; row: number } | null;
  /** Where the probe sits relative to the fibular head apex: figures, the words as a message (`said`) and their English (`text`). */
  position: { proximalMm: number; lateralMm: number; text: string; said: Message };
  /** The probe's axes in the limb frame: along the array (toward image right), into the tissue, across the slice. */
  axes: { array: Vec3; beam: Vec3; elevation: Vec3 };
  /** Arc length of the nerve where the image shows it (its section, or the middle of the stretch seen); null when none. */
  nerveSMm: number | null;
  /**
   * The dynamic test as the image shows it: how far (mm, along the array) the nerve and the lateral
   * gastrocnemius have moved with the skin the pressed probe drags. Together = adhesion.
   */
  dynamics: { nerveMovesMm: number; gastrocnemiusMovesMm: number } | null;
}

/**
 * What the probe shows at a pose: the view, the nerve's place, the dynamic test. One pure function
 * for the worker's session and the main thread's pointer-rate preview, so the two never disagree;
 * `adhesionReleased` must be passed wherever the scar may have let go.
 */
export function probeReport(anatomy: KneeAnatomy, pose: ProbePose, depthMm: number, adhesionReleased: boolean): ProbeReport {
  const frame = probeFrame(anatomy, pose);
  const scan = new ScanGeometry(anatomy, frame, imageGeometry(depthMm));
  const view = classifyView(anatomy, scan);
  const nerveSMm = view.crossingSMm ?? (view.nerveSpanSMm ? (view.nerveSpanSMm.minMm + view.nerveSpanSMm.maxMm) / 2 : null);
  const nerveAt = nerveSMm === null ? null : anatomy.nerveAt(nerveSMm);
  const motion = new TissueMotion(anatomy, frame, adhesionReleased);
  const nerveDepthMm = nerveAt ? Math.max(0, dot(sub(nerveAt.centre, pose.centre), frame.beamAxis)) : 0;
  return {
    pose,
    view: view.view,
    nerveInImage: view.nerveInImage,
    position: describePosition(pose.centre),
    axes: { array: frame.arrayAxis, beam: frame.beamAxis, elevation: frame.elevationAxis },
    nerveSMm,
    dynamics: nerveAt ? { nerveMovesMm: motion.nerveShift(nerveDepthMm), gastrocnemiusMovesMm: motion.muscleShift() } : null,
  };
}

/**
 * Dynamic assessment: pressing the probe over the entrapment reproduces the patient's symptoms (a
 * sono-Tinel sign), once each time the pressure rises past the threshold there. True when `now`
 * provokes it and `previous` did not already.
 */
export function provokesSonoTinel(caseId: string, previous: ProbeReport | null, now: ProbeReport): boolean {
  const definition = findCase(caseId);
  if (!definition?.symptomsOnCompression || now.nerveSMm === null || now.pose.compressionMm < SONO_TINEL_COMPRESSION_MM) return false;
  const sites = definition.entrapmentSites ?? [];
  const site = entrapmentSiteAt(sites, now.nerveSMm);
  if (!site) return false;
  const before = previous && previous.nerveSMm !== null && previous.pose.compressionMm >= SONO_TINEL_COMPRESSION_MM ? entrapmentSiteAt(sites, previous.nerveSMm) : null;
  return before !== site;
}
