import { findCase } from '../core/cases/cases';
import { probeReport } from '../core/probe/probeReport';
import type { AppliedEvent, SessionNotice, SessionSnapshot } from '../worker/protocol';
import { SYRINGE_ML } from '../worker/session';
import { aspirationWords, intravascularWarning, patientWordsFor, sonoTinelWords } from '../core/needle/contactWords';
import type { Message } from '../core/message';
import type { SimState } from './store';

type Get = () => SimState;
type Set = (partial: Partial<SimState>) => void;

/** What the patient says, or the syringe shows, for something the session noticed. */
export function noticeWords(notice: SessionNotice): Message | null {
  switch (notice.kind) {
    case 'contact':
      return patientWordsFor(notice.contact);
    case 'sono-tinel': {
      const words = findCase(notice.caseId)?.symptomsOnCompression;
      return words ? sonoTinelWords(words) : null;
    }
    case 'intravascular':
      return intravascularWarning(notice.ml);
    case 'aspiration':
      return aspirationWords(notice.blood);
  }
}

const samePose = (a: SimState['probe'], b: SessionSnapshot['probe']) => !!a && !!b && JSON.stringify(a.pose) === JSON.stringify(b.pose);

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
  if (samePose(probe, snapshot.probe)) set({ probe: snapshot.probe });
  else if (released && probe && anatomy) set({ probe: probeReport(anatomy, probe.pose, imaging.depthMm, snapshot.adhesionReleased) });
}

/** An applied event: the snapshot, and the last thing worth saying about it. */
export function mirrorApplied(applied: AppliedEvent, get: Get, set: Set): void {
  mirrorSnapshot(applied.snapshot, get, set);
  if (applied.injection) set({ fluidVersion: get().fluidVersion + 1 });
  const said = applied.notices.map(noticeWords).filter((w): w is Message => !!w).at(-1);
  if (said) set({ patientSays: said });
}
