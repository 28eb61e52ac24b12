import { useSimStore, type SimState } from './store';
import { getWorkerClient } from './workerClient';
import { scoreItems } from '../core/scoring/score';
import type { ScoreItem } from '../core/scoring/result';
import { HIGH_OPENING_PRESSURE_PSI } from '../core/scoring/rubric';
import type { Said } from './said';
import { coachWordsFor, patientWordsFor } from './contactWords';
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
/** What the patient says on any nerve's contact (English text identifies it). */
const NERVE_PATIENT_WORDS = new Set(
  (['nerve-touched', 'nerve-entered'] as const).flatMap((kind) =>
    (['commonPeronealNerve', 'lateralSuralCutaneousNerve', 'tibialNerve', 'superficialPeronealNerve', 'deepPeronealNerve'] as const).map((structure) => patientWordsFor({ kind, structure })?.en),
  ),
);

/**
 * Guided practice: a checklist that ticks itself from the rubric's own items (what the trainee
 * actually did, read from the worker's facts), and a coach that speaks up at the typical novice
 * errors as they happen. Assessment mode gets neither.
 */
export function startCoaching(): void {
  const guided = () => useSimStore.getState().session.mode === 'guided' && !useSimStore.getState().replay && !useSimStore.getState().finished;
  const coach = (message: Said) => {
    if (guided()) useSimStore.setState({ coaching: message });
  };

  // A nerve met: the coach speaks at once (from the needle's report, not the next event), and the
  // patient's and the coach's words about it clear once the tip is off the nerve.
  let contactsSeen = 0;
  let nerveCoaching: Said | null = null;
  useSimStore.subscribe(
    (s: SimState) => s.needleReport,
    (report) => {
      const contacts = report?.contacts ?? [];
      if (contacts.length < contactsSeen) contactsSeen = 0; // a new needle
      const nerveWords = contacts.slice(contactsSeen).map(coachWordsFor).filter((w): w is Said => w !== null).at(-1);
      contactsSeen = contacts.length;
      if (nerveWords && guided()) {
        nerveCoaching = nerveWords;
        coach(nerveWords);
        return;
      }
      if (report && NERVE_TISSUE.has(report.tissueAtTip)) return;
      const s = useSimStore.getState();
      const clear: Partial<SimState> = {};
      if (s.patientSays && NERVE_PATIENT_WORDS.has(s.patientSays.en)) clear.patientSays = null;
      if (nerveCoaching && s.coaching?.en === nerveCoaching.en) clear.coaching = null;
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
        coach({ en: 'You advanced with the tip out of the image. Stop; tilt or slide the probe until the tip is seen, then advance.', zh: '针尖不在图像内时进针。停下；倾斜或滑动探头直到看见针尖，再进针。' });
      } else if (last.kind === 'needle-inserted' && s.needleReport && s.needleReport.angleToBeamDeg > STEEP_NEEDLE_DEG) {
        const deg = s.needleReport.angleToBeamDeg.toFixed(0);
        coach({ en: `The needle is steep (${deg}° to the probe face): it will be hard to see. Enter further from the probe, flatter.`, zh: `进针过陡（与探头面成 ${deg}°）：针难以显示。在离探头更远处、以更平的角度进针。` });
      } else if (last.kind === 'injection' && s.lastPressurePsi !== null && s.lastPressurePsi >= HIGH_OPENING_PRESSURE_PSI) {
        const psi = s.lastPressurePsi.toFixed(0);
        coach({ en: `Opening pressure ${psi} psi: the tip is against or in the nerve. Stop injecting and withdraw a little.`, zh: `开启压力 ${psi} psi：针尖抵住神经或已在神经内。停止注射并稍退针。` });
      } else if (last.kind === 'injection' && s.needleReport?.tissueAtTip === 'muscle') {
        coach({ en: 'The injectate is going into muscle, not round the nerve. Withdraw and redirect the tip into the plane beside the nerve.', zh: '注射液进入肌肉内，而不是神经周围。退针并将针尖调整到神经旁的间隙。' });
      } else if (last.kind === 'injection' && s.needleReport?.tissueAtTip === 'vessel') {
        coach({ en: 'The tip is in a vessel: the fluid is going into the blood. Stop, withdraw and aspirate before injecting again.', zh: '针尖在血管内：液体进入血液。停止，退针并回抽后再注射。' });
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
        coach({ en: 'The probe is drifting while the needle is in: hold the probe still and move the needle, not the probe.', zh: '进针时探头在移动：固定探头，移动针而不是探头。' });
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
