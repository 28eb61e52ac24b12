import { useSimStore } from './store';
import type { NeedleReport } from './needleSlice';
import { SimError, errorMessage } from '../core/simError';
import { message } from '../core/message';
import { probeFrame } from '../core/probe/scanGeometry';
import { plannedInPlanePath } from '../core/needle/plannedPath';
import { DEFAULT_INJECTION_RATE_ML_PER_S } from '../core/fluid/injectionPressure';
import { steeperBy } from '../core/needle/needle';

/**
 * The needle's and the syringe's step sizes, once: the registered actions (actions.ts) move by
 * these, and the keys, the panel's buttons, the needle pad, the help list and window.sim.action
 * all run those actions.
 */
/** One press of inject (ml). */
export const INJECTION_STEP_ML = 0.5;
/** One press of advance or withdraw (mm of shaft). */
export const NEEDLE_STEP_MM = 1;
/** One press of steeper or shallower (degrees, in the image plane). */
export const REDIRECT_STEP_DEG = 2;
/** The pad's fine step: a drag step, a wheel notch, an arrow key on the focused pad (mm). */
export const PAD_STEP_MM = 0.5;
/** Page Up / Page Down on the focused pad: a longer step, as a slider's page keys (mm). */
export const PAD_PAGE_STEP_MM = 5;
/** Left / right on the focused pad: a small redirection, as one sideways drag step (degrees). */
export const PAD_REDIRECT_DEG = 1;

/** In plane, from the probe's medial end toward the lateral side, at `angleDeg` below the probe face: the guide's path. */
export function insertNeedleInPlane(angleDeg: number): Promise<NeedleReport> {
  const { anatomy, probe, insertNeedle } = useSimStore.getState();
  if (!anatomy || !probe) return Promise.reject(new SimError('not-ready', message('error.notReady.noProbe')));
  return insertNeedle(plannedInPlanePath(anatomy, probeFrame(anatomy, probe.pose), angleDeg));
}

/** Turns the needle `deltaDeg` steeper (+) or shallower (−) in the image plane; without a needle (or a probe to aim by) it is refused. */
export function redirectInPlane(deltaDeg: number): Promise<NeedleReport> {
  const { anatomy, probe, needle, redirectNeedle } = useSimStore.getState();
  if (!needle) return Promise.reject(new SimError('no-needle', message('error.needle.none')));
  if (!anatomy || !probe) return Promise.reject(new SimError('not-ready', message('error.notReady.noProbe')));
  return redirectNeedle(steeperBy(needle.direction, probeFrame(anatomy, probe.pose).beamAxis, deltaDeg));
}

/** Advances (+) or withdraws (−) the needle `mm`; rejects with the session's refusal. */
export const advanceNeedleBy = (mm: number): Promise<NeedleReport> => useSimStore.getState().advanceNeedle(mm);

/** Runs an input's action; a refusal (thrown or rejected) is what the patient panel shows. */
export function runSafely(action: () => unknown): void {
  try {
    const result = action();
    if (result instanceof Promise) result.catch((e: unknown) => useSimStore.setState({ patientSays: errorMessage(e) }));
  } catch (e) {
    useSimStore.setState({ patientSays: errorMessage(e) });
  }
}

/**
 * Press-and-hold injection at the syringe's rate (1 ml/s unless the trainee changes it): every
 * 100 ms the volume owed since the last step goes in, once the last step is in, so what is
 * delivered is the rate shown times the time held however slow a step is; the step owed at
 * release goes in too. The hold is one injection in the record.
 */
export const STEADY_RATE_ML_PER_S = DEFAULT_INJECTION_RATE_ML_PER_S;
const STEADY_INTERVAL_MS = 100;
/** Smaller steps wait for the next tick (0.01 ml is the syringe's resolution). */
const MIN_STEP_ML = 0.01;

interface Hold {
  timer: ReturnType<typeof setInterval> | null;
  /** Time up to which the owed volume has been sent. */
  accountedAtMs: number;
  releasedAtMs: number | null;
  stepInFlight: boolean;
  steps: number;
  /** The rate chosen when the plunger went down (ml/s): a hold keeps one speed. */
  rateMlPerS: number;
}
let hold: Hold | null = null;

function sendOwedStep(h: Hold): void {
  if (h.stepInFlight) return;
  const { inject, syringeMl } = useSimStore.getState();
  const until = h.releasedAtMs ?? performance.now();
  const owedMl = Math.min(syringeMl, (h.rateMlPerS * (until - h.accountedAtMs)) / 1000);
  const ml = Math.floor(owedMl / MIN_STEP_ML) * MIN_STEP_ML;
  if (ml < MIN_STEP_ML) {
    if (h.releasedAtMs !== null || syringeMl < MIN_STEP_ML) endHold(h);
    return;
  }
  h.accountedAtMs += (ml / h.rateMlPerS) * 1000;
  h.stepInFlight = true;
  inject(ml, { steady: true, continuesHold: h.steps++ > 0, rateMlPerS: h.rateMlPerS })
    .then(() => {
      h.stepInFlight = false;
      if (h.releasedAtMs !== null) sendOwedStep(h);
    })
    .catch((e: unknown) => {
      endHold(h);
      useSimStore.setState({ patientSays: errorMessage(e) });
    });
}

function endHold(h: Hold): void {
  if (h.timer) clearInterval(h.timer);
  h.timer = null;
  if (hold === h) {
    hold = null;
    useSimStore.getState().setInjecting(false);
  }
}

export function startSteadyInjection(): void {
  if (hold) return;
  const h: Hold = { timer: null, accountedAtMs: performance.now(), releasedAtMs: null, stepInFlight: false, steps: 0, rateMlPerS: useSimStore.getState().injectionRateMlPerS };
  hold = h;
  useSimStore.getState().setInjecting(true);
  h.timer = setInterval(() => sendOwedStep(h), STEADY_INTERVAL_MS);
}

export function stopSteadyInjection(): void {
  const h = hold;
  if (!h) return;
  hold = null;
  h.releasedAtMs = performance.now();
  if (h.timer) clearInterval(h.timer);
  h.timer = null;
  useSimStore.getState().setInjecting(false);
  sendOwedStep(h);
}
