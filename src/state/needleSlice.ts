import type { StateCreator } from 'zustand';
import type { Vec3 } from '../core/math/vec3';
import { type NeedleState, type NeedleContact, type NeedleVisibility, type NeedleStep, placeNeedle, advanceNeedle, redirectNeedle, needleTip, needleVisibility } from '../core/needle/needle';
import type { TissueType } from '../core/anatomy/tissues';
import type { FluidMeasures } from '../core/fluid/measures';
import { probeFrame } from '../core/probe/scanGeometry';
import { SimError } from '../core/simError';
import { reportFor } from './probeSlice';
import type { Said } from './said';
import type { SimState } from './store';
import type { FluidSurfaceBuffers, FluidState } from '../worker/protocol';
import type { StructureName } from '../core/anatomy/namedStructure';
import { patientWordsFor } from './contactWords';
import { DEFAULT_INJECTION_RATE_ML_PER_S, isInjectionRate, MIN_INJECTION_RATE_ML_PER_S, MAX_INJECTION_RATE_ML_PER_S } from '../core/fluid/injectionPressure';

/** The syringe on the needle: 10 ml. */
export const SYRINGE_ML = 10;

export interface NeedleReport {
  tip: Vec3;
  tissueAtTip: TissueType;
  inPlane: boolean;
  tipVisible: boolean;
  angleToBeamDeg: number;
  /** Everything the needle met since it was inserted, each with the structure it was (which nerve, vessel, bone). */
  contacts: { kind: NeedleContact; insertedMm: number; structure: StructureName }[];
}

export interface InjectionReport {
  injectedMl: number;
  openingPressurePsi: number;
  totalMl: number;
  /** What the manometer read during the injection: the opening pressure plus the flow at `rateMlPerS`. */
  injectionPressurePsi: number;
  rateMlPerS: number;
}

export interface NeedleSlice {
  needle: NeedleState | null;
  needleReport: NeedleReport | null;
  /** What the patient said last (paraesthesia when the nerve is touched). */
  patientSays: Said | null;
  syringeMl: number;
  lastPressurePsi: number | null;
  /** The manometer: the last injection's reading at its rate (live while the plunger is held). */
  manometerPsi: number | null;
  /** How fast the plunger is pushed (ml/s), for the hold and each press. */
  injectionRateMlPerS: number;
  setInjectionRate: (rateMlPerS: number) => void;
  fluidMeasures: FluidMeasures | null;
  /** Fluid has opened the plane of the scar binding the nerve to the gastrocnemius. */
  adhesionReleased: boolean;
  /** Bumped by each injection, so the image redraws the fluid. */
  fluidVersion: number;
  /** The injectate's surface for the 3D view. */
  fluidSurface: FluidSurfaceBuffers | null;
  insertNeedle: (request: { entry: Vec3; direction: Vec3 }) => NeedleReport;
  advanceNeedle: (mm: number) => NeedleReport;
  /** A small turn about the skin puncture (at most MAX_REDIRECT_DEG), to a new direction. */
  redirectNeedle: (direction: Vec3) => NeedleReport;
  /**
   * `steady`: one step of a press-and-hold injection (the fluid's figures may lag a few hundred ms);
   * `continuesHold`: a step after the first of one hold, so the attempt counts the hold as one injection.
   */
  inject: (ml: number, options?: { steady?: boolean; continuesHold?: boolean; rateMlPerS?: number }) => Promise<InjectionReport>;
  /** Pulls back on the plunger: blood in the syringe if the tip is in a vessel. */
  aspirate: () => boolean;
  /** The plunger is held (press-and-hold injection): the image runs at the scanner's full rate. */
  injecting: boolean;
  setInjecting: (injecting: boolean) => void;
  /** Puts the worker's latest view of the injectate (figures, surface, scar released) in the store. */
  showFluid: (fluid: FluidState) => void;
  /** Recomputes what the probe sees of the needle (after the probe moves). */
  refreshNeedleReport: () => void;
}

export const createNeedleSlice: StateCreator<SimState, [], [], NeedleSlice> = (set, get) => {
  const report = (needle: NeedleState, contacts: NeedleReport['contacts'], tissueAtTip: TissueType): NeedleReport => {
    const { anatomy, probe } = get();
    let visibility: NeedleVisibility = { inPlane: false, tipVisible: false, angleToBeamDeg: 0 };
    if (anatomy && probe) visibility = needleVisibility(probeFrame(anatomy, probe.pose), needle);
    return { tip: needleTip(needle), tissueAtTip, ...visibility, contacts };
  };
  const requireNeedle = (): NeedleState => {
    const current = get().needle;
    if (!current) throw new SimError('no-needle', 'There is no needle yet: insertNeedle first, at the probe’s medial end.');
    return current;
  };
  /** Puts a needle step in the store: the new state, the contacts met, what the patient says. */
  const applyStep = (step: NeedleStep): NeedleReport => {
    const contacts = [...(get().needleReport?.contacts ?? []), ...step.contacts.map((c) => ({ kind: c.kind, insertedMm: c.insertedMm, structure: c.structure }))];
    const said = step.contacts.map(patientWordsFor).filter((w): w is Said => !!w).at(-1);
    const r = report(step.state, contacts, step.tissueAtTip);
    set({ needle: step.state, needleReport: r, patientSays: said ?? get().patientSays });
    return r;
  };
  const requireAnatomy = () => {
    const a = get().anatomy;
    if (!a) throw new SimError('not-ready', 'The knee is still being built; wait for ready().');
    return a;
  };
  return {
    needle: null,
    needleReport: null,
    patientSays: null,
    syringeMl: SYRINGE_ML,
    lastPressurePsi: null,
    manometerPsi: null,
    injectionRateMlPerS: DEFAULT_INJECTION_RATE_ML_PER_S,
    setInjectionRate: (rateMlPerS) => {
      if (!isInjectionRate(rateMlPerS)) throw new SimError('invalid-argument', `The injection rate must be ${MIN_INJECTION_RATE_ML_PER_S}–${MAX_INJECTION_RATE_ML_PER_S} ml/s, got ${String(rateMlPerS)}.`);
      set({ injectionRateMlPerS: rateMlPerS });
    },
    fluidMeasures: null,
    adhesionReleased: false,
    fluidVersion: 0,
    fluidSurface: null,
    insertNeedle: (request) => {
      const anatomy = requireAnatomy();
      const needle = placeNeedle(anatomy, request);
      const r = report(needle, [], anatomy.tissueAt(needleTip(needle)));
      set({ needle, needleReport: r, patientSays: null });
      void get().record({ kind: 'needle-inserted', entry: needle.entry, direction: needle.direction });
      return r;
    },
    advanceNeedle: (mm) => {
      const anatomy = requireAnatomy();
      const current = requireNeedle();
      const step = advanceNeedle(anatomy, current, mm);
      // The tip already rests on the cortex: pushing harder goes nowhere and is refused.
      if (mm > 0 && step.state.insertedMm === current.insertedMm && step.contacts.some((c) => c.kind === 'bone-struck')) {
        throw new SimError('invalid-argument', 'The needle tip rests on bone and cannot advance through it: withdraw and redirect.');
      }
      const r = applyStep(step);
      void get().record({ kind: 'needle-advanced', mm });
      return r;
    },
    redirectNeedle: (direction) => {
      const anatomy = requireAnatomy();
      const step = redirectNeedle(anatomy, requireNeedle(), direction);
      const r = applyStep(step);
      void get().record({ kind: 'needle-redirected', direction: step.state.direction });
      return r;
    },
    inject: async (ml, options = {}) => {
      requireAnatomy();
      const needle = get().needle;
      if (typeof ml !== 'number' || !Number.isFinite(ml) || ml <= 0) throw new SimError('invalid-argument', `inject needs a positive volume in ml, got ${String(ml)}.`);
      if (!needle || needle.insertedMm === 0) throw new SimError('no-needle', 'Insert and advance the needle before injecting.');
      if (ml > get().syringeMl + 1e-9) throw new SimError('invalid-argument', `The syringe holds ${get().syringeMl.toFixed(1)} ml; ${ml} ml is more than that.`);
      const rateMlPerS = options.rateMlPerS ?? get().injectionRateMlPerS;
      if (!isInjectionRate(rateMlPerS)) throw new SimError('invalid-argument', `The injection rate must be ${MIN_INJECTION_RATE_ML_PER_S}–${MAX_INJECTION_RATE_ML_PER_S} ml/s, got ${String(rateMlPerS)}.`);
      // Taken from the syringe at once, so a second press cannot overdraw it while the worker spreads this one.
      set({ syringeMl: get().syringeMl - ml });
      const applied = await get().record({ kind: 'injection', ml, rateMlPerS, ...(options.continuesHold ? { continuesHold: true } : {}) }, { throttleFluid: options.steady ?? false });
      if (!applied.injection) throw new SimError('invalid-argument', applied.refused ?? 'The injection could not be made.');
      // The worker's outcome carries the manometer's reading (injectionPressure.ts); the main thread computes none.
      const { injectionPressurePsi = applied.injection.openingPressurePsi } = applied.injection as { injectionPressurePsi?: number };
      set({ lastPressurePsi: applied.injection.openingPressurePsi, manometerPsi: injectionPressurePsi, fluidVersion: get().fluidVersion + 1 });
      if (applied.injection.intravascularMl > 0) {
        const ml = applied.injection.intravascularMl.toFixed(1);
        set({ patientSays: { en: `INTRAVASCULAR: ${ml} ml went into a vessel and away with the blood. Stop, withdraw and aspirate.`, zh: `血管内注射：${ml} ml 进入血管并随血流带走。停止注射，退针并回抽。` } });
      }
      if (applied.fluid) get().showFluid(applied.fluid);
      return { injectedMl: ml, openingPressurePsi: applied.injection.openingPressurePsi, totalMl: SYRINGE_ML - get().syringeMl, injectionPressurePsi, rateMlPerS };
    },
    aspirate: () => {
      const report = get().needleReport;
      if (!get().needle || !report) throw new SimError('no-needle', 'There is no needle to aspirate through.');
      const blood = report.tissueAtTip === 'vessel';
      set({
        patientSays: blood
          ? { en: 'Blood flashes back into the syringe: the tip is in a vessel. Withdraw and redirect.', zh: '注射器内见回血：针尖位于血管内。退针并调整方向。' }
          : { en: 'Aspiration: no blood.', zh: '回抽：无回血。' },
      });
      void get().record({ kind: 'aspiration' });
      return blood;
    },
    injecting: false,
    setInjecting: (injecting) => set({ injecting }),
    showFluid: (fluid) => {
      const released = fluid.adhesionReleased !== get().adhesionReleased;
      set({
        fluidMeasures: fluid.measures ?? get().fluidMeasures,
        fluidSurface: fluid.surface ?? get().fluidSurface,
        adhesionReleased: fluid.adhesionReleased,
        fluidVersion: get().fluidVersion + 1,
      });
      // Scar let go: the dynamic test now shows the nerve sliding apart from the muscle.
      const { anatomy, probe, imaging } = get();
      if (released && anatomy && probe) set({ probe: reportFor(anatomy, probe.pose, imaging.depthMm, fluid.adhesionReleased) });
    },
    refreshNeedleReport: () => {
      const { needle, needleReport, anatomy } = get();
      if (!needle || !needleReport || !anatomy) return;
      set({ needleReport: report(needle, needleReport.contacts, needleReport.tissueAtTip) });
    },
  };
};

