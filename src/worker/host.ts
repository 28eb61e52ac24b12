import { volumeBytes, volumePending, buildVolumeStep } from '../core/anatomy/voxelise';
import type { Vec3 } from '../core/math/vec3';
import { PROBE_START_POINT } from '../core/probe/placement';
import type { AnatomyParameters } from '../core/anatomy/parameters';
import { SimError, errorMessage } from '../core/simError';
import { message } from '../core/message';
import { PatientCache, type BuiltPatient, type PatientBuilder } from './patients';
import { SimulationSession } from './session';
import { sectionMarks } from './sectionMarks';
import { BandDispatcher } from './bandDispatch';
import { ChecklistClock } from './checklistClock';
import type { VolumeCache } from './volumeCache';
import { createFluidPushes, surfaceBuffers } from './fluidPushes';
import type { RequestKind, RequestMessage, Requests, Responses, SessionId, SessionSnapshot, WorkerMessage } from './protocol';


export interface HostOptions {
  post: (message: WorkerMessage, transfer: Transferable[]) => void;
  buildPatient?: PatientBuilder;
  now?: () => number;
  /** Label volumes kept from earlier visits (none: every case is voxelised). */
  volumeCache?: VolumeCache | null;
}

/** How long after a case is built its volume is stored: the first frames come first. */
const VOLUME_SAVE_DELAY_MS = 1500;
/**
 * A new case's volume (its fine grid, then its coarse surroundings) is filled between requests in
 * slices this long; a frame asked for meanwhile waits at most one slice, and what it reads it
 * fills itself.
 */
const VOLUME_SLICE_MS = 10;

/** A case being built before it was asked for: its key (the parameters' JSON), and who follows its progress. */
interface Prepared {
  key: string;
  done: Promise<BuiltPatient>;
  fraction: number;
  watchers: Set<(fraction: number) => void>;
}

/** A frame formed by the image band workers is answered when its bands are in. */
type Handlers = { [K in RequestKind]: (body: Requests[K], id: number) => Responses[K] | Promise<Responses[K]> };

/** What each answer hands over rather than copies. */
const transfers: { [K in RequestKind]?: (answer: Responses[K]) => Transferable[] } = {
  frame: (answer) => [answer.pixels],
  event: (answer) => surfaceBuffers(answer.snapshot.fluid),
  seek: (answer) => surfaceBuffers(answer.fluid),
};

/**
 * The worker's side of the protocol: the built knees, the sessions by id (live, replay, review)
 * and which one the image shows. Every request gets exactly one answer, its own error if it
 * fails; nothing here is a module global, so a test can run a host in Node.
 */
export function createWorkerHost(options: HostOptions): { handle: (message: RequestMessage) => void; prepare: (parameters: AnatomyParameters) => void } {
  const now = options.now ?? (() => performance.now());
  const patients = new PatientCache(options.buildPatient);
  const sessions = new Map<SessionId, SimulationSession>();
  let shown: SessionId = 'live';
  /** Where the last frame looked (null before the first): a new volume's fine grid fills outward from there. */
  let lastProbeCentre: Vec3 | null = null;
  let lastParameters: AnatomyParameters | null = null;
  /** The image band workers (none: this worker forms each frame itself). */
  let bands: BandDispatcher | null = null;
  const provider = (parameters: AnatomyParameters) => {
    lastParameters = parameters;
    return patients.get(parameters).patient;
  };

  const pushes = createFluidPushes({ now, post: options.post, sessions });

  /** The live session's answers set guided practice's checklist clock going. */
  const checklist = new ChecklistClock(now, (items) => options.post({ id: 0, push: 'checklist', session: 'live', checklist: items }, []));
  const answered = (id: SessionId, target: SimulationSession, snapshot: SessionSnapshot): SessionSnapshot => {
    if (id === 'live') checklist.answered(target, snapshot.checklist);
    return snapshot;
  };

  const session = (id: SessionId): SimulationSession => {
    const found = sessions.get(id);
    if (!found) throw new SimError('not-ready', message('error.worker.noSession', { id }));
    return found;
  };
  const shownPatient = (): BuiltPatient => {
    const patient = sessions.get(shown)?.simulation.patient ?? sessions.get('live')?.simulation.patient;
    const parameters = patient?.knee.parameters ?? lastParameters;
    if (!parameters) throw new SimError('not-ready', message('error.notReady.building'));
    // Rebuilt if a replay of two other cases pushed it out of the cache.
    return patients.get(parameters);
  };

  const volumeCache = options.volumeCache ?? null;
  /** A case's patient round its stored volume, or null where none is stored (or no cache). */
  const buildFromStore = (parameters: AnatomyParameters, progress: (fraction: number) => void): Promise<BuiltPatient | null> =>
    (volumeCache ? volumeCache.load(parameters) : Promise.resolve(null)).then((stored) => {
      if (!stored) return null;
      const built = patients.get(parameters, progress, stored);
      progress(1);
      return built;
    });
  /**
   * Builds a case's knee round a volume to be filled later (none stored), and stores the volume
   * once it is complete: filled between requests, after the first frames.
   */
  const buildAndStore = (parameters: AnatomyParameters, progress: (fraction: number) => void): BuiltPatient => {
    const built = patients.get(parameters, progress);
    const volume = built.patient.volume;
    if (volumeCache && volume) {
      const saveOnceComplete = () => {
        const kept = [...patients.all()].some((b) => b.patient.volume === volume);
        // A case dropped before its volume was complete is not stored: its next visit builds it again.
        if (kept && volumePending(volume)) setTimeout(saveOnceComplete, VOLUME_SAVE_DELAY_MS);
        else if (!volumePending(volume)) void volumeCache.save(parameters, volume);
      };
      setTimeout(saveOnceComplete, VOLUME_SAVE_DELAY_MS);
    }
    return built;
  };
  /**
   * The case the page opens first, built as this worker starts (see prepare): a build asking for
   * it takes its result and is told its progress.
   */
  let prepared: Prepared | null = null;

  const handlers: Handlers = {
    build: (body, id) => {
      const start = now();
      let lastPosted = 0;
      lastParameters = body.parameters;
      const parameters = body.parameters;
      const progress = (f: number) => {
        if (f - lastPosted >= 0.05 || f === 1) {
          lastPosted = f;
          options.post({ id, progress: f }, []);
        }
      };
      const finish = (built: BuiltPatient) => {
        const volume = built.patient.volume;
        return { buildMs: now() - start, voxelCount: volume?.labels.length ?? 0, volumeBytes: volume ? volumeBytes(volume) : 0 };
      };
      if (prepared?.key === JSON.stringify(parameters)) {
        prepared.watchers.add(progress);
        if (prepared.fraction > 0) progress(prepared.fraction);
        return prepared.done.then(finish);
      }
      if (!volumeCache || patients.has(parameters)) return finish(patients.get(parameters, progress));
      return buildFromStore(parameters, progress).then((built) => finish(built ?? buildAndStore(parameters, progress)));
    },
    open: (body) => {
      if (body.session === 'live') pushes.stopLive();
      const opened = new SimulationSession(provider, body.mode, body.session !== 'live');
      const facts = opened.applyAll(body.events);
      sessions.set(body.session, opened);
      return { snapshot: answered(body.session, opened, opened.seek(opened.eventsFed)), facts };
    },
    event: (body) => {
      const target = session(body.session);
      const applied = target.apply(body.event, body.throttleFluid);
      if (applied.injection && body.throttleFluid) pushes.throttledStep(body.session);
      else if (applied.injection) pushes.answeredInjection();
      answered(body.session, target, applied.snapshot);
      return applied;
    },
    seek: (body) => pushes.seek(body.session, session(body.session), body.index),
    mode: (body) => {
      const rebuilt = new SimulationSession(provider, body.mode, body.session !== 'live');
      rebuilt.applyAll(session(body.session).log());
      sessions.set(body.session, rebuilt);
      return answered(body.session, rebuilt, rebuilt.seek(rebuilt.eventsFed));
    },
    facts: (body) => session(body.session).facts(),
    point: (body) => {
      const sim = session(body.session).simulation;
      return { fluidFraction: sim.fluidAt(body.p), tissue: sim.tissueAt(body.p) };
    },
    show: (body) => {
      session(body.session);
      shown = body.session;
      return null;
    },
    close: (body) => {
      sessions.delete(body.session);
      if (body.session === 'live') checklist.stop();
      if (shown === body.session) shown = 'live';
      return null;
    },
    frame: (body) => {
      const built = shownPatient();
      const sim = sessions.get(shown)?.simulation;
      const fx = sessions.get(shown)?.fluidEffects ?? null;
      const start = now();
      const { imaging } = body;
      // Band workers hold the knee, not the injectate: a frame with fluid or its effects is formed
      // here, and so is one before the knee's volume is complete (the knee goes to them once).
      lastProbeCentre = body.pose.centre;
      if (bands && imaging.mode === 'b-mode' && !fx && !(sim?.fluid && sim.fluid.totalInjectedMl > 0) && built.patient.volume && !volumePending(built.patient.volume)) {
        const parameters = built.patient.knee.parameters;
        return bands.form({ key: JSON.stringify(parameters), parameters, volume: built.patient.volume }, body.pose, { ...imaging, timeSeconds: body.timeSeconds }, body.needle);
      }
      const frame =
        imaging.mode === 'anatomy'
          ? built.frames.anatomyFrame(body.pose, imaging.depthMm, imaging.gainDb)
          : built.frames.bModeFrame(body.pose, { ...imaging, timeSeconds: body.timeSeconds }, {
              // An untouched field is no fluid: the image then reads the volume on its fast path.
              fluid: sim?.fluid && sim.fluid.totalInjectedMl > 0 ? sim.fluid.field.fill : null,
              tissueWarp: sim?.fluid?.warp ?? null,
              needle: body.needle,
              nerveDeformation: fx ? { swelling: fx.swelling, lift: fx.displacement.nerveLift } : null,
              adhesionReleased: fx?.displacement.adhesionReleased ?? false,
            });
      return { width: frame.width, height: frame.height, pixels: frame.pixels.buffer as ArrayBuffer, computeMs: now() - start };
    },
    bands: (body) => {
      bands = body.ports.length > 0 ? new BandDispatcher(body.ports, now) : null;
      return null;
    },
    section: (body) => sectionMarks(shownPatient().patient.knee, sessions.get(shown)?.simulation.fluid?.warp ?? null, body),
    fault: () => {
      // Outside the request, as a real crash is: the client sees the worker's error event.
      setTimeout(() => {
        throw new Error('Simulated simulation-worker crash (sim.faults.killWorker)');
      }, 0);
      return null;
    },
  };

  /**
   * While a build reads the volume cache, later requests wait for it in order (a session opened
   * meanwhile would otherwise voxelise the knee itself).
   */
  let building = false;
  const waiting: RequestMessage[] = [];
  const resume = () => {
    building = false;
    while (!building && waiting.length > 0) handle(waiting.shift()!);
  };
  /** A build of the case being prepared runs at once, to follow it; anything else waits. */
  const joinsPrepared = (message: RequestMessage): boolean => {
    if (message.kind !== 'build' || prepared === null) return false;
    try {
      return prepared.key === JSON.stringify((message.body as Requests['build'] | null)?.parameters);
    } catch {
      return false; // not JSON (a cycle): the build refuses it in its turn
    }
  };
  const handle = (message: RequestMessage): void => {
    if (building && !joinsPrepared(message)) {
      waiting.push(message);
      return;
    }
    try {
      run(message.id, message.kind, message.body);
    } catch (error) {
      refuse(message.id, error);
    }
    fillVolumesLater();
  };

  /**
   * A new case is answered once its knee is built; its volume (the fine grid nearest the probe
   * first, then the coarse surroundings) is filled here, a slice at a time between requests (at
   * least one top block a slice), until complete.
   */
  let volumeSlice = false;
  const pendingPatients = (): BuiltPatient[] => [...patients.all()].filter((b) => b.patient.volume && volumePending(b.patient.volume));
  function fillVolumesLater(): void {
    if (volumeSlice || pendingPatients().length === 0) return;
    volumeSlice = true;
    setTimeout(() => {
      volumeSlice = false;
      const start = now();
      for (const { patient } of pendingPatients()) {
        // Before any frame, round where the probe starts on a new case.
        while (!buildVolumeStep(patient.volume!, lastProbeCentre ?? PROBE_START_POINT) && now() - start < VOLUME_SLICE_MS);
      }
      fillVolumesLater();
    }, 0);
  }

  function run<K extends RequestKind>(id: number, kind: K, body: Requests[K]): void {
    const result = handlers[kind](body, id);
    if (result instanceof Promise && kind === 'build') {
      building = true;
      void result.then(
        (settled) => answer(id, kind, settled),
        (error: unknown) => refuse(id, error),
      ).finally(() => {
        resume();
        fillVolumesLater();
      });
      return;
    }
    if (result instanceof Promise) {
      result.then(
        (settled) => answer(id, kind, settled),
        (error: unknown) => refuse(id, error),
      );
      return;
    }
    answer(id, kind, result);
  }

  function answer<K extends RequestKind>(id: number, kind: K, result: Responses[K]): void {
    const reply: Partial<Responses> = {};
    reply[kind] = result;
    const transfer = transfers[kind];
    options.post({ id, ok: true, answer: reply }, transfer ? transfer(result) : []);
  }

  function refuse(id: number, error: unknown): void {
    const code = error instanceof SimError ? error.code : 'invalid-argument';
    options.post({ id, ok: false, error: { code, said: errorMessage(error) } }, []);
  }

  /**
   * Reads a case's stored volume and builds its patient before anyone asks (the worker does this
   * for the page's start case as it starts, while the page is still evaluating its own code).
   * Requests meanwhile wait as behind a build, but a build of this case joins it. Where nothing is
   * stored it builds the knee round a volume filled later, as a build would (buildAndStore).
   */
  function prepare(parameters: AnatomyParameters): void {
    if (building || patients.has(parameters) || !volumeCache) return;
    const watchers = new Set<(fraction: number) => void>();
    const progress = (fraction: number) => {
      entry.fraction = fraction;
      for (const watch of watchers) watch(fraction);
    };
    const entry: Prepared = { key: JSON.stringify(parameters), watchers, fraction: 0, done: buildFromStore(parameters, progress).then((built) => built ?? buildAndStore(parameters, progress)) };
    prepared = entry;
    building = true;
    entry.done
      .catch(() => null) // a build that joined it is refused with the error; on its own it is only a head start lost
      .finally(() => {
        prepared = null;
        resume();
        fillVolumesLater();
      });
  }

  return { handle, prepare };
}
