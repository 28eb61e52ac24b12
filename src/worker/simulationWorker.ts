/// <reference lib="webworker" />
import '../storage/jitless';
import { KneeAnatomy } from '../core/anatomy/knee';
import { voxelise, volumeBytes, type LabelVolume } from '../core/anatomy/voxelise';
import type { AnatomyParameters } from '../core/anatomy/parameters';
import { FrameMaker } from '../core/imaging/frame';
import { AttemptSimulation, type Patient } from '../core/attempt/simulation';
import type { AttemptEvent } from '../core/attempt/events';
import type { AttemptFacts } from '../core/attempt/facts';
import type { FluidMeasures } from '../core/fluid/measures';
import type { NerveSwellingSpan } from '../core/ultrasound/nerveDeformation';
import { fluidSurface } from '../core/fluid/fluidSurface';
import type { FluidDisplacement } from '../core/fluid/displacement';
import { fluidEffects } from '../core/fluid/fluidEffects';
import type { WorkerRequest, WorkerResponse, FluidState } from './protocol';

/**
 * The heavy loops — voxelising the knee, forming image frames, spreading injectate — run here.
 * The attempt's events arrive as they happen and go through the same reducer a replay uses.
 */
const post = (message: WorkerResponse, transfer: Transferable[] = []) => (self as DedicatedWorkerGlobalScope).postMessage(message, transfer);

/** Built knees by their parameters: a replay of another case must not throw away the live one. */
const patients = new Map<string, { patient: Patient; frames: FrameMaker }>();
const MAX_PATIENTS = 2;
const keyOf = (p: AnatomyParameters) => JSON.stringify(p);

function buildPatient(parameters: AnatomyParameters, onProgress?: (fraction: number) => void) {
  const key = keyOf(parameters);
  const cached = patients.get(key);
  if (cached) return cached;
  const knee = new KneeAnatomy(parameters);
  onProgress?.(0.2);
  const volume: LabelVolume = voxelise(knee, { onProgress: (f) => onProgress?.(0.2 + 0.8 * f) });
  const built = { patient: { knee, volume }, frames: new FrameMaker(knee, volume) };
  if (patients.size >= MAX_PATIENTS) patients.delete(patients.keys().next().value as string);
  patients.set(key, built);
  return built;
}

/** What the image draws of the injectate's effects, per simulation (recomputed after injections). */
interface FluidEffects {
  swelling: NerveSwellingSpan | null;
  displacement: FluidDisplacement | null;
  measures: FluidMeasures | null;
}
const effects = new WeakMap<AttemptSimulation, FluidEffects>();

function refreshEffects(sim: AttemptSimulation, withSurface = true): FluidState {
  const fluid = sim.fluid;
  const patient = sim.patient;
  if (!fluid || !patient?.volume || sim.injectionSiteSMm === null) {
    effects.set(sim, { swelling: null, displacement: null, measures: null });
    return { measures: null, surface: null, adhesionReleased: false };
  }
  const { measures, swelling, displacement } = fluidEffects(patient.knee, patient.volume, fluid.field, fluid.filledBox, sim.injectionSiteSMm);
  effects.set(sim, { swelling, displacement, measures });
  return { measures, surface: withSurface ? fluidSurface(fluid) : null, adhesionReleased: displacement.adhesionReleased };
}

const provider = (parameters: AnatomyParameters) => buildPatient(parameters).patient;
let live = new AttemptSimulation(provider);
/** The simulation the image shows: the live attempt, or a replay being reviewed. */
let shown: AttemptSimulation = live;

/**
 * While the trainee holds the plunger (0.1 ml every 100 ms), the figures and the nerve's push are
 * redrawn at most every FLUID_REFRESH_MS and the 3D surface every SURFACE_REFRESH_MS (each costs
 * tens of ms the image needs); once the plunger rests, everything is redrawn.
 */
const FLUID_REFRESH_MS = 400;
const SURFACE_REFRESH_MS = 1200;
const AT_REST_MS = 250;
let lastRefreshMs = -Infinity;
let lastSurfaceMs = -Infinity;
let refreshTimer: ReturnType<typeof setTimeout> | null = null;
let restTimer: ReturnType<typeof setTimeout> | null = null;
function refreshLive(withSurface = true): FluidState {
  if (refreshTimer) clearTimeout(refreshTimer);
  refreshTimer = null;
  lastRefreshMs = performance.now();
  if (withSurface) lastSurfaceMs = lastRefreshMs;
  return refreshEffects(live, withSurface);
}
function pushRefresh(withSurface: boolean): void {
  const fluid = refreshLive(withSurface);
  post({ type: 'fluid', id: 0, fluid }, surfaceTransfer(fluid));
}
function throttledStep(): void {
  if (restTimer) clearTimeout(restTimer);
  restTimer = setTimeout(() => {
    restTimer = null;
    pushRefresh(true);
  }, AT_REST_MS);
  refreshTimer ??= setTimeout(() => {
    refreshTimer = null;
    pushRefresh(performance.now() - lastSurfaceMs >= SURFACE_REFRESH_MS);
  }, Math.max(0, lastRefreshMs + FLUID_REFRESH_MS - performance.now()));
}

/** Events fed to the live reducer (applied or refused: either may move the attempt's clock). */
let liveEventCount = 0;
let factsCache: { sim: AttemptSimulation; events: number; facts: AttemptFacts | null } | null = null;

const surfaceTransfer = (state: FluidState): Transferable[] => (state.surface ? [state.surface.positions.buffer, state.surface.normals.buffer, state.surface.indices.buffer] : []) as Transferable[];

function applyAll(sim: AttemptSimulation, events: AttemptEvent[]) {
  for (const e of events) sim.apply(e);
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  try {
    if (request.type === 'build') {
      const start = performance.now();
      let lastPosted = 0;
      const built = buildPatient(request.parameters, (f) => {
        if (f - lastPosted >= 0.05 || f === 1) {
          lastPosted = f;
          post({ type: 'progress', id: request.id, fraction: f });
        }
      });
      const volume = built.patient.volume!;
      post({ type: 'built', id: request.id, buildMs: performance.now() - start, voxelCount: volume.labels.length, volumeBytes: volumeBytes(volume) });
    } else if (request.type === 'event') {
      if (request.event.kind === 'case-loaded') {
        live = new AttemptSimulation(provider, request.mode);
        shown = live;
      }
      liveEventCount++;
      const outcome = live.apply(request.event);
      let fluid: FluidState | null = null;
      if (request.event.kind === 'injection' && outcome.injection) {
        if (request.throttleFluid) throttledStep();
        else fluid = refreshLive();
      }
      post({ type: 'applied', id: request.id, refused: outcome.refused ?? null, injection: outcome.injection ?? null, fluid }, fluid ? surfaceTransfer(fluid) : []);
    } else if (request.type === 'facts') {
      // The guided checklist asks every second; the facts change only with an event.
      if (factsCache?.sim !== live || factsCache.events !== liveEventCount) factsCache = { sim: live, events: liveEventCount, facts: live.attemptFacts() };
      post({ type: 'facts', id: request.id, facts: factsCache.facts });
    } else if (request.type === 'replay') {
      const sim = new AttemptSimulation(provider, request.mode);
      applyAll(sim, request.events);
      const fluid = refreshEffects(sim);
      if (request.show) shown = sim;
      if (request.asLive) live = sim;
      post({ type: 'replayed', id: request.id, facts: sim.attemptFacts(), fluid }, surfaceTransfer(fluid));
    } else if (request.type === 'show-live') {
      shown = live;
      post({ type: 'applied', id: request.id, refused: null, injection: null, fluid: null });
    } else if (request.type === 'frame') {
      const patient = shown.patient ?? live.patient;
      if (!patient) throw new Error('The knee is not built yet');
      // Rebuilt if a replay of two other cases pushed it out of the cache.
      const built = buildPatient(patient.knee.parameters);
      const start = performance.now();
      const { imaging } = request;
      const fx = effects.get(shown);
      const frame =
        imaging.mode === 'anatomy'
          ? built.frames.anatomyFrame(request.pose, imaging.depthMm, imaging.gainDb)
          : built.frames.bModeFrame(request.pose, { ...imaging, timeSeconds: request.timeSeconds }, {
              fluid: shown.fluid?.field.fill ?? null,
              needle: request.needle,
              nerveDeformation: fx ? { swelling: fx.swelling, lift: fx.displacement?.nerveLift ?? null } : null,
              adhesionReleased: fx?.displacement?.adhesionReleased ?? false,
            });
      const buffer = frame.pixels.buffer as ArrayBuffer;
      post({ type: 'frame', id: request.id, width: frame.width, height: frame.height, pixels: buffer, computeMs: performance.now() - start }, [buffer]);
    }
  } catch (error) {
    post({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) });
  }
};
