import { AttemptSimulation, type PatientProvider } from '../core/attempt/simulation';
import type { AttemptEvent, AttemptMode } from '../core/attempt/events';
import type { AttemptFacts } from '../core/attempt/facts';
import { probeFrame } from '../core/probe/scanGeometry';
import { needleTip, needleVisibility } from '../core/needle/needle';
import { probeReport, provokesSonoTinel, type ProbeReport } from '../core/probe/probeReport';
import { DEFAULT_DEPTH_MM } from '../core/imaging/imageGeometry';
import { SONO_TINEL_COMPRESSION_MM } from '../core/cases/entrapment';
import { findCase } from '../core/cases/cases';
import { fluidEffects, type FluidEffects } from '../core/fluid/fluidEffects';
import { FluidSurfaceMesher } from '../core/fluid/fluidMesher';
import { SimError } from '../core/simError';
import { floorTo, message } from '../core/message';
import { StateCopier } from './checkpoint';
import { FluidHistory } from './fluidHistory';
import { coachAfter, quietCoach, type CoachState } from '../core/coaching/coach';
import { patientAfter } from '../core/coaching/patientSpeech';
import { silence, type Spoken } from '../core/coaching/spoken';
import type { AppliedEvent, FluidState, NeedleReport, SessionNotice, SessionSnapshot } from './protocol';

/** The syringe on the needle: 10 ml. */
export const SYRINGE_ML = 10;

/**
 * A checkpoint of the session every this many events, and after every injection: a seek applies
 * at most this many events and never an injection (the costly part of a replay).
 */
export const CHECKPOINT_EVERY = 50;

/** What a session keeps beside the reducer: the needle's contacts, the probe report, the fluid's effects. */
interface SessionExtras {
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

interface Checkpoint {
  fed: number;
  /** The state without its fluid (`fluid` says which version of which case's fluid it had). */
  sim: AttemptSimulation;
  extras: SessionExtras;
  /** The fluid as its history's version (no copy of the voxel-sized grids), null where none is simulated. */
  fluid: { history: FluidHistory; version: number } | null;
  /** Injections since the fluid's figures were last made: made when a snapshot after a restore needs them. */
  effectsStale: boolean;
}

const emptyExtras = (): SessionExtras => ({ contacts: [], probe: null, lastPressurePsi: null, manometerPsi: null, effects: null, injections: 0, coach: quietCoach(), patient: silence, pressedProbe: null });

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

  constructor(
    private readonly providePatient: PatientProvider,
    readonly mode: AttemptMode,
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

  /** The events fed so far, for a session rebuilt from them (another mode). */
  log(): AttemptEvent[] {
    return this.fed.slice(0, this.position);
  }

  facts(): AttemptFacts | null {
    const fed = this.position;
    if (this.factsCache?.fed !== fed) this.factsCache = { fed, facts: this.sim.attemptFacts() };
    return this.factsCache.facts;
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
    if (due && this.position > (this.checkpoints.at(-1)?.fed ?? 0)) this.takeCheckpoint();
    return result;
  }

  private applyEvent(event: AttemptEvent, log: boolean, live: boolean): Omit<AppliedEvent, 'snapshot'> {
    const sim = this.sim;
    const extras = this.extras;
    // More than the syringe still holds is refused before it reaches the reducer (an old log never held one).
    if (event.kind === 'injection' && event.ml > SYRINGE_ML - sim.injectedMl + 1e-9) {
      if (log) this.fed.push(event);
      this.position++;
      const said = message('error.injection.syringe', { left: floorTo(SYRINGE_ML - sim.injectedMl, 1), asked: event.ml });
      return { refused: { code: 'invalid-argument', said }, injection: null, notices: [] };
    }
    const outcome = sim.apply(event);
    // Every injection the reducer saw is a version of the fluid (a refused one may have counted its volume).
    if (event.kind === 'injection' && sim.fluid && this.fluidHistory) this.fluidHistory.commit(sim.fluid);
    if (log) this.fed.push(event);
    this.position++;
    const notices: SessionNotice[] = [];
    if (outcome.refused !== undefined) {
      return { refused: { code: outcome.refusedCode ?? 'invalid-argument', said: outcome.refused }, injection: null, notices };
    }
    switch (event.kind) {
      case 'case-loaded':
        this.extras = emptyExtras();
        this.copier = sim.patient ? new StateCopier([sim.patient]) : null;
        this.fluidHistory = sim.fluid && this.copier ? new FluidHistory(sim.fluid, this.copier) : null;
        break;
      case 'probe-pose':
      case 'imaging': {
        // Replaying a log, only the last report is shown (made when the snapshot asks), and one
        // where the probe presses on a case that can answer with a sono-Tinel.
        let report: ProbeReport | null = null;
        if (live) {
          this.refreshProbe();
          report = extras.probe;
        } else {
          this.probeStale = true;
          if (sim.caseId && sim.probe && sim.probe.compressionMm >= SONO_TINEL_COMPRESSION_MM && findCase(sim.caseId)?.symptomsOnCompression) report = this.probeReportNow();
        }
        if (event.kind === 'probe-pose' && sim.caseId && report && provokesSonoTinel(sim.caseId, extras.pressedProbe, report)) notices.push({ kind: 'sono-tinel', caseId: sim.caseId });
        extras.pressedProbe = report && report.pose.compressionMm >= SONO_TINEL_COMPRESSION_MM ? report : null;
        break;
      }
      case 'needle-inserted':
        extras.contacts = [];
        break;
      case 'injection':
        extras.injections++;
        // The fluid's figures are behind until refreshFluid (live: at once; a replayed log: at the
        // next checkpoint or snapshot), so no checkpoint keeps figures from before this injection.
        this.effectsStale = true;
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
    // The coach and the patient speak from this event and the state it left (this.extras: a case loaded replaced them).
    this.extras.coach = coachAfter(this.extras.coach, {
      mode: this.mode,
      event,
      contacts,
      needle: sim.needle,
      tissueAtTip: sim.tissueAtTip,
      probeCentre: sim.probe?.centre ?? null,
      needleView: () => this.needleVisibility(),
      injection: outcome.injection ?? null,
    });
    this.extras.patient = patientAfter(this.extras.patient, event, notices, sim.tissueAtTip);
    return { refused: null, injection: outcome.injection ?? null, notices };
  }

  /** The probe report, made now if poses were replayed since. */
  private currentProbe(): ProbeReport | null {
    if (this.probeStale) this.refreshProbe();
    return this.extras.probe;
  }

  private refreshProbe(): void {
    this.probeStale = false;
    this.extras.probe = this.probeReportNow();
  }

  private probeReportNow(): ProbeReport | null {
    const sim = this.sim;
    const knee = sim.patient?.knee;
    const released = this.extras.effects?.displacement.adhesionReleased ?? false;
    return knee && sim.probe ? probeReport(knee, sim.probe, sim.imaging?.depthMm ?? DEFAULT_DEPTH_MM, released) : null;
  }

  /** The needle as the probe sees it (none without a needle; nothing visible without a probe). */
  private needleVisibility(): ReturnType<typeof needleVisibility> | null {
    const { needle, patient, probe } = this.sim;
    if (!needle || !patient) return null;
    return probe ? needleVisibility(probeFrame(patient.knee, probe), needle) : { inPlane: false, tipVisible: false, angleToBeamDeg: 0 };
  }

  private needleReport(): NeedleReport | null {
    const { needle, tissueAtTip } = this.sim;
    const visibility = this.needleVisibility();
    if (!needle || !visibility) return null;
    return { tip: needleTip(needle), tissueAtTip: tissueAtTip ?? 'outside', ...visibility, contacts: [...this.extras.contacts] };
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
      needleReport: this.needleReport(),
      injectedMl: sim.injectedMl,
      lastPressurePsi: this.extras.lastPressurePsi,
      manometerPsi: this.extras.manometerPsi,
      adhesionReleased: this.extras.effects?.displacement.adhesionReleased ?? false,
      fluid,
      voices: { coach: this.extras.coach.spoken, patient: this.extras.patient },
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
      extras: { ...this.extras, contacts: [...this.extras.contacts] },
      fluid: history ? { history, version: history.version } : null,
      effectsStale: this.effectsStale,
    });
  }

  /** The last checkpoint at or before log position `fed`; they are in log order. */
  private checkpointAtOrBefore(fed: number): Checkpoint | undefined {
    let lo = 0;
    let hi = this.checkpoints.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.checkpoints[mid].fed <= fed) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? this.checkpoints[lo - 1] : undefined;
  }

  private restore(target: number): void {
    const checkpoint = this.checkpointAtOrBefore(target);
    if (checkpoint && this.copier) {
      this.sim = this.copier.copy(checkpoint.sim);
      this.fluidHistory = checkpoint.fluid?.history ?? null;
      this.sim.fluid = checkpoint.fluid ? checkpoint.fluid.history.restore(checkpoint.fluid.version) : null;
      this.extras = { ...checkpoint.extras, contacts: [...checkpoint.extras.contacts] };
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
