import { useSimStore } from '../state/store';
import { imagePipeline } from '../state/imagePipeline';
import { imageRate, sceneLatency, sceneRate } from '../state/rateMeter';
import { clockMs } from '../state/attemptSlice';
import { cases } from '../core/cases/cases';
import { SimError } from '../core/simError';
import { inEnglish } from '../i18n/message';
import { message } from '../core/message';
import { isFiniteVec3 } from '../core/math/vec3';
import { probeFrame, ScanGeometry } from '../core/probe/scanGeometry';
import { imageGeometry } from '../core/imaging/imageGeometry';
import type { KneeAnatomy } from '../core/anatomy/knee';
import { structureAt } from '../core/anatomy/namedStructure';
import type { SimAutomation, ProbeReport } from './types';
import { displayedFramePng } from '../state/framePng';
import { getWorkerClient, imageWorkerPoolSize } from '../state/workerClient';
import { listAttempts, exportAttemptJson, importAttemptJson } from '../state/attemptLibrary';
import { markLiveAttemptScripted } from '../state/attemptStorage';
import { userActions } from '../state/actions';

/**
 * window.sim: a thin adapter over the store's actions — the same paths the UI takes — with
 * argument checks so that bad input is refused with a SimError and changes nothing.
 */
export function createSimAutomation(): SimAutomation {
  const store = useSimStore;
  const anatomy = (): KneeAnatomy => {
    const a = store.getState().anatomy;
    if (!a || store.getState().buildStatus !== 'ready') throw new SimError('not-ready', message('error.notReady.building'));
    return a;
  };
  /** Live actions change the attempt's record; a replay shows a stored one, so they are refused then. */
  const live = (): KneeAnatomy => {
    const a = anatomy();
    if (store.getState().replay) throw new SimError('replaying', message('error.replaying'));
    return a;
  };
  const currentProbe = (): ProbeReport => {
    const p = store.getState().probe;
    if (!p) throw new SimError('not-ready', message('error.notReady.noProbe'));
    return structuredClone(p);
  };
  const ready = async (): Promise<void> => {
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        const s = store.getState();
        if (s.buildStatus === 'ready' && s.probe) return true;
        if (s.buildStatus === 'error') {
          reject(new SimError('not-ready', message('error.notReady.buildFailed', { error: String(s.buildError) })));
          return true;
        }
        return false;
      };
      if (check()) return resolve();
      const unsubscribe = store.subscribe(() => {
        if (check()) {
          unsubscribe();
          resolve();
        }
      });
    });
    await imagePipeline.whenCurrent();
  };
  /**
   * The shown session's injectate and tissue at a point: the worker holds the fluid and the
   * anatomy it has displaced, and answers after every event sent before (one queue).
   */
  const atPoint = async (p: unknown, what: 'fluidAt' | 'tissueAt') => {
    if (!isFiniteVec3(p)) throw new SimError('invalid-argument', message('error.point', { what }));
    anatomy();
    return getWorkerClient().call('point', { session: store.getState().replay ? 'replay' : 'live', p: { x: p.x, y: p.y, z: p.z } });
  };
  // Errors thrown synchronously inside async methods become rejections, as callers expect.
  return {
    version: 1,
    ready,
    reset: async (opts = {}) => {
      await store.getState().loadCase(opts);
      await ready();
    },
    cases: () => cases.map((c) => ({ id: c.id, title: c.title })),
    landmarks: () => structuredClone(anatomy().landmarks) as unknown as Record<string, { x: number; y: number; z: number }>,
    nerveAt: (sMm) => {
      if (typeof sMm !== 'number' || !Number.isFinite(sMm)) throw new SimError('invalid-argument', message('error.api.arcLength', { got: String(sMm) }));
      return anatomy().nerveAt(sMm);
    },
    tissueAt: async (p) => (await atPoint(p, 'tissueAt')).tissue,
    fluidAt: async (p) => (await atPoint(p, 'fluidAt')).fluidFraction,
    structureAt: (p) => {
      if (!isFiniteVec3(p)) throw new SimError('invalid-argument', message('error.point', { what: 'structureAt' }));
      return structureAt(anatomy(), p);
    },
    setProbe: async (pose) => {
      live();
      markLiveAttemptScripted();
      store.getState().setProbe(pose);
      // The worker's session answers for the pose (the needle as it sees it, the patient's words).
      await store.getState().settled();
      await imagePipeline.whenCurrent();
      return currentProbe();
    },
    probe: currentProbe,
    setImaging: async (settings) => {
      live();
      store.getState().setImaging(settings);
      await store.getState().settled();
      await imagePipeline.whenCurrent();
    },
    frame: async () => {
      anatomy();
      const f = await imagePipeline.whenCurrent();
      return { width: f.width, height: f.height, widthMm: f.widthMm, depthMm: f.depthMm, pixels: f.pixels.slice(), version: f.version, pose: structuredClone(f.pose) };
    },
    worldToImage: (p) => {
      if (!isFiniteVec3(p)) throw new SimError('invalid-argument', message('error.point', { what: 'worldToImage' }));
      const a = anatomy();
      const probe = currentProbe();
      const scan = new ScanGeometry(a, probeFrame(a, probe.pose), imageGeometry(store.getState().imaging.depthMm));
      const { col, row, outOfPlaneMm } = scan.toImage(p);
      return { col, row, outOfPlaneMm };
    },
    stats: () => {
      const now = clockMs();
      return { imageFps: imageRate.perSecond(now), sceneFps: sceneRate.perSecond(now), sceneLatencyMs: sceneLatency.meanDurationMs(now), imageFrameMs: imageRate.meanDurationMs(now), imageWorkers: imageWorkerPoolSize() };
    },
    events: () => structuredClone(store.getState().events),
    faults: {
      killWorker: () => getWorkerClient().killWorker(),
    },
    insertNeedle: async (request) => {
      live();
      markLiveAttemptScripted();
      const report = await store.getState().insertNeedle(request);
      await imagePipeline.whenCurrent();
      return structuredClone(report);
    },
    advanceNeedle: async (mm) => {
      live();
      markLiveAttemptScripted();
      const report = await store.getState().advanceNeedle(mm);
      await imagePipeline.whenCurrent();
      return structuredClone(report);
    },
    needle: () => structuredClone(store.getState().needleReport),
    inject: async (ml) => {
      live();
      markLiveAttemptScripted();
      const result = await store.getState().inject(ml);
      await imagePipeline.whenCurrent();
      return result;
    },
    action: async (id) => {
      live();
      const action = typeof id === 'string' ? userActions.find((a) => a.id === id) : undefined;
      if (!action) throw new SimError('invalid-argument', message('error.api.action', { got: String(id), known: userActions.map((a) => a.id).join(', ') }));
      markLiveAttemptScripted();
      // The very action the key, the button and the pad run, by the same step; its refusal rejects here.
      await action.perform();
      await store.getState().settled();
      await imagePipeline.whenCurrent();
    },
    redirectNeedle: async (direction) => {
      live();
      markLiveAttemptScripted();
      const report = await store.getState().redirectNeedle(direction);
      await imagePipeline.whenCurrent();
      return structuredClone(report);
    },
    saveImage: async () => {
      live();
      await imagePipeline.whenCurrent();
      return store.getState().saveImage(displayedFramePng());
    },
    finish: async () => {
      live();
      return structuredClone(await store.getState().finishAttempt());
    },
    setAttempt: async (a) => {
      if (typeof a !== 'object' || a === null) throw new SimError('invalid-argument', message('error.api.setAttempt'));
      if (a.mode !== undefined && a.mode !== 'guided' && a.mode !== 'assessment') throw new SimError('invalid-argument', message('error.api.mode', { got: String(a.mode) }));
      if (a.trainee !== undefined && typeof a.trainee !== 'string') throw new SimError('invalid-argument', message('error.api.trainee'));
      if (a.trainee !== undefined) store.getState().setTrainee(a.trainee);
      if (a.mode !== undefined) store.getState().setMode(a.mode);
      await ready();
      await store.getState().settled();
    },
    attempts: {
      list: async () => structuredClone(await listAttempts()),
      export: async (id) => exportAttemptJson([id]),
      import: async (json) => {
        const report = await importAttemptJson(json);
        const id = report.imported[0] ?? report.duplicates[0];
        if (!id) throw new SimError('invalid-import', message('error.import.empty'));
        return id;
      },
    },
    fluid: () =>
      structuredClone(
        store.getState().fluidMeasures ?? { totalMl: 0, haloCoveragePct: 0, spreadProximalMm: 0, spreadDistalMm: 0, superficialMl: 0, deepMl: 0, intraneuralMl: 0 },
      ),
  };
}

/** The API with every SimError it throws or rejects with worded in English in `message`, its key and values in `said` (the UI words them in its own language). */
export function speakingEnglish<T extends object>(api: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(api)) {
    if (typeof value === 'function') {
      wrapped[name] = (...args: unknown[]) => {
        try {
          const result: unknown = value.apply(api, args);
          return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(inEnglish(error))) : result;
        } catch (error) {
          throw inEnglish(error);
        }
      };
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      wrapped[name] = speakingEnglish(value);
    } else {
      wrapped[name] = value;
    }
  }
  return wrapped as T;
}

/** Present only with ?automation in the page URL, in every build. */
export function installAutomation(): void {
  if (new URLSearchParams(window.location.search).has('automation')) window.sim = speakingEnglish(createSimAutomation());
}
