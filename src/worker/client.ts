import type { AnatomyParameters } from '../core/anatomy/parameters';
import type { ProbePose } from '../core/probe/pose';
import type { ImagingSettings, WorkerRequest, WorkerResponse, FluidSurfaceBuffers } from './protocol';
import type { NeedleSegment } from '../core/ultrasound/echoField';
import type { Vec3 } from '../core/math/vec3';
import type { FluidMeasures } from '../core/fluid/measures';
import type { InjectionResult } from '../core/fluid/spread';

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

type Pending = {
  resolve: (value: never) => void;
  reject: (error: Error) => void;
  onProgress?: (fraction: number) => void;
};

/** Promise-shaped access to the simulation worker. */
export class SimulationWorkerClient {
  private readonly worker: Worker;
  private nextId = 1;
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

  inject(tip: Vec3, ml: number, siteSMm: number): Promise<{ result: InjectionResult; measures: FluidMeasures; surface: FluidSurfaceBuffers | null }> {
    return this.send({ type: 'inject', id: 0, tip, ml, siteSMm });
  }

  private send<T>(request: WorkerRequest, onProgress?: (fraction: number) => void): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: never) => void, reject, onProgress });
      this.worker.postMessage({ ...request, id });
    });
  }

  private receive(message: WorkerResponse): void {
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
      case 'injected':
        this.pending.delete(message.id);
        (pending.resolve as (v: { result: InjectionResult; measures: FluidMeasures; surface: FluidSurfaceBuffers | null }) => void)({
          result: message.result,
          measures: message.measures,
          surface: message.surface,
        });
        return;
      case 'error':
        this.pending.delete(message.id);
        pending.reject(new Error(message.message));
    }
  }
}
