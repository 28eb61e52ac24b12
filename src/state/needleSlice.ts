import type { StateCreator } from 'zustand';
import type { Vec3 } from '../core/math/vec3';
import type { NeedleState } from '../core/needle/needle';
import type { FluidMeasures } from '../core/fluid/measures';
import { SimError } from '../core/simError';
import { message, type Message } from '../core/message';
import { probeReport } from '../core/probe/probeReport';
import { DEFAULT_INJECTION_RATE_ML_PER_S, isInjectionRate, MIN_INJECTION_RATE_ML_PER_S, MAX_INJECTION_RATE_ML_PER_S } from '../core/fluid/injectionPressure';
import type { SimState } from './store';
import type { FluidSurfaceUpdate, FluidState, NeedleReport } from '../worker/protocol';
import { SYRINGE_ML } from '../worker/session';

export { SYRINGE_ML };
export type { NeedleReport };

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
  /** What the patient said last (paraesthesia when the nerve is touched), or a refusal: a key and values, worded by the UI. */
  patientSays: Message | null;
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
  /** The last update of the fluid's 3D surface (its changed blocks: the scene keeps the rest). */
  fluidSurface: FluidSurfaceUpdate | null;
  /** The needle moves are the worker session's: each resolves with its report once it is applied, or rejects with its refusal. */
  insertNeedle: (request: { entry: Vec3; direction: Vec3 }) => Promise<NeedleReport>;
  advanceNeedle: (mm: number) => Promise<NeedleReport>;
  /** A small turn about the skin puncture (at most MAX_REDIRECT_DEG), to a new direction. */
  redirectNeedle: (direction: Vec3) => Promise<NeedleReport>;
  /**
   * `steady`: one step of a press-and-hold injection (the fluid's figures may lag a few hundred ms);
   * `continuesHold`: a step after the first of one hold, so the attempt counts the hold as one injection.
   */
  inject: (ml: number, options?: { steady?: boolean; continuesHold?: boolean; rateMlPerS?: number }) => Promise<InjectionReport>;
  /** Pulls back on the plunger: blood in the syringe if the tip is in a vessel. */
  aspirate: () => Promise<boolean>;
  /** The plunger is held (press-and-hold injection): the image runs at the scanner's full rate. */
  injecting: boolean;
  setInjecting: (injecting: boolean) => void;
  /** Puts the worker's latest view of the injectate (figures, surface, scar released) in the store. */
  showFluid: (fluid: FluidState) => void;
}

export const createNeedleSlice: StateCreator<SimState, [], [], NeedleSlice> = (set, get) => {
  const requireAnatomy = () => {
    const a = get().anatomy;
    if (!a) throw new SimError('not-ready', message('error.notReady.building'));
    return a;
  };
  /** Sends a needle event; the session's answer carries the report. */
  const move = async (body: Parameters<SimState['record']>[0]): Promise<NeedleReport> => {
    requireAnatomy();
    const applied = await get().record(body);
    const report = applied?.snapshot.needleReport;
    if (!report) throw new SimError('no-needle', message('error.needle.none'));
    return report;
  };
  return {
    needle: null,
    needleReport: null,
    patientSays: null,
    syringeMl: SYRINGE_ML,
    lastPressurePsi: null,
    fluidMeasures: null,
    adhesionReleased: false,
    fluidVersion: 0,
    fluidSurface: null,
    manometerPsi: null,
    injectionRateMlPerS: DEFAULT_INJECTION_RATE_ML_PER_S,
    setInjectionRate: (rateMlPerS) => {
      if (!isInjectionRate(rateMlPerS)) throw new SimError('invalid-argument', message('error.injection.rate', { min: MIN_INJECTION_RATE_ML_PER_S, max: MAX_INJECTION_RATE_ML_PER_S, got: String(rateMlPerS) }));
      set({ injectionRateMlPerS: rateMlPerS });
    },
    insertNeedle: (request) => move({ kind: 'needle-inserted', entry: request.entry, direction: request.direction }),
    advanceNeedle: (mm) => move({ kind: 'needle-advanced', mm }),
    redirectNeedle: (direction) => move({ kind: 'needle-redirected', direction }),
    inject: async (ml, options = {}) => {
      requireAnatomy();
      // A volume that is not one is bad input, refused before anything is sent; the session refuses
      // what the syringe cannot give, a needle not in tissue, a bad rate.
      if (typeof ml !== 'number' || !Number.isFinite(ml) || ml <= 0) throw new SimError('invalid-argument', message('error.injection.volume', { got: String(ml) }));
      const rateMlPerS = options.rateMlPerS ?? get().injectionRateMlPerS;
      const applied = await get().record({ kind: 'injection', ml, rateMlPerS, ...(options.continuesHold ? { continuesHold: true } : {}) }, { throttleFluid: options.steady ?? false });
      if (!applied?.injection) throw new SimError('invalid-argument', message('error.injection.failed'));
      const { injection } = applied;
      return { injectedMl: ml, openingPressurePsi: injection.openingPressurePsi, totalMl: applied.snapshot.injectedMl, injectionPressurePsi: injection.injectionPressurePsi, rateMlPerS: injection.rateMlPerS };
    },
    aspirate: async () => {
      requireAnatomy();
      const applied = await get().record({ kind: 'aspiration' });
      return applied?.notices.some((n) => n.kind === 'aspiration' && n.blood) ?? false;
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
      if (released && anatomy && probe) set({ probe: probeReport(anatomy, probe.pose, imaging.depthMm, fluid.adhesionReleased) });
    },
  };
};
