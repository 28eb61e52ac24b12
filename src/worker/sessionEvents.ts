import type { AttemptSimulation, EventOutcome } from '../core/attempt/simulation';
import type { AttemptEvent, AttemptMode } from '../core/attempt/events';
import { provokesSonoTinel, type ProbeReport } from '../core/probe/probeReport';
import { SONO_TINEL_COMPRESSION_MM } from '../core/cases/entrapment';
import { findCase } from '../core/cases/cases';
import { floorTo, message } from '../core/message';
import { coachAfter } from '../core/coaching/coach';
import { patientAfter } from '../core/coaching/patientSpeech';
import { needleVisibilityOf, probeReportOf } from './sessionReports';
import type { SessionExtras } from './sessionState';
import type { RefusalInfo, SessionNotice } from './protocol';

/** The syringe on the needle: 10 ml. */
export const SYRINGE_ML = 10;

/** More than the syringe still holds is refused before it reaches the reducer (an old log never held one). */
export function syringeRefusal(sim: AttemptSimulation, event: AttemptEvent): RefusalInfo | null {
  if (event.kind !== 'injection' || event.ml <= SYRINGE_ML - sim.injectedMl + 1e-9) return null;
  return { code: 'invalid-argument', said: message('error.injection.syringe', { left: floorTo(SYRINGE_ML - sim.injectedMl, 1), asked: event.ml }) };
}

/** What an applied event is heard against: the state it left and how the session shows the probe. */
export interface HeardIn {
  sim: AttemptSimulation;
  /** The session's extras (after a case loaded: the fresh ones); changed in place. */
  extras: SessionExtras;
  mode: AttemptMode;
  /**
   * A pose or setting applied: the session's probe report now (live: made and shown at once), or
   * null where a replayed log leaves it to be made when the snapshot asks.
   */
  poseApplied: () => ProbeReport | null;
}

/**
 * What an applied (not refused) event provokes beyond the reducer: the notices (contacts, the
 * sono-Tinel, blood, injectate carried off), the needle's contacts, the manometer, and the coach's
 * and the patient's words after it. The same for a live event and a replayed one.
 */
export function hearEvent(heard: HeardIn, event: AttemptEvent, outcome: EventOutcome): SessionNotice[] {
  const { sim, extras } = heard;
  const notices: SessionNotice[] = [];
  switch (event.kind) {
    case 'probe-pose':
    case 'imaging': {
      // Replaying, a report is made only where the probe presses on a case that can answer with a sono-Tinel.
      const pressing = sim.caseId !== null && sim.probe !== null && sim.probe.compressionMm >= SONO_TINEL_COMPRESSION_MM && !!findCase(sim.caseId)?.symptomsOnCompression;
      const report = heard.poseApplied() ?? (pressing ? probeReportOf(sim, extras.effects) : null);
      if (event.kind === 'probe-pose' && sim.caseId && report && provokesSonoTinel(sim.caseId, extras.pressedProbe, report)) notices.push({ kind: 'sono-tinel', caseId: sim.caseId });
      extras.pressedProbe = report && report.pose.compressionMm >= SONO_TINEL_COMPRESSION_MM ? report : null;
      break;
    }
    case 'needle-inserted':
      extras.contacts = [];
      break;
    case 'injection':
      extras.injections++;
      if (outcome.injection) {
        extras.lastPressurePsi = outcome.injection.openingPressurePsi;
        extras.manometerPsi = outcome.injection.injectionPressurePsi;
        if (outcome.injection.intravascularMl > 0) notices.push({ kind: 'intravascular', ml: outcome.injection.intravascularMl });
      }
      break;
    case 'aspiration':
      notices.push({ kind: 'aspiration', blood: sim.tissueAtTip === 'vessel' });
      break;
  }
  const contacts = outcome.needle?.contacts ?? [];
  for (const contact of contacts) {
    extras.contacts.push({ kind: contact.kind, insertedMm: contact.insertedMm, structure: contact.structure });
    notices.push({ kind: 'contact', contact });
  }
  // The coach and the patient speak from this event and the state it left.
  extras.coach = coachAfter(extras.coach, {
    mode: heard.mode,
    event,
    contacts,
    needle: sim.needle,
    tissueAtTip: sim.tissueAtTip,
    probeCentre: sim.probe?.centre ?? null,
    needleView: () => needleVisibilityOf(sim),
    injection: outcome.injection ?? null,
  });
  extras.patient = patientAfter(extras.patient, event, notices, sim.tissueAtTip);
  return notices;
}
