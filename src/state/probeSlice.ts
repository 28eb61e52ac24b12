import type { StateCreator } from 'zustand';
import { type Vec3, add, scale, dot, sub } from '../core/math/vec3';
import type { KneeAnatomy } from '../core/anatomy/knee';
import { type ProbePose, TILT_LIMIT_DEG, COMPRESSION_LIMIT_MM } from '../core/probe/pose';
import { type ProbeRequest, placeProbe, nearestScannableSkinPoint, normaliseRotationDeg, describePosition } from '../core/probe/placement';
import { probeFrame, ScanGeometry } from '../core/probe/scanGeometry';
import { classifyView, type ViewClass } from '../core/probe/viewClass';
import { nextSkinDrag } from '../core/probe/skinDrag';
import { imageGeometry } from '../core/imaging/imageGeometry';
import { SimError } from '../core/simError';
import { TissueMotion } from '../core/ultrasound/tissueMotion';
import type { Said } from './said';
import { findCase } from '../core/cases/cases';
import { entrapmentSiteAt, SONO_TINEL_COMPRESSION_MM } from '../core/cases/entrapment';
import type { SimState } from './store';

export interface ProbeReport {
  pose: ProbePose;
  view: ViewClass;
  /** The CPN's place in the image (pixels), or null when it is not in the image. */
  nerveInImage: { col: number; row: number } | null;
  /** Where the probe sits relative to the fibular head apex. */
  position: { proximalMm: number; lateralMm: number; text: string };
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

export interface ProbeSlice {
  probe: ProbeReport | null;
  /** Automation and exact placement: refuses bad input with SimError and changes nothing. */
  setProbe: (request: ProbeRequest) => ProbeReport;
  /** Pointer drag: the probe follows the pointer's skin point and cannot leave the skin. */
  moveProbeTo: (point: Vec3) => void;
  /** Keyboard: slide along the array (across) or along the beam's elevation (along), mm. */
  slideProbe: (acrossMm: number, alongMm: number) => void;
  rotateProbe: (deltaDeg: number) => void;
  tiltProbe: (deltaDeg: number) => void;
  setCompression: (mm: number) => void;
  /** One key turns the probe 90° between short and long axis. */
  toggleAxis: () => void;
}

export function reportFor(anatomy: KneeAnatomy, pose: ProbePose, depthMm: number, adhesionReleased = false): ProbeReport {
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
 * Dynamic assessment: pressing the probe over the entrapment reproduces the patient's symptoms
 * (a sono-Tinel sign), said once each time the pressure rises past the threshold there.
 */
function sonoTinel(caseId: string, previous: ProbeReport | null, now: ProbeReport): Said | null {
  const words = findCase(caseId)?.symptomsOnCompression;
  if (!words || now.nerveSMm === null || now.pose.compressionMm < SONO_TINEL_COMPRESSION_MM) return null;
  const site = entrapmentSiteAt(findCase(caseId)?.entrapmentSites ?? [], now.nerveSMm);
  if (!site) return null;
  const before = previous && previous.nerveSMm !== null && previous.pose.compressionMm >= SONO_TINEL_COMPRESSION_MM ? entrapmentSiteAt(findCase(caseId)?.entrapmentSites ?? [], previous.nerveSMm) : null;
  return before === site ? null : words;
}

export const createProbeSlice: StateCreator<SimState, [], [], ProbeSlice> = (set, get) => {
  const requireAnatomy = (): KneeAnatomy => {
    const anatomy = get().anatomy;
    if (!anatomy) throw new SimError('not-ready', 'The knee is still being built; wait for ready().');
    return anatomy;
  };
  const apply = (requested: ProbePose): ProbeReport => {
    const anatomy = requireAnatomy();
    // A pressed probe that slides drags the skin with it: the drag is part of the pose.
    const skinDragMm = nextSkinDrag(get().probe?.pose ?? null, requested, probeFrame(anatomy, requested).arrayAxis);
    const pose = { ...requested, skinDragMm };
    const previous = get().probe;
    const report = reportFor(anatomy, pose, get().imaging.depthMm, get().adhesionReleased);
    set({ probe: report });
    const provoked = sonoTinel(get().caseId, previous, report);
    if (provoked) set({ patientSays: provoked });
    get().refreshNeedleReport();
    get().record({ kind: 'probe-pose', pose });
    return report;
  };
  const adjust = (change: (pose: ProbePose) => Partial<ProbePose>) => {
    const current = get().probe?.pose;
    if (!current || !get().anatomy) return;
    apply({ ...current, ...change(current) });
  };
  return {
    probe: null,
    setProbe: (request) => apply(placeProbe(requireAnatomy(), request)),
    moveProbeTo: (point) => {
      const anatomy = get().anatomy;
      if (!anatomy) return;
      adjust(() => ({ centre: nearestScannableSkinPoint(anatomy, point) }));
    },
    slideProbe: (acrossMm, alongMm) => {
      const anatomy = get().anatomy;
      const pose = get().probe?.pose;
      if (!anatomy || !pose) return;
      const frame = probeFrame(anatomy, pose);
      const target = add(add(pose.centre, scale(frame.arrayAxis, acrossMm)), scale(frame.elevationAxis, alongMm));
      adjust(() => ({ centre: nearestScannableSkinPoint(anatomy, target) }));
    },
    rotateProbe: (deltaDeg) => adjust((p) => ({ rotationDeg: normaliseRotationDeg(p.rotationDeg + deltaDeg) })),
    tiltProbe: (deltaDeg) => adjust((p) => ({ tiltDeg: Math.max(-TILT_LIMIT_DEG, Math.min(TILT_LIMIT_DEG, p.tiltDeg + deltaDeg)) })),
    setCompression: (mm) => adjust(() => ({ compressionMm: Math.max(0, Math.min(COMPRESSION_LIMIT_MM, mm)) })),
    toggleAxis: () =>
      adjust((p) => {
        const fromShort = Math.abs(((p.rotationDeg % 180) + 180) % 180);
        const nearShort = fromShort < 45 || fromShort > 135;
        return { rotationDeg: normaliseRotationDeg(p.rotationDeg + (nearShort ? 90 : -90)) };
      }),
  };
};
