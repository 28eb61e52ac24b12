import type { AttemptSimulation } from '../core/attempt/simulation';
import type { ProbeReport } from '../core/probe/probeReport';
import type { FluidEffects } from '../core/fluid/fluidEffects';
import { quietCoach, type CoachState } from '../core/coaching/coach';
import { silence, type Spoken } from '../core/coaching/spoken';
import type { FluidHistory } from './fluidHistory';
import type { NeedleReport } from './protocol';

/** What a session keeps beside the reducer: the needle's contacts, the probe report, the fluid's effects. */
export interface SessionExtras {
  contacts: NeedleReport['contacts'];
  probe: ProbeReport | null;
  lastPressurePsi: number | null;
  manometerPsi: number | null;
  effects: FluidEffects | null;
  /** Injections applied: the fluid changed when this did. */
  injections: number;
  /** Guided practice's coach (core/coaching): what it says, decided here for every event applied. */
  coach: CoachState;
  /** The patient's words and the syringe's notices. */
  patient: Spoken;
  /**
   * The probe report of the last pose or setting while the probe pressed hard enough to provoke a
   * sono-Tinel (null: it did not): what the next pose is compared with, kept in checkpoints so a
   * replayed or rebuilt log says the sign on the same turn as the live run.
   */
  pressedProbe: ProbeReport | null;
}

export const emptyExtras = (): SessionExtras => ({ contacts: [], probe: null, lastPressurePsi: null, manometerPsi: null, effects: null, injections: 0, coach: quietCoach(), patient: silence, pressedProbe: null });

/** A copy a later event may change without touching `extras` (the contacts are the one list appended to). */
export const copyExtras = (extras: SessionExtras): SessionExtras => ({ ...extras, contacts: [...extras.contacts] });

export interface Checkpoint {
  fed: number;
  /** The state without its fluid (`fluid` says which version of which case's fluid it had). */
  sim: AttemptSimulation;
  extras: SessionExtras;
  /** The fluid as its history's version (no copy of the voxel-sized grids), null where none is simulated. */
  fluid: { history: FluidHistory; version: number } | null;
  /** Injections since the fluid's figures were last made: made when a snapshot after a restore needs them. */
  effectsStale: boolean;
}

/** The last checkpoint at or before log position `fed`; `checkpoints` are in log order. */
export function checkpointAtOrBefore(checkpoints: readonly Checkpoint[], fed: number): Checkpoint | undefined {
  let lo = 0;
  let hi = checkpoints.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (checkpoints[mid].fed <= fed) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? checkpoints[lo - 1] : undefined;
}
