import type { FluidSurfaceUpdate, SurfaceJob } from '../core/fluid/fluidMesher';
import type { SimulationSession } from './session';
import type { FluidState, SessionId, SessionSnapshot, WorkerMessage } from './protocol';

/**
 * While the trainee holds the plunger (a step every 100 ms), the figures and the nerve's push are
 * redrawn at most every FLUID_REFRESH_MS and the 3D surface every SURFACE_REFRESH_MS (each costs
 * time the image needs; the surface only its changed blocks); once the plunger rests, everything is redrawn.
 */
const FLUID_REFRESH_MS = 400;
const SURFACE_REFRESH_MS = 400;
const AT_REST_MS = 250;
/** The most a replay's surface push works in one turn before letting a waiting seek answer. */
const SURFACE_SLICE_MS = 20;

/** The re-meshed blocks' buffers: handed over, the worker keeps none of them. */
export const surfaceBuffers = (fluid: FluidState | null | undefined): Transferable[] =>
  (fluid?.surface?.changed ?? []).flatMap((b) => (b.mesh ? [b.mesh.positions.buffer, b.mesh.normals.buffer, b.mesh.indices.buffer] : [])) as Transferable[];

export interface FluidPushOptions {
  now: () => number;
  post: (message: WorkerMessage, transfer: Transferable[]) => void;
  /** The host's sessions by id: a push is for the session still registered under its id. */
  sessions: ReadonlyMap<SessionId, SimulationSession>;
}

/** What the host tells the fluid's pushes, and the replay's seek that pushes its surface after. */
export interface FluidPushes {
  /** A held plunger's step, applied with its fluid left behind: figures and surface follow on the throttle. */
  throttledStep(id: SessionId): void;
  /** An injection answered with its figures and surface: the throttle counts again from now. */
  answeredInjection(): void;
  /** A new live session: nothing pending is pushed for the one before. */
  stopLive(): void;
  /** Seeks `target` (the session `id`); a replay's surface follows as a push. */
  seek(id: SessionId, target: SimulationSession, index: number): SessionSnapshot;
}

/**
 * The injectate's figures and 3D surface pushed to the page after the moments that leave them
 * behind: a held plunger's steps (throttled while it is held, everything once it rests) and a
 * replay's seeks. The surface is meshed a slice a turn, so requests answer in between.
 */
export function createFluidPushes({ now, post, sessions }: FluidPushOptions): FluidPushes {
  const throttle = { lastRefreshMs: -Infinity, lastSurfaceMs: -Infinity, refreshTimer: null as ReturnType<typeof setTimeout> | null, restTimer: null as ReturnType<typeof setTimeout> | null };
  const clearTimers = () => {
    if (throttle.refreshTimer) clearTimeout(throttle.refreshTimer);
    if (throttle.restTimer) clearTimeout(throttle.restTimer);
    throttle.refreshTimer = null;
    throttle.restTimer = null;
  };
  /**
   * Runs a surface job SURFACE_SLICE_MS a turn while `current` holds (a newer job or another
   * session ends it), then hands over its update (null: another update of the mesher came first).
   */
  const sliced = (job: SurfaceJob, current: () => boolean, finished: (surface: FluidSurfaceUpdate | null) => void) => {
    const slice = () => {
      if (!current()) return;
      const until = now() + SURFACE_SLICE_MS;
      let surface: FluidSurfaceUpdate | null;
      do surface = job.step(1);
      while (!surface && !job.done && now() < until);
      if (job.done) finished(surface);
      else setTimeout(slice, 0);
    };
    slice();
  };
  /** The live hold's surface job under way, and the figures last pushed (its push carries the newest). */
  const live = { job: null as SurfaceJob | null, session: null as SimulationSession | null, fluid: null as FluidState | null };
  /**
   * The figures go out at once; the surface's changed blocks are meshed a slice a turn, so the
   * image's frames and the next steps answer meanwhile. A job under way is left to finish, not
   * begun again: while the plunger is held steps keep coming, and a job restarted at every
   * refresh never finished (the figures and the 3D fluid froze while the syringe emptied).
   */
  const pushFluid = (id: SessionId, withSurface: boolean) => {
    const session = sessions.get(id);
    if (!session) return;
    throttle.lastRefreshMs = now();
    const fluid = session.refreshFluid(false);
    live.fluid = fluid;
    post({ id: 0, push: 'fluid', session: id, fluid }, []);
    if (!withSurface || !session.surfaceBehind || (live.job && live.session === session)) return;
    throttle.lastSurfaceMs = throttle.lastRefreshMs;
    const started = session.surfaceJob(false);
    if (!started) return;
    live.job = started.job;
    live.session = session;
    sliced(
      started.job,
      () => live.job === started.job && sessions.get(id) === session,
      (surface) => {
        live.job = live.session = null;
        // Null: an event's answer meshed the surface first, with newer figures than these.
        if (surface) {
          const pushed = { ...(live.fluid ?? fluid), surface };
          post({ id: 0, push: 'fluid', session: id, fluid: pushed }, surfaceBuffers(pushed));
        }
        // Steps came in while it was meshed and the plunger has since come to rest: their surface too.
        if (session.surfaceBehind && !throttle.refreshTimer && !throttle.restTimer) pushFluid(id, true);
      },
    );
  };
  const throttledStep = (id: SessionId) => {
    if (throttle.restTimer) clearTimeout(throttle.restTimer);
    throttle.restTimer = setTimeout(() => {
      clearTimers();
      pushFluid(id, true);
    }, AT_REST_MS);
    throttle.refreshTimer ??= setTimeout(
      () => {
        throttle.refreshTimer = null;
        pushFluid(id, now() - throttle.lastSurfaceMs >= SURFACE_REFRESH_MS);
      },
      Math.max(0, throttle.lastRefreshMs + FLUID_REFRESH_MS - now()),
    );
  };

  /**
   * A replay's seek answers with the moment's reports and fluid figures at once; the fluid's 3D
   * surface (the costly part: meshing it at every injection passed made playing at 8× fall
   * behind its clock) follows as a push, whole, at most every SURFACE_REFRESH_MS while seeking
   * goes on (as a hold's steps do) and once it rests AT_REST_MS. It is made SURFACE_SLICE_MS at a
   * time, a turn each, so a seek arriving meanwhile answers after one slice, not the whole surface.
   */
  const seekSurface = { lastMs: -Infinity, restTimer: null as ReturnType<typeof setTimeout> | null, refreshTimer: null as ReturnType<typeof setTimeout> | null, job: null as SurfaceJob | null };
  const pushSeekSurface = (id: SessionId, target: SimulationSession) => {
    for (const timer of [seekSurface.restTimer, seekSurface.refreshTimer]) if (timer) clearTimeout(timer);
    seekSurface.restTimer = seekSurface.refreshTimer = null;
    if (sessions.get(id) !== target || !target.surfaceBehind) return;
    seekSurface.lastMs = now();
    const started = target.surfaceJob();
    seekSurface.job = started?.job ?? null;
    if (!started) return;
    sliced(
      started.job,
      // A newer push replaced this one, or the session was closed.
      () => seekSurface.job === started.job && sessions.get(id) === target,
      (surface) => {
        seekSurface.job = null;
        if (surface) post({ id: 0, push: 'fluid', session: id, fluid: { ...started.fluid, surface } }, surfaceBuffers({ ...started.fluid, surface }));
        // Another update of the session's surface came first (a seek that meshed it): again, once seeking rests.
        else if (target.surfaceBehind) seekSurface.restTimer = setTimeout(() => pushSeekSurface(id, target), AT_REST_MS);
      },
    );
  };
  const seek = (id: SessionId, target: SimulationSession, index: number): SessionSnapshot => {
    // Only the replay's seeks are shown one after another (the review's make saved images).
    if (id !== 'replay') return target.seek(index);
    const snapshot = target.seek(index, true);
    if (seekSurface.restTimer) clearTimeout(seekSurface.restTimer);
    seekSurface.restTimer = null;
    if (target.surfaceBehind) {
      seekSurface.restTimer = setTimeout(() => pushSeekSurface(id, target), AT_REST_MS);
      seekSurface.refreshTimer ??= setTimeout(() => pushSeekSurface(id, target), Math.max(0, seekSurface.lastMs + SURFACE_REFRESH_MS - now()));
    }
    return snapshot;
  };

  return {
    throttledStep,
    answeredInjection: () => {
      clearTimers();
      throttle.lastRefreshMs = throttle.lastSurfaceMs = now();
    },
    stopLive: clearTimers,
    seek,
  };
}
