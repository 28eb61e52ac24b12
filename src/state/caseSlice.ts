import type { StateCreator } from 'zustand';
import { cpnMesh } from '../core/geometry/structureMesh';
import { KneeAnatomy } from '../core/anatomy/knee';
import { type AnatomyParameters, defaultAnatomyParameters } from '../core/anatomy/parameters';
import { findCase, cases, DEFAULT_CASE_ID, DEFAULT_CASE_SEED, caseParameters } from '../core/cases/cases';
import { SimError } from '../core/simError';
import { message } from '../core/message';
import { nearestScannableSkinPoint } from '../core/probe/placement';
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

/** Where the probe starts: over the popliteal fossa, proximal and medial to the nerve, so the trainee must find it. */
const START_POINT = { x: -35, y: 35, z: 32 };

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
      // A turn of the event loop first: requests posted to a worker that is still starting reach it
      // only through a task on this thread, and the knee below holds the thread for a long task.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (get().generation !== generation) return;
      const anatomy = new KneeAnatomy(parameters);
      // What the scene and the first pose would otherwise make after the build (the skin's grids,
      // the nerve's mesh): now, on this core, while the worker builds on the other.
      anatomy.skin.sampleAll();
      cpnMesh(anatomy);
      await built;
      if (get().generation !== generation) return;
      set({ anatomy, buildStatus: 'ready', buildProgress: 1 });
      get().setProbe({ centre: nearestScannableSkinPoint(anatomy, START_POINT), rotationDeg: 0, tiltDeg: 0, compressionMm: 1 });
    } catch (error) {
      if (get().generation === generation) set({ buildStatus: 'error', buildError: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  },
});
