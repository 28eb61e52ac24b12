import { AttemptSimulation, type PatientProvider } from '../core/attempt/simulation';
import type { AttemptEvent, AttemptMode } from '../core/attempt/events';
import type { AttemptFacts } from '../core/attempt/facts';
import type { ProbeReport } from '../core/probe/probeReport';
import { fluidEffects, type FluidEffects } from '../core/fluid/fluidEffects';
import { FluidSurfaceMesher, type SurfaceJob } from '../core/fluid/fluidMesher';
import { SimError } from '../core/simError';
import { message } from '../core/message';
import { StateCopier } from './checkpoint';
import { FluidHistory } from './fluidHistory';
import { hearEvent, syringeRefusal } from './sessionEvents';
import { checklistOf, needleReportOf, probeReportOf } from './sessionReports';
import { checkpointAtOrBefore, copyExtras, emptyExtras, type Checkpoint, type SessionExtras } from './sessionState';
import type { AppliedEvent, ChecklistItem, FluidState, SessionSnapshot } from './protocol';

export { SYRINGE_ML } from './sessionEvents';

/**
 * A checkpoint of the session every this many events, and after every injection: a seek applies
 * at most this many events and never an injection (the costly part of a replay).
 */
export const CHECKPOINT_EVERY = 50;

/**
 * One attempt's simulation in the worker: the reducer (core's AttemptSimulation), what the UI is
 * shown of it (probe and needle reports, syringe, fluid figures, the patient's words as notices),
 * and checkpoints so that a replay can show any moment of a long log at once. Live play, replay,
 * debrief and review all run this.
 */
export class SimulationSession {
  private sim: AttemptSimulation;
  private extras: SessionExtras = emptyExtras();
  /** Every event fed (applied or refused), in order: the log a seek reads. */
  private readonly fed: AttemptEvent[] = [];
  private readonly checkpoints: Checkpoint[] = [];
  private copier: StateCopier | null = null;
  /** The fluid's effects are behind the field (a throttled hold step since). */
  private effectsStale = false;
  /** Injections shown by the last surface sent: an unchanged fluid is not sent again. */
  private surfaceShownAt = -1;
  /** The 3D view's fluid surface, re-meshed block by block where an injection changed it. */
  private readonly mesher = new FluidSurfaceMesher();
  private factsCache: { fed: number; facts: AttemptFacts | null } | null = null;
  /**
   * The case's fluid, one version per injection: checkpoints name a version instead of holding a
   * copy, and a restore writes back only the voxels the injections between changed.
   */
  private fluidHistory: FluidHistory | null = null;
  /** Poses or settings were applied without their report (a replay): made when next needed. */
  private probeStale = false;

  /**
   * `seekable`: a replay or a review seeks back and forth, so it keeps checkpoints and the fluid's
   * history; the live attempt only goes forward, and each hold step would pay for the history's
   * diff of the fluid (as much as the step itself) for nothing.
   */
  constructor(
    private readonly providePatient: PatientProvider,
    readonly mode: AttemptMode,
    private readonly seekable = true,
  ) {
    this.sim = new AttemptSimulation(providePatient, mode);
  }

  /** The reducer, for the image: its patient, fluid and the effects to draw. */
  get simulation(): AttemptSimulation {
    return this.sim;
  }

  get fluidEffects(): FluidEffects | null {
    return this.extras.effects;
  }

  get eventsFed(): number {
    return this.fed.length;
  }

  /** Feeds one event; `deferFluid`: leave the fluid's effects for refreshFluid (a throttled hold step). */
  apply(event: AttemptEvent, deferFluid = false): AppliedEvent {
    if (this.position !== this.fed.length) throw new SimError('replaying', message('error.session.earlier'));
    const result = this.step(event);
    let fluid: FluidState | null = null;
    if (result.injection) {
      if (deferFluid) this.effectsStale = true;
      else fluid = this.refreshFluid(true);
    }
    return { ...result, snapshot: this.snapshot(fluid) };
  }

  /**
   * Recomputes the fluid's figures and push (and its surface when asked) after injections; the
   * surface is the blocks changed since the last one sent, or every block (`completeSurface`: a
   * seek, which the view may be shown after another session's surface).
   */
  refreshFluid(withSurface: boolean, completeSurface = false): FluidState {
    const sim = this.sim;
    const patient = sim.patient;
    this.effectsStale = false;
    if (!sim.fluid || !patient?.volume || sim.injectionSiteSMm === null) {
      this.extras.effects = null;
      return { measures: null, surface: null, adhesionReleased: false };
    }
    const released = this.extras.effects?.displacement.adhesionReleased ?? false;
    this.extras.effects = fluidEffects(patient.knee, patient.volume, sim.fluid.field, sim.fluid.filledBox, sim.injectionSiteSMm);
    const adhesionReleased = this.extras.effects.displacement.adhesionReleased;
    // Scar let go: the dynamic test now shows the nerve sliding apart from the muscle.
    if (adhesionReleased !== released) this.refreshProbe();
    if (withSurface) this.surfaceShownAt = this.extras.injections;
    return { measures: this.extras.effects.measures, surface: withSurface ? this.mesher.update(sim.fluid, completeSurface) : null, adhesionReleased };
  }

  /** Feeds a log from the start of this (fresh) session, taking checkpoints; returns the facts. */
  applyAll(events: AttemptEvent[]): AttemptFacts | null {
    // The fluid's figures (not part of the facts) are made when a snapshot first shows them.
    for (const e of events) this.step(e, true, false);
    return this.facts();
  }

  /**
   * The state after the first `index` events of the log fed so far (a replay opened with the
   * whole record): from the nearest checkpoint at or before it, applying at most CHECKPOINT_EVERY.
   * Events after `index` stay in the log, so a later seek may go forward again. `deferSurface`:
   * the fluid's figures only, its surface left behind (surfaceBehind) for refreshSurface.
   */
  seek(index: number, deferSurface = false): SessionSnapshot {
    if (!Number.isInteger(index) || index < 0) throw new SimError('invalid-argument', message('error.session.seek', { got: String(index) }));
    const log = this.fed;
    const target = Math.min(index, log.length);
    const at = this.position;
    const injectionsBefore = this.extras.injections;
    // Forward past a checkpoint: from it (never stepping through an injection again), else on from here.
    if (target < at || (this.checkpointAtOrBefore(target)?.fed ?? 0) > at) this.restore(target);
    for (let i = this.position; i < target; i++) this.step(log[i], false);
    const surface = this.surfaceBehind && !deferSurface;
    const fluidChanged = this.extras.injections !== injectionsBefore || this.effectsStale || (this.extras.injections > 0 && this.extras.effects === null) || surface;
    const fluid = fluidChanged ? this.refreshFluid(surface, true) : null;
    // Figures made at a checkpoint's own moment are kept in it: seeking there again does not redo them.
    const here = fluid ? this.checkpointAtOrBefore(this.position) : undefined;
    if (here?.fed === this.position && here.effectsStale) {
      here.extras = { ...here.extras, effects: this.extras.effects };
      here.effectsStale = false;
    }
    return this.snapshot(fluid);
  }

  /**
   * The 3D surface shown is not of this moment's fluid (a seek deferred it: playing or scrubbing
   * through injections meshes the surface at most every so often, refreshSurface when it rests).
   */
  get surfaceBehind(): boolean {
    return this.sim.fluid !== null && this.extras.injections > 0 && this.surfaceShownAt !== this.extras.injections;
  }

  /** The fluid's figures and its whole surface (every block: the view may have missed a deferred one). */
  refreshSurface(): FluidState {
    return this.refreshFluid(true, true);
  }

  /**
   * refreshSurface made a few blocks at a time (host.ts spreads it over turns, so a replay's seeks
   * answer between them): the fluid's figures now, and a job whose update is the whole surface of
   * the fluid as it is now, even if seeks move it meanwhile; null when there is no fluid to mesh.
   * `complete` false: only the blocks changed since the last surface sent (a live hold's refresh).
   */
  surfaceJob(complete = true): { fluid: FluidState; job: SurfaceJob } | null {
    // The seek that left the surface behind made the figures: not again in the job's first turn.
    const effects = this.effectsStale ? null : this.extras.effects;
    const fluid = effects ? { measures: effects.measures, surface: null, adhesionReleased: effects.displacement.adhesionReleased } : this.refreshFluid(false);
    const spread = this.sim.fluid;
    if (!spread || !fluid.measures) return null;
    const shows = this.extras.injections;
    const job = this.mesher.begin(spread, complete);
    const step = (maxBlocks: number) => {
      const update = job.step(maxBlocks);
      if (update) this.surfaceShownAt = shows;
      return update;
    };
    return { fluid, job: { step, get done() { return job.done; }, get stale() { return job.stale; } } };
  }

  /** The events fed so far, for a session rebuilt from them (another mode). */
  log(): AttemptEvent[] {
    return this.fed.slice(0, this.position);
  }

  facts(): AttemptFacts | null {
    const fed = this.position;
    if (this.factsCache?.fed !== fed) this.factsCache = { fed, facts: this.sim.attemptFacts() };
    return this.factsCache.facts;
  }

  /**
   * Guided practice's checklist as the attempt stands, scored as if it ran to `atMs` (attempt
   * time: a view held with no further event counts up to then); null in assessment mode.
   */
  checklistAt(atMs = 0): ChecklistItem[] | null {
    const facts = this.mode === 'guided' ? this.facts() : null;
    return facts && checklistOf(facts, atMs);
  }

  /** The last event applied finished the attempt. */
  get finished(): boolean {
    return this.fed[this.position - 1]?.kind === 'finished';
  }

  /** Events applied to the state shown (less than the log after a seek back). */
  private position = 0;

  /**
   * `log`: a new event (kept for seeks); `live`: the trainee is waiting for what it provokes.
   * A checkpoint is taken once the event and all it changes are applied (its figures included).
   */
  private step(event: AttemptEvent, log = true, live = log): Omit<AppliedEvent, 'snapshot'> {
    const result = this.applyEvent(event, log, live);
    // And after a case is loaded: a seek into a log's first events then starts from it, and the
    // case's fluid history is kept, not begun again (a new one copies the fluid's grids once).
    const due = this.position % CHECKPOINT_EVERY === 0 || event.kind === 'injection' || event.kind === 'case-loaded';
    if (this.seekable && due && this.position > (this.checkpoints.at(-1)?.fed ?? 0)) this.takeCheckpoint();
    return result;
  }

  private applyEvent(event: AttemptEvent, log: boolean, live: boolean): Omit<AppliedEvent, 'snapshot'> {
    const sim = this.sim;
    const overfull = syringeRefusal(sim, event);
    if (overfull) {
      if (log) this.fed.push(event);
      this.position++;
      return { refused: overfull, injection: null, notices: [] };
    }
    const outcome = sim.apply(event);
    // Every injection the reducer saw is a version of the fluid (a refused one may have counted its volume).
    if (event.kind === 'injection' && sim.fluid && this.fluidHistory) this.fluidHistory.commit(sim.fluid);
    if (log) this.fed.push(event);
    this.position++;
    if (outcome.refused !== undefined) {
      return { refused: { code: outcome.refusedCode ?? 'invalid-argument', said: outcome.refused }, injection: null, notices: [] };
    }
    if (event.kind === 'case-loaded') {
      this.extras = emptyExtras();
      this.copier = sim.patient && this.seekable ? new StateCopier([sim.patient]) : null;
      this.fluidHistory = sim.fluid && this.copier ? new FluidHistory(sim.fluid, this.copier) : null;
    }
    // The fluid's figures are behind until refreshFluid (live: at once; a replayed log: at the
    // next checkpoint or snapshot), so no checkpoint keeps figures from before this injection.
    if (event.kind === 'injection') this.effectsStale = true;
    // Replaying a log, only the last probe report is shown: it is made when the snapshot asks.
    const poseApplied = (): ProbeReport | null => {
      if (!live) {
        this.probeStale = true;
        return null;
      }
      this.refreshProbe();
      return this.extras.probe;
    };
    const notices = hearEvent({ sim, extras: this.extras, mode: this.mode, poseApplied }, event, outcome);
    return { refused: null, injection: outcome.injection ?? null, notices };
  }

  /** The probe report, made now if poses were replayed since. */
  private currentProbe(): ProbeReport | null {
    if (this.probeStale) this.refreshProbe();
    return this.extras.probe;
  }

  private refreshProbe(): void {
    this.probeStale = false;
    this.extras.probe = probeReportOf(this.sim, this.extras.effects);
  }

  private snapshot(fluid: FluidState | null): SessionSnapshot {
    const sim = this.sim;
    return {
      applied: this.position,
      mode: this.mode,
      caseId: sim.caseId,
      probe: this.currentProbe(),
      imaging: sim.imaging,
      needle: sim.needle,
      needleReport: needleReportOf(sim, this.extras.contacts),
      injectedMl: sim.injectedMl,
      lastPressurePsi: this.extras.lastPressurePsi,
      manometerPsi: this.extras.manometerPsi,
      adhesionReleased: this.extras.effects?.displacement.adhesionReleased ?? false,
      fluid,
      voices: { coach: this.extras.coach.spoken, patient: this.extras.patient },
      checklist: this.checklistAt(),
    };
  }

  private takeCheckpoint(): void {
    if (!this.copier) return;
    // The fluid is the big part: the checkpoint names its version in the case's history instead.
    const reuse = new Map<object, unknown>();
    const fluid = this.sim.fluid;
    if (fluid) reuse.set(fluid, null);
    const history = fluid ? this.fluidHistory : null;
    this.checkpoints.push({
      fed: this.position,
      sim: this.copier.copy(this.sim, reuse),
      extras: copyExtras(this.extras),
      fluid: history ? { history, version: history.version } : null,
      effectsStale: this.effectsStale,
    });
  }

  private checkpointAtOrBefore(fed: number): Checkpoint | undefined {
    return checkpointAtOrBefore(this.checkpoints, fed);
  }

  private restore(target: number): void {
    const checkpoint = this.checkpointAtOrBefore(target);
    if (checkpoint && this.copier) {
      this.sim = this.copier.copy(checkpoint.sim);
      this.fluidHistory = checkpoint.fluid?.history ?? null;
      this.sim.fluid = checkpoint.fluid ? checkpoint.fluid.history.restore(checkpoint.fluid.version) : null;
      this.extras = copyExtras(checkpoint.extras);
      this.effectsStale = checkpoint.effectsStale;
      this.position = checkpoint.fed;
      this.probeStale = true;
    } else {
      this.sim = new AttemptSimulation(this.providePatient, this.mode);
      this.extras = emptyExtras();
      this.effectsStale = false;
      this.position = 0;
      this.fluidHistory = null;
    }
    this.factsCache = null;
  }
}
