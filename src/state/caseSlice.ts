import type { StateCreator } from 'zustand';
import { KneeAnatomy } from '../core/anatomy/knee';
import { type AnatomyParameters, defaultAnatomyParameters } from '../core/anatomy/parameters';
import { findCase, cases, DEFAULT_CASE_ID, DEFAULT_CASE_SEED, caseParameters } from '../core/cases/cases';
import { SimError } from '../core/simError';
import { message } from '../core/message';
import { startProbeRequest, placeProbe } from '../core/probe/placement';
import { reportFor } from './probeSlice';
import type { SimState } from './store';
import { getWorkerClient } from './workerClient';
import { clockMs, newSession } from './attemptSlice';
import { SYRINGE_ML } from './needleSlice';

export type BuildStatus = 'building' | 'ready' | 'error';

export interface LoadCaseOptions {
  caseId?: string;
  side?: 'left' | 'right';
  seed?: number;
}

export interface CaseSlice {
  caseId: string;
  parameters: AnatomyParameters;
  /** Main-thread copy of the knee for placing the probe and answering queries; the worker holds the voxels. */
  anatomy: KneeAnatomy | null;
  buildStatus: BuildStatus;
  buildProgress: number;
  buildError: string | null;
  /** Increments with every load, so late replies from an older build are ignored. */
  generation: number;
  loadCase: (options?: LoadCaseOptions) => Promise<void>;
}


export function validateLoadOptions(options: LoadCaseOptions): Required<LoadCaseOptions> {
  if (typeof options !== 'object' || options === null) throw new SimError('invalid-argument', message('error.api.reset'));
  const caseId = options.caseId ?? DEFAULT_CASE_ID;
  if (typeof caseId !== 'string' || !findCase(caseId)) {
    throw new SimError('unknown-case', message('error.case.unknown', { caseId: String(caseId), known: cases.map((c) => c.id).join(', ') }));
  }
  // A patient presents with one leg: that is the default; the trainee may choose the other.
  const side = options.side ?? findCase(caseId)!.side;
  if (side !== 'left' && side !== 'right') throw new SimError('invalid-argument', message('error.api.side', { got: String(side) }));
  const seed = options.seed ?? DEFAULT_CASE_SEED;
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31) throw new SimError('invalid-argument', message('error.api.seed', { got: String(seed) }));
  return { caseId, side, seed };
}

export const createCaseSlice: StateCreator<SimState, [], [], CaseSlice> = (set, get) => ({
  caseId: DEFAULT_CASE_ID,
  parameters: defaultAnatomyParameters,
  anatomy: null,
  buildStatus: 'building',
  buildProgress: 0,
  buildError: null,
  generation: 0,
  loadCase: async (options = {}) => {
    const { caseId, side, seed } = validateLoadOptions(options);
    const definition = findCase(caseId)!;
    const parameters = caseParameters(definition, side, seed);
    const generation = get().generation + 1;
    set({
      caseId, parameters, anatomy: null, probe: null, buildStatus: 'building', buildProgress: 0, buildError: null, generation, attemptStartedAtMs: clockMs(), events: [],
      needle: null, needleReport: null, lastSnapshot: null, patientSays: null, syringeMl: SYRINGE_ML, lastPressurePsi: null, manometerPsi: null, fluidMeasures: null, adhesionReleased: false, fluidSurface: null, finished: false, checklist: null, coaching: null, savedImages: {},
      session: newSession(get().session.trainee, get().session.mode),
    });
    try {
      const worker = getWorkerClient();
      // The worker builds the knee first, so the attempt's first event finds it ready.
      const built = worker.call('build', { parameters }, (fraction) => {
        if (get().generation === generation) set({ buildProgress: fraction });
      });
      // A new attempt is a new live session, in the mode it keeps to its end.
      void worker.call('open', { session: 'live', mode: get().session.mode, events: [] }).catch(() => undefined);
      get().record({ kind: 'case-loaded', caseId, side, seed }).catch(() => undefined);
      // The page's own knee, for placing the probe, made while the worker builds. So is the first
      // pose's report, once, though setProbe works it out again below: a new knee's first look-ups
      // fill its lazy grids and caches (a third of a second on a fresh page), and the first frame
      // is asked for only once the report is done. What the 3D view makes of the knee (the skin's
      // tube, the nerve's mesh) comes after the first image.
      const anatomy = new KneeAnatomy(parameters);
      const startRequest = startProbeRequest(anatomy);
      reportFor(anatomy, placeProbe(anatomy, startRequest), get().imaging.depthMm, false);
      await built;
      if (get().generation !== generation) return;
      set({ anatomy, buildStatus: 'ready', buildProgress: 1 });
      get().setProbe(startRequest);
    } catch (error) {
      if (get().generation === generation) set({ buildStatus: 'error', buildError: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  },
});
