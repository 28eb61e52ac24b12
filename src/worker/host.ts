import { volumeBytes, volumePending } from '../core/anatomy/voxelise';
import type { AnatomyParameters } from '../core/anatomy/parameters';
import { SimError, errorMessage } from '../core/simError';
import { message } from '../core/message';
import { PatientCache, patientKey, type BuiltPatient, type PatientBuilder } from './patients';
import { PatientBuilds } from './patientBuilds';
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

/** A case being built before it was asked for: its key (patientKey), and who follows its progress. */
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
  const volumeCache = options.volumeCache ?? null;
  const builds = new PatientBuilds(patients, volumeCache, now);
  const sessions = new Map<SessionId, SimulationSession>();
  let shown: SessionId = 'live';
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
      if (prepared?.key === patientKey(parameters)) {
        prepared.watchers.add(progress);
        if (prepared.fraction > 0) progress(prepared.fraction);
        return prepared.done.then(finish);
      }
      if (!volumeCache || patients.has(parameters)) return finish(patients.get(parameters, progress));
      return builds.fromStore(parameters, progress).then((built) => finish(built ?? builds.buildAndStore(parameters, progress)));
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
      builds.framed(body.pose?.centre);
      // Band workers hold the knee, not the injectate: a frame with fluid or its effects is formed
      // here, and so is one before the knee's volume is complete (the knee goes to them once).
      if (bands && imaging.mode === 'b-mode' && !fx && !(sim?.fluid && sim.fluid.totalInjectedMl > 0) && built.patient.volume && !volumePending(built.patient.volume)) {
        const parameters = built.patient.knee.parameters;
        return bands.form({ key: patientKey(parameters), parameters, volume: built.patient.volume }, body.pose, { ...imaging, timeSeconds: body.timeSeconds }, body.needle);
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
   * meanwhile would otherwise voxelise the knee itself). Builds in flight are counted: a
   * preparation and the build that joins it end one after the other, and the requests behind
   * them run once both have (the build answered first).
   */
  let buildsInFlight = 0;
  const waiting: RequestMessage[] = [];
  const buildEnded = () => {
    buildsInFlight--;
    while (buildsInFlight === 0 && waiting.length > 0) handle(waiting.shift()!);
    builds.fillLater();
  };
  /** A build of the case being prepared runs at once, to follow it; anything else waits. */
  const joinsPrepared = (message: RequestMessage): boolean => {
    if (message.kind !== 'build' || prepared === null) return false;
    try {
      return prepared.key === patientKey((message.body as Requests['build'] | null)?.parameters as AnatomyParameters);
    } catch {
      return false; // not JSON (a cycle): the build refuses it in its turn
    }
  };
  const handle = (message: RequestMessage): void => {
    if (buildsInFlight > 0 && !joinsPrepared(message)) {
      waiting.push(message);
      return;
    }
    try {
      run(message.id, message.kind, message.body);
    } catch (error) {
      refuse(message.id, error);
    }
    builds.requested();
    builds.fillLater();
  };

  function run<K extends RequestKind>(id: number, kind: K, body: Requests[K]): void {
    const result = handlers[kind](body, id);
    if (result instanceof Promise && kind === 'build') {
      buildsInFlight++;
      void result
        .then(
          (settled) => answer(id, kind, settled),
          (error: unknown) => refuse(id, error),
        )
        .finally(buildEnded);
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
    if (buildsInFlight > 0 || patients.has(parameters) || !volumeCache) return;
    const watchers = new Set<(fraction: number) => void>();
    const progress = (fraction: number) => {
      entry.fraction = fraction;
      for (const watch of watchers) watch(fraction);
    };
    const entry: Prepared = { key: patientKey(parameters), watchers, fraction: 0, done: builds.fromStore(parameters, progress).then((built) => built ?? builds.buildAndStore(parameters, progress)) };
    prepared = entry;
    buildsInFlight++;
    entry.done
      .catch(() => null) // a build that joined it is refused with the error; on its own it is only a head start lost
      .finally(() => {
        prepared = null;
        buildEnded();
      });
  }

  return { handle, prepare };
}
