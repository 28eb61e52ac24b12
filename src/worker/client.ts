import type { AnatomyParameters } from '../core/anatomy/parameters';
import type { ProbePose } from '../core/probe/pose';
import type { ImagingSettings, WorkerRequest, WorkerResponse, FluidState } from './protocol';
import type { NeedleSegment } from '../core/ultrasound/echoField';
import type { AttemptEvent, AttemptMode } from '../core/attempt/events';
import type { AttemptFacts } from '../core/attempt/facts';

export interface BuildResult {
  buildMs: number;
  voxelCount: number;
  volumeBytes: number;
}

export interface WorkerFrame {
  width: number;
  height: number;
  pixels: Uint8Array;
  computeMs: number;
}

export type AppliedEvent = Omit<Extract<WorkerResponse, { type: 'applied' }>, 'type' | 'id'>;

type Pending = {
  resolve: (value: never) => void;
  reject: (error: Error) => void;
  onProgress?: (fraction: number) => void;
};

/** Promise-shaped access to the simulation worker. */
export class SimulationWorkerClient {
  private readonly worker: Worker;
  private nextId = 1;
  private fluidListener: ((fluid: FluidState) => void) | null = null;
  private readonly pending = new Map<number, Pending>();

  constructor() {
    this.worker = new Worker(new URL('./simulationWorker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (event: MessageEvent<WorkerResponse>) => this.receive(event.data);
    this.worker.onerror = (event) => {
      for (const p of this.pending.values()) p.reject(new Error(`Simulation worker failed: ${event.message}`));
      this.pending.clear();
    };
  }

  build(parameters: AnatomyParameters, onProgress: (fraction: number) => void): Promise<BuildResult> {
    return this.send({ type: 'build', id: 0, parameters }, onProgress);
  }

  renderFrame(pose: ProbePose, imaging: ImagingSettings, timeSeconds: number, needle: NeedleSegment | null): Promise<WorkerFrame> {
    return this.send({ type: 'frame', id: 0, pose, imaging, timeSeconds, needle });
  }

  /** Feeds one event of the live attempt to the worker's reducer. */
  applyEvent(event: AttemptEvent, mode: AttemptMode, throttleFluid = false): Promise<AppliedEvent> {
    return this.send({ type: 'event', id: 0, event, mode, throttleFluid });
  }

  /** Called with the fluid the worker redraws on its own after throttled injection steps. */
  onFluid(listener: (fluid: FluidState) => void): void {
    this.fluidListener = listener;
  }

  facts(): Promise<AttemptFacts | null> {
    return this.send({ type: 'facts', id: 0 });
  }

  /** Runs a log through a fresh reducer; with `show`, the image draws its fluid until showLive(). */
  replay(events: AttemptEvent[], mode: AttemptMode, show: boolean, asLive = false): Promise<{ facts: AttemptFacts | null; fluid: FluidState }> {
    return this.send({ type: 'replay', id: 0, events, mode, show, asLive });
  }

  showLive(): Promise<AppliedEvent> {
    return this.send({ type: 'show-live', id: 0 });
  }

  private send<T>(request: WorkerRequest, onProgress?: (fraction: number) => void): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: never) => void, reject, onProgress });
      this.worker.postMessage({ ...request, id });
    });
  }

  private receive(message: WorkerResponse): void {
    if (message.type === 'fluid') {
      this.fluidListener?.(message.fluid);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    switch (message.type) {
      case 'progress':
        pending.onProgress?.(message.fraction);
        return;
      case 'built':
        this.pending.delete(message.id);
        (pending.resolve as (v: BuildResult) => void)({ buildMs: message.buildMs, voxelCount: message.voxelCount, volumeBytes: message.volumeBytes });
        return;
      case 'frame':
        this.pending.delete(message.id);
        (pending.resolve as (v: WorkerFrame) => void)({
          width: message.width,
          height: message.height,
          pixels: new Uint8Array(message.pixels),
          computeMs: message.computeMs,
        });
        return;
      case 'applied':
        this.pending.delete(message.id);
        (pending.resolve as (v: AppliedEvent) => void)({ refused: message.refused, injection: message.injection, fluid: message.fluid });
        return;
      case 'facts':
        this.pending.delete(message.id);
        (pending.resolve as (v: AttemptFacts | null) => void)(message.facts);
        return;
      case 'replayed':
        this.pending.delete(message.id);
        (pending.resolve as (v: { facts: AttemptFacts | null; fluid: FluidState }) => void)({ facts: message.facts, fluid: message.fluid });
        return;
      case 'error':
        this.pending.delete(message.id);
        pending.reject(new Error(message.message));
    }
  }
}
