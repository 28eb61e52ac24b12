/// <reference lib="webworker" />
import { KneeAnatomy } from '../core/anatomy/knee';
import { voxelise } from '../core/anatomy/voxelise';
import { FrameMaker } from '../core/imaging/frame';
import type { WorkerRequest, WorkerResponse } from './protocol';

/** The heavy loops — voxelising the knee, forming image frames — run here, off the main thread. */
let frames: FrameMaker | null = null;

const post = (message: WorkerResponse, transfer: Transferable[] = []) => (self as DedicatedWorkerGlobalScope).postMessage(message, transfer);

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  try {
    if (request.type === 'build') {
      const start = performance.now();
      frames = null;
      const built = new KneeAnatomy(request.parameters);
      post({ type: 'progress', id: request.id, fraction: 0.2 });
      let lastPosted = 0;
      const vol = voxelise(built, {
        spacingMm: request.voxelSpacingMm,
        onProgress: (f) => {
          if (f - lastPosted >= 0.05 || f === 1) {
            lastPosted = f;
            post({ type: 'progress', id: request.id, fraction: 0.2 + 0.8 * f });
          }
        },
      });
      frames = new FrameMaker(built, vol);
      post({ type: 'built', id: request.id, buildMs: performance.now() - start, voxelCount: vol.labels.length, volumeBytes: vol.labels.byteLength });
    } else if (request.type === 'frame') {
      if (!frames) throw new Error('The knee is not built yet');
      const start = performance.now();
      const { imaging } = request;
      const frame =
        imaging.mode === 'anatomy'
          ? frames.anatomyFrame(request.pose, imaging.depthMm, imaging.gainDb)
          : frames.bModeFrame(request.pose, { ...imaging, tgcDb: imaging.tgcDb, timeSeconds: request.timeSeconds });
      const buffer = frame.pixels.buffer as ArrayBuffer;
      post({ type: 'frame', id: request.id, width: frame.width, height: frame.height, pixels: buffer, computeMs: performance.now() - start }, [buffer]);
    }
  } catch (error) {
    post({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) });
  }
};
