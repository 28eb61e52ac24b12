import type { KneeAnatomy } from '../anatomy/knee';
import type { LabelVolume } from '../anatomy/voxelise';
import type { AnatomyParameters } from '../anatomy/parameters';
import type { TissueType } from '../anatomy/tissues';
import { findCase, caseParameters, cases } from '../cases/cases';
import type { ProbePose } from '../probe/pose';
import { probeFrame } from '../probe/scanGeometry';
import { type NeedleState, type NeedleStep, placeNeedle, advanceNeedle, redirectNeedle, needleTip, needleVisibility } from '../needle/needle';
import { FluidSpread, type InjectionResult } from '../fluid/spread';
import { displacedTissueAt } from '../fluid/tissueWarp';
import { ParaneuralSpace } from '../fluid/paraneuralSpace';
import { DEFAULT_INJECTION_RATE_ML_PER_S, injectionPlane, injectionPressurePsi, isInjectionRate, openingPressureInPlanePsi, MIN_INJECTION_RATE_ML_PER_S, MAX_INJECTION_RATE_ML_PER_S } from '../fluid/injectionPressure';
import type { Vec3 } from '../math/vec3';
import { SimError, errorMessage, type SimErrorCode } from '../simError';
import { message, type Message } from '../message';
import type { AttemptEvent, AttemptMode, ImagingSettings } from './events';
import { FactsRecorder } from './factsRecorder';
import type { AttemptFacts } from './facts';

/** The knee (and, where fluid is simulated, its voxels) for a case; built and cached by the caller. */
export interface Patient {
  knee: KneeAnatomy;
  /** Null where only the probe and needle are simulated (the main thread): no fluid then. */
  volume: LabelVolume | null;
}

export type PatientProvider = (parameters: AnatomyParameters, caseId: string) => Patient;

/**
 * An injection's result for the UI: `openingPressurePsi` is the plane's opening pressure (what
 * scoring reads), `injectionPressurePsi` the manometer's reading at the injection's rate.
 */
export type InjectionOutcome = InjectionResult & { tipTissue: TissueType; injectionPressurePsi: number; rateMlPerS: number };

/** What one event did, for the live UI: the needle's step or the injection's result. */
export interface EventOutcome {
  needle?: NeedleStep;
  injection?: InjectionOutcome;
  /** The event could not apply (no case yet, no needle, bad value): it changed nothing. */
  /** Why the event was refused (it changed nothing), as a message for the trainee. */
  refused?: Message;
  /** The refusal's code, as a SimError would carry it. */
  refusedCode?: SimErrorCode;
}

/**
 * The attempt's reducer: feeds events, one at a time, into the simulation state — the case, the
 * probe, the needle, the injectate — and into the facts scoring reads. Live play and replay use it
 * alike, so a replay of the same events gives the same fluid and the same score. Events that
 * cannot apply (a needle move with no needle) change nothing and are reported, never thrown:
 * an imported log must never break the app.
 */
export class AttemptSimulation {
  patient: Patient | null = null;
  caseId: string | null = null;
  probe: ProbePose | null = null;
  imaging: ImagingSettings | null = null;
  needle: NeedleState | null = null;
  tissueAtTip: TissueType | null = null;
  fluid: FluidSpread | null = null;
  /** Arc length of the CPN where the first injection went; the fluid is measured round it. */
  injectionSiteSMm: number | null = null;
  /** The needle of the last injection and where (at rest) it went in: the pocket it refills. */
  private lastInjection: { needle: NeedleState; restTip: Vec3 } | null = null;
  injectedMl = 0;
  appliedEvents = 0;
  private facts: FactsRecorder | null = null;
  private space: { grid: FluidSpread['field']['grid']; space: ParaneuralSpace } | null = null;

  constructor(
    private readonly providePatient: PatientProvider,
    readonly mode: AttemptMode = 'assessment',
  ) {}

  apply(event: AttemptEvent): EventOutcome {
    try {
      const outcome = this.applyOrThrow(event);
      this.appliedEvents++;
      return outcome;
    } catch (error) {
      if (error instanceof SimError) return { refused: error.said, refusedCode: error.code };
      if (error instanceof RangeError) return { refused: errorMessage(error), refusedCode: 'invalid-argument' };
      throw error;
    }
  }

  private applyOrThrow(event: AttemptEvent): EventOutcome {
    if (event.kind === 'case-loaded') {
      const definition = findCase(event.caseId);
      if (!definition) throw new SimError('unknown-case', message('error.case.unknown', { caseId: event.caseId, known: cases.map((c) => c.id).join(', ') }));
      this.patient = this.providePatient(caseParameters(definition, event.side, event.seed), event.caseId);
      this.caseId = event.caseId;
      this.probe = null;
      this.needle = null;
      this.tissueAtTip = null;
      this.fluid = this.patient.volume ? new FluidSpread(this.patient.volume, this.patient.knee.parameters.seed, this.patient.knee.cpn) : null;
      this.injectionSiteSMm = null;
      this.lastInjection = null;
      this.injectedMl = 0;
      this.facts = new FactsRecorder(this.patient.knee, this.mode, definition.entrapmentSites);
      return {};
    }
    const patient = this.patient;
    const facts = this.facts;
    if (!patient || !facts) throw new SimError('not-ready', message('error.notReady.noCase', { kind: event.kind }));
    facts.at(event.tMs);
    const knee = patient.knee;
    switch (event.kind) {
      case 'probe-pose':
        this.probe = event.pose;
        facts.probeMoved(event.pose, this.imaging?.depthMm);
        return {};
      case 'imaging':
        this.imaging = event.settings;
        return {};
      case 'needle-inserted': {
        const needle = placeNeedle(knee, { entry: event.entry, direction: event.direction });
        this.needle = needle;
        this.tissueAtTip = knee.tissueAt(needleTip(needle));
        facts.needleInserted(needle, this.probe);
        return { needle: { state: needle, contacts: [], tissueAtTip: this.tissueAtTip } };
      }
      case 'needle-advanced': {
        const needle = this.requireNeedle();
        const step = advanceNeedle(knee, needle, event.mm);
        // The tip already rests on the cortex: pushing harder goes nowhere and is refused.
        if (event.mm > 0 && step.state.insertedMm === needle.insertedMm && step.contacts.some((c) => c.kind === 'bone-struck')) {
          throw new SimError('invalid-argument', message('error.needle.onBone'));
        }
        facts.needleMoved(needle, step, this.probe, this.fluid);
        this.needle = step.state;
        this.tissueAtTip = step.tissueAtTip;
        return { needle: step };
      }
      case 'needle-redirected': {
        const needle = this.requireNeedle();
        const step = redirectNeedle(knee, needle, event.direction);
        facts.needleRedirected(step);
        this.needle = step.state;
        this.tissueAtTip = step.tissueAtTip;
        return { needle: step };
      }
      case 'injection': {
        const needle = this.requireNeedle();
        if (needle.insertedMm === 0) throw new SimError('no-needle', message('error.injection.notInTissue'));
        if (!(event.ml > 0) || !Number.isFinite(event.ml)) throw new SimError('invalid-argument', message('error.injection.volume', { got: String(event.ml) }));
        const tip = needleTip(needle);
        // The fluid spreads in the resting anatomy: from where the tissue now at the tip came from;
        // the tip's tissue and plane are read there too (the tissue has moved, the tip has not).
        // A needle not moved since its last injection, or a tip left in injectate, goes on filling
        // the pocket that injection made: the tissue has moved round the tip, the lumen still opens
        // into the same fluid (the warp alone would put the tip at the layer's insertion point, on
        // the epineurium for a cuff, or in the nerve the fluid has lifted onto it).
        const lastPocket = this.lastInjection;
        const inPocket = this.fluid !== null && lastPocket !== null && (lastPocket.needle === needle || this.fluid.warp.fluidFractionAt(tip) >= 0.5);
        const restTip = inPocket ? lastPocket!.restTip : this.fluid ? this.fluid.warp.restPoint(tip) : tip;
        this.lastInjection = { needle, restTip };
        const tipTissue = knee.tissueAt(restTip);
        const rateMlPerS = event.rateMlPerS ?? DEFAULT_INJECTION_RATE_ML_PER_S;
        if (!isInjectionRate(rateMlPerS)) throw new SimError('invalid-argument', message('error.injection.rate', { min: MIN_INJECTION_RATE_ML_PER_S, max: MAX_INJECTION_RATE_ML_PER_S, got: String(rateMlPerS) }));
        this.injectionSiteSMm ??= knee.cpn.line.closest(restTip, 60)?.sMm ?? 0;
        const spread: InjectionResult = this.fluid ? this.fluid.inject(restTip, event.ml) : { injectedMl: event.ml, openingPressurePsi: 0, intravascularMl: 0, intraneural: false };
        // The manometer's figures come from the plane the tip is in (injectionPressure.ts); where
        // fluid is not simulated (the main thread) there is no pressure to read.
        const plane = this.fluid ? injectionPlane(tipTissue, this.paraneuralSpace(this.fluid).distanceAtMm(restTip.x, restTip.y, restTip.z)) : null;
        const openingPressurePsi = plane ? openingPressureInPlanePsi(plane, spread.openingPressurePsi) : spread.openingPressurePsi;
        const result: InjectionResult = { ...spread, openingPressurePsi };
        this.injectedMl += event.ml;
        const visible = this.probe ? needleVisibility(probeFrame(knee, this.probe), needle).tipVisible : false;
        facts.injected(event.ml, result, visible, tipTissue, tip, event.continuesHold ?? false);
        const pressure = plane ? injectionPressurePsi(plane, openingPressurePsi, rateMlPerS) : openingPressurePsi;
        return { injection: { ...result, tipTissue, injectionPressurePsi: pressure, rateMlPerS } };
      }
      case 'aspiration':
        this.requireNeedle();
        return {};
      case 'image-saved':
        facts.imageSaved(event.imageId, this.probe, this.fluid);
        return {};
      case 'finished':
        return {};
    }
  }

  /**
   * The injectate fraction (0–1) at a point of the limb frame after the tissue has moved aside
   * (fluid/tissueWarp.ts; the field whose ½ level the image draws as the fluid's edge); 0 before
   * any injection or where fluid is not simulated.
   */
  fluidAt(p: Vec3): number {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y) || !Number.isFinite(p.z)) throw new SimError('invalid-argument', message('error.point', { what: 'fluidAt' }));
    return this.fluid ? this.fluid.warp.fluidFractionAt(p) : 0;
  }

  /**
   * The tissue at a point of the limb frame as the injectate has left it: 'fluid' where the
   * injectate fraction (fluidAt) is at least ½ — the level the image draws as the fluid's edge —
   * else the resting anatomy the injectate has pushed there (fluid/tissueWarp.ts).
   */
  tissueAt(p: Vec3): TissueType {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y) || !Number.isFinite(p.z)) throw new SimError('invalid-argument', message('error.point', { what: 'tissueAt' }));
    const knee = this.requirePatient().knee;
    return this.fluid ? displacedTissueAt(knee, this.fluid.warp, p) : knee.tissueAt(p);
  }

  /** The CPN's paraneural space on the fluid's grid (distances cached per volume). */
  private paraneuralSpace(fluid: FluidSpread): ParaneuralSpace {
    if (this.space?.grid !== fluid.field.grid) this.space = { grid: fluid.field.grid, space: new ParaneuralSpace(this.requirePatient().knee.cpn, fluid.field.grid) };
    return this.space.space;
  }

  private requirePatient(): Patient {
    if (!this.patient) throw new SimError('not-ready', message('error.notReady.noCaseLoaded'));
    return this.patient;
  }

  private requireNeedle(): NeedleState {
    if (!this.needle) throw new SimError('no-needle', message('error.needle.none'));
    return this.needle;
  }

  /** The facts so far, with the fluid measured round the first injection's site. */
  attemptFacts(): AttemptFacts | null {
    if (!this.facts || !this.patient) return null;
    return this.facts.result(this.fluid, this.patient.volume, this.injectionSiteSMm);
  }
}
