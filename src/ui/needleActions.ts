import { useSimStore } from '../state/store';
import { errorSaid } from '../state/said';
import { probeFrame } from '../core/probe/scanGeometry';
import { inPlaneDirection } from '../core/needle/needle';
import { add, scale } from '../core/math/vec3';

/** Entry this far from the probe's centre toward its marked (medial) end: just beyond the footprint's edge. */
export const ENTRY_FROM_CENTRE_MM = 24;
export const INJECTION_STEP_ML = 0.5;

/** In plane, from the probe's medial end toward the lateral side, at `angleDeg` below the probe face. */
export function insertNeedleInPlane(angleDeg: number): void {
  const { anatomy, probe, insertNeedle } = useSimStore.getState();
  if (!anatomy || !probe) return;
  const frame = probeFrame(anatomy, probe.pose);
  const entry = anatomy.projectOntoSkin(add(probe.pose.centre, scale(frame.arrayAxis, -ENTRY_FROM_CENTRE_MM)));
  insertNeedle({ entry, direction: inPlaneDirection(frame, angleDeg) });
}

export function runSafely(action: () => unknown): void {
  try {
    const result = action();
    if (result instanceof Promise) result.catch((e: unknown) => useSimStore.setState({ patientSays: errorSaid(e) }));
  } catch (e) {
    useSimStore.setState({ patientSays: errorSaid(e) });
  }
}

/** Press-and-hold injection: 0.1 ml every 100 ms (1 ml/s), each step only after the last is in. */
const STEADY_STEP_ML = 0.1;
const STEADY_INTERVAL_MS = 100;
export const STEADY_RATE_ML_PER_S = (STEADY_STEP_ML * 1000) / STEADY_INTERVAL_MS;
let steady: ReturnType<typeof setInterval> | null = null;
let stepInFlight = false;

export function startSteadyInjection(): void {
  if (steady) return;
  useSimStore.getState().setInjecting(true);
  steady = setInterval(() => {
    const { inject, syringeMl } = useSimStore.getState();
    if (stepInFlight) return;
    if (syringeMl < STEADY_STEP_ML) return stopSteadyInjection();
    stepInFlight = true;
    inject(STEADY_STEP_ML, { steady: true })
      .catch((e: unknown) => {
        stopSteadyInjection();
        useSimStore.setState({ patientSays: errorSaid(e) });
      })
      .finally(() => {
        stepInFlight = false;
      });
  }, STEADY_INTERVAL_MS);
}

export function stopSteadyInjection(): void {
  if (steady) clearInterval(steady);
  steady = null;
  useSimStore.getState().setInjecting(false);
}
