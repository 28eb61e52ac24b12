import { findCase } from '../core/cases/cases';
import { probeReport } from '../core/probe/probeReport';
import type { AppliedEvent, SessionNotice, SessionSnapshot } from '../worker/protocol';
import { SYRINGE_ML } from '../worker/session';
import { patientWordsFor } from './contactWords';
import type { Said } from './said';
import type { SimState } from './store';

type Get = () => SimState;
type Set = (partial: Partial<SimState>) => void;

/** What the patient says, or the syringe shows, for something the session noticed. */
export function noticeWords(notice: SessionNotice): Said | null {
  switch (notice.kind) {
    case 'contact':
      return patientWordsFor(notice.contact);
    case 'sono-tinel':
      return findCase(notice.caseId)?.symptomsOnCompression ?? null;
    case 'intravascular': {
      const ml = notice.ml.toFixed(1);
      return { en: `INTRAVASCULAR: ${ml} ml went into a vessel and away with the blood. Stop, withdraw and aspirate.`, zh: `血管内注射：${ml} ml 进入血管并随血流带走。停止注射，退针并回抽。` };
    }
    case 'aspiration':
      return notice.blood
        ? { en: 'Blood flashes back into the syringe: the tip is in a vessel. Withdraw and redirect.', zh: '注射器内见回血：针尖位于血管内。退针并调整方向。' }
        : { en: 'Aspiration: no blood.', zh: '回抽：无回血。' };
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
  const said = applied.notices.map(noticeWords).filter((w): w is Said => !!w).at(-1);
  if (said) set({ patientSays: said });
}
