import type { StateCreator } from 'zustand';
import { type Vec3, add, scale } from '../core/math/vec3';
import type { KneeAnatomy } from '../core/anatomy/knee';
import { type ProbePose, TILT_LIMIT_DEG, COMPRESSION_LIMIT_MM } from '../core/probe/pose';
import { type ProbeRequest, placeProbe, nearestScannableSkinPoint, normaliseRotationDeg } from '../core/probe/placement';
import { probeFrame } from '../core/probe/scanGeometry';
import { nextSkinDrag } from '../core/probe/skinDrag';
import { SimError } from '../core/simError';
import { message } from '../core/message';
import { probeReport, type ProbeReport } from '../core/probe/probeReport';
import type { SimState } from './store';

export type { ProbeReport };

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

/** The probe report (core's, as the worker's session computes it): the pointer-rate preview. */
export const reportFor = (anatomy: KneeAnatomy, pose: ProbePose, depthMm: number, adhesionReleased: boolean): ProbeReport => probeReport(anatomy, pose, depthMm, adhesionReleased);

export const createProbeSlice: StateCreator<SimState, [], [], ProbeSlice> = (set, get) => {
  const requireAnatomy = (): KneeAnatomy => {
    const anatomy = get().anatomy;
    if (!anatomy) throw new SimError('not-ready', message('error.notReady.building'));
    return anatomy;
  };
  const apply = (requested: ProbePose): ProbeReport => {
    const anatomy = requireAnatomy();
    // A pressed probe that slides drags the skin with it: the drag is part of the pose.
    const skinDragMm = nextSkinDrag(get().probe?.pose ?? null, requested, probeFrame(anatomy, requested).arrayAxis);
    const pose = { ...requested, skinDragMm };
    const report = reportFor(anatomy, pose, get().imaging.depthMm, get().adhesionReleased);
    set({ probe: report });
    // The session answers with the needle as this pose sees it and anything the patient feels.
    get().record({ kind: 'probe-pose', pose }).catch(() => undefined);
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
