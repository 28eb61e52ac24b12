import type { AttemptSimulation } from '../core/attempt/simulation';
import { probeFrame } from '../core/probe/scanGeometry';
import { needleTip, needleVisibility } from '../core/needle/needle';
import { probeReport, type ProbeReport } from '../core/probe/probeReport';
import { DEFAULT_DEPTH_MM } from '../core/imaging/imageGeometry';
import type { FluidEffects } from '../core/fluid/fluidEffects';
import type { AttemptFacts } from '../core/attempt/facts';
import { scoreItems } from '../core/scoring/score';
import type { ChecklistItem, NeedleReport } from './protocol';

/**
 * What a session shows of its reducer's state: the probe report and the needle as the probe sees
 * it, read from the state alone (the session decides when to make them).
 */

/** The probe report of the state now; the scar's release (from the fluid's effects) moves the dynamic test. */
export function probeReportOf(sim: AttemptSimulation, effects: FluidEffects | null): ProbeReport | null {
  const knee = sim.patient?.knee;
  const released = effects?.displacement.adhesionReleased ?? false;
  return knee && sim.probe ? probeReport(knee, sim.probe, sim.imaging?.depthMm ?? DEFAULT_DEPTH_MM, released) : null;
}

/** The needle as the probe sees it (none without a needle; nothing visible without a probe). */
export function needleVisibilityOf(sim: AttemptSimulation): ReturnType<typeof needleVisibility> | null {
  const { needle, patient, probe } = sim;
  if (!needle || !patient) return null;
  return probe ? needleVisibility(probeFrame(patient.knee, probe), needle) : { inPlane: false, tipVisible: false, angleToBeamDeg: 0 };
}

/** The needle report with the contacts the session has kept since the needle went in. */
export function needleReportOf(sim: AttemptSimulation, contacts: NeedleReport['contacts']): NeedleReport | null {
  const { needle, tissueAtTip } = sim;
  const visibility = needleVisibilityOf(sim);
  if (!needle || !visibility) return null;
  return { tip: needleTip(needle), tissueAtTip: tissueAtTip ?? 'outside', ...visibility, contacts: [...contacts] };
}

/** The rubric's items as the guided checklist shows them, scored as if the attempt ran to `atMs` (a view held counts up to then). */
export function checklistOf(facts: AttemptFacts, atMs: number): ChecklistItem[] {
  return scoreItems({ ...facts, durationMs: Math.max(facts.durationMs, atMs) }).map(({ id, group, points, maxPoints, reason, advice }) => ({ id, group, points, maxPoints, reason, advice }));
}
