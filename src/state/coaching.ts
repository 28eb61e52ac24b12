import { useSimStore, type SimState } from './store';
import { getWorkerClient } from './workerClient';
import { scoreItems } from '../core/scoring/score';
import type { ScoreItem } from '../core/scoring/result';
import { HIGH_OPENING_PRESSURE_PSI } from '../core/scoring/rubric';
import { message, type Message } from '../core/message';
import { coachWordsFor, isNerveWords } from '../core/needle/contactWords';
import { clockMs } from './attemptSlice';
import { shallow } from 'zustand/shallow';

/** Steeper than this to the probe face, a needle reflects little back: hard to see. */
const STEEP_NEEDLE_DEG = 45;
/** A probe sliding this far while the needle is in has lost the needle's plane. */
const PROBE_DRIFT_MM = 3;
/** Often enough that "held 1 s" ticks within a quarter second of the second passing, with no input. */
const CHECKLIST_REFRESH_MS = 250;
/** Where the tip is on (epineurium) or in a nerve. */
const NERVE_TISSUE = new Set(['epineurium', 'nerve']);

/**
 * Guided practice: a checklist that ticks itself from the rubric's own items (what the trainee
 * actually did, read from the worker's facts), and a coach that speaks up at the typical novice
 * errors as they happen. Assessment mode gets neither.
 */
export function startCoaching(): void {
  const guided = () => useSimStore.getState().session.mode === 'guided' && !useSimStore.getState().replay && !useSimStore.getState().finished;
  const coach = (said: Message) => {
    if (guided()) useSimStore.setState({ coaching: said });
  };

  // A nerve met: the coach speaks at once (from the needle's report, not the next event), and the
  // patient's and the coach's words about it clear once the tip is off the nerve.
  let contactsSeen = 0;
  let nerveCoaching: Message | null = null;
  useSimStore.subscribe(
    (s: SimState) => s.needleReport,
    (report) => {
      const contacts = report?.contacts ?? [];
      if (contacts.length < contactsSeen) contactsSeen = 0; // a new needle
      const nerveWords = contacts.slice(contactsSeen).map(coachWordsFor).filter((w): w is Message => w !== null).at(-1);
      contactsSeen = contacts.length;
      if (nerveWords && guided()) {
        nerveCoaching = nerveWords;
        coach(nerveWords);
        return;
      }
      if (report && NERVE_TISSUE.has(report.tissueAtTip)) return;
      const s = useSimStore.getState();
      const clear: Partial<SimState> = {};
      if (s.patientSays && isNerveWords(s.patientSays)) clear.patientSays = null;
      if (nerveCoaching && s.coaching?.key === nerveCoaching.key) clear.coaching = null;
      nerveCoaching = null;
      if (Object.keys(clear).length > 0) useSimStore.setState(clear);
    },
  );

  useSimStore.subscribe(
    (s: SimState) => s.events.length,
    () => {
      const s = useSimStore.getState();
      const last = s.events.at(-1);
      if (!last || !guided()) return;
      if (last.kind === 'needle-advanced' && last.mm > 0 && s.needleReport && !s.needleReport.tipVisible) {
        coach(message('coach.tipOutOfImage'));
      } else if (last.kind === 'needle-inserted' && s.needleReport && s.needleReport.angleToBeamDeg > STEEP_NEEDLE_DEG) {
        coach(message('coach.steepNeedle', { deg: Math.round(s.needleReport.angleToBeamDeg) }));
      } else if (last.kind === 'injection' && s.lastPressurePsi !== null && s.lastPressurePsi >= HIGH_OPENING_PRESSURE_PSI) {
        coach(message('coach.highPressure', { psi: Math.round(s.lastPressurePsi) }));
      } else if (last.kind === 'injection' && s.needleReport?.tissueAtTip === 'vessel') {
        coach(message('coach.injectIntoVessel'));
      } else if (last.kind === 'injection') {
        // A wrong plane, told by where this injection's fluid went (core's fluidPlane: a bleb under
        // the skin, streaks in a muscle), from the worker's facts.
        const injected = s.events.length;
        void getWorkerClient()
          .facts()
          .then((facts) => {
            const plane = facts?.injections.at(-1)?.fluidPlane;
            if (useSimStore.getState().events.length !== injected) return; // something happened since
            if (plane === 'subcutaneous') coach(message('coach.fluid.subcutaneous'));
            else if (plane === 'intramuscular') coach(message('coach.fluid.intramuscular'));
          })
          .catch(() => undefined);
      }
    },
  );

  // The probe drifting while the needle is in.
  let anchor: { x: number; y: number; z: number } | null = null;
  useSimStore.subscribe(
    (s: SimState) => [s.probe?.pose.centre, s.needle] as const,
    ([centre, needle]) => {
      if (!needle || needle.insertedMm === 0 || !centre) {
        anchor = null;
        return;
      }
      anchor ??= centre;
      if (Math.hypot(centre.x - anchor.x, centre.y - anchor.y, centre.z - anchor.z) > PROBE_DRIFT_MM) {
        // The new anchor first: the coach's own state change calls back here (it recursed forever).
        anchor = centre;
        coach(message('coach.probeDrift'));
      }
    },
    { equalityFn: shallow },
  );

  // The checklist: the rubric's items, refreshed from the worker's facts while practising.
  setInterval(() => {
    if (!guided() || useSimStore.getState().buildStatus !== 'ready') return;
    void getWorkerClient()
      .facts()
      .then((facts) => {
        if (!facts) return;
        // The view held now counts up to now: the facts end at the last event, which may be seconds ago.
        const nowMs = clockMs() - useSimStore.getState().attemptStartedAtMs;
        useSimStore.setState({ checklist: scoreItems({ ...facts, durationMs: Math.max(facts.durationMs, nowMs) }) });
      })
      .catch(() => undefined);
  }, CHECKLIST_REFRESH_MS);
}

export type { ScoreItem };
