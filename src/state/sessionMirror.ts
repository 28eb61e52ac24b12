import { probeReport } from '../core/probe/probeReport';
import type { AppliedEvent, SessionSnapshot } from '../worker/protocol';
import { SYRINGE_ML } from '../worker/session';
import type { SimState } from './store';
import { samePose } from './sameValue';

type Get = () => SimState;
type Set = (partial: Partial<SimState>) => void;


/**
 * Puts a session's snapshot in the store: the store computes none of it. The probe report the
 * pointer previewed is replaced only when the worker's is for the pose on screen (a newer pose
 * may be on its way).
 */
export function mirrorSnapshot(snapshot: SessionSnapshot, get: Get, set: Set): void {
  const released = snapshot.adhesionReleased !== get().adhesionReleased;
  set({
    needle: snapshot.needle,
    needleReport: snapshot.needleReport,
    syringeMl: SYRINGE_ML - snapshot.injectedMl,
    lastPressurePsi: snapshot.lastPressurePsi,
    manometerPsi: snapshot.manometerPsi,
    adhesionReleased: snapshot.adhesionReleased,
  });
  if (snapshot.fluid) get().showFluid(snapshot.fluid);
  const { probe, anatomy, imaging } = get();
  if (probe && snapshot.probe && samePose(probe.pose, snapshot.probe.pose)) set({ probe: snapshot.probe });
  else if (released && probe && anatomy) set({ probe: probeReport(anatomy, probe.pose, imaging.depthMm, snapshot.adhesionReleased) });
}

/**
 * An applied event: the snapshot, the guided checklist as the session scored it, and each voice
 * (the coach, the patient) whose turn moved since the snapshot mirrored before it (`before`): the
 * session decided what they say; a word the trainee dismissed stays dismissed until the voice
 * speaks again.
 */
export function mirrorApplied(applied: AppliedEvent, get: Get, set: Set, before: SessionSnapshot | null): void {
  mirrorSnapshot(applied.snapshot, get, set);
  if (applied.injection) set({ fluidVersion: get().fluidVersion + 1 });
  const { coach, patient } = applied.snapshot.voices;
  const heard = before?.voices;
  const changed: Partial<SimState> = { checklist: applied.snapshot.checklist };
  if (patient.turn !== (heard?.patient.turn ?? 0)) changed.patientSays = patient.said;
  if (coach.turn !== (heard?.coach.turn ?? 0)) changed.coaching = coach.said;
  set(changed);
}
