/// <reference lib="webworker" />
import { KneeAnatomy } from '../core/anatomy/knee';
import { voxelise } from '../core/anatomy/voxelise';
import { FrameMaker } from '../core/imaging/frame';
import { FluidSpread } from '../core/fluid/spread';
import { measureFluid, intraneuralSpan } from '../core/fluid/measures';
import { swellingFor, type NerveSwellingSpan } from '../core/ultrasound/nerveDeformation';
import { fluidDisplacement, type FluidDisplacement } from '../core/fluid/displacement';
import { fluidSurface } from '../core/fluid/fluidSurface';
import type { LabelVolume } from '../core/anatomy/voxelise';
import type { WorkerRequest, WorkerResponse } from './protocol';

/** The heavy loops — voxelising the knee, forming image frames, spreading injectate — run here. */
let frames: FrameMaker | null = null;
let patient: { knee: KneeAnatomy; volume: LabelVolume; fluid: FluidSpread; swelling: NerveSwellingSpan | null; displacement: FluidDisplacement | null } | null = null;

const post = (message: WorkerResponse, transfer: Transferable[] = []) => (self as DedicatedWorkerGlobalScope).postMessage(message, transfer);

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  try {
    if (request.type === 'build') {
      const start = performance.now();
      frames = null;
      patient = null;
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
      patient = { knee: built, volume: vol, fluid: new FluidSpread(vol, request.parameters.seed), swelling: null, displacement: null };
      post({ type: 'built', id: request.id, buildMs: performance.now() - start, voxelCount: vol.labels.length, volumeBytes: vol.labels.byteLength });
    } else if (request.type === 'frame') {
      if (!frames) throw new Error('The knee is not built yet');
      const start = performance.now();
      const { imaging } = request;
      const frame =
        imaging.mode === 'anatomy'
          ? frames.anatomyFrame(request.pose, imaging.depthMm, imaging.gainDb)
          : frames.bModeFrame(request.pose, { ...imaging, tgcDb: imaging.tgcDb, timeSeconds: request.timeSeconds }, {
              fluid: patient?.fluid.field.fill ?? null,
              needle: request.needle,
              nerveDeformation: patient ? { swelling: patient.swelling, lift: patient.displacement?.nerveLift ?? null } : null,
              adhesionReleased: patient?.displacement?.adhesionReleased ?? false,
            });
      const buffer = frame.pixels.buffer as ArrayBuffer;
      post({ type: 'frame', id: request.id, width: frame.width, height: frame.height, pixels: buffer, computeMs: performance.now() - start }, [buffer]);
    } else if (request.type === 'inject') {
      if (!patient) throw new Error('The knee is not built yet');
      const result = patient.fluid.inject(request.tip, request.ml);
      const measures = measureFluid(patient.knee, patient.volume, patient.fluid.field, request.siteSMm, patient.fluid.filledBox);
      const surface = fluidSurface(patient.fluid);
      if (measures.intraneuralMl > 0) {
        const span = intraneuralSpan(patient.knee, patient.volume, patient.fluid.field, patient.fluid.filledBox);
        patient.swelling = span ? swellingFor(measures.intraneuralMl, span.sMinMm, span.sMaxMm) : null;
      }
      patient.displacement = fluidDisplacement(patient.knee, patient.volume, patient.fluid.field, patient.fluid.filledBox);
      const transfer = surface ? [surface.positions.buffer, surface.normals.buffer, surface.indices.buffer] : [];
      post({ type: 'injected', id: request.id, result, measures, surface }, transfer as ArrayBuffer[]);
    }
  } catch (error) {
    post({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) });
  }
};
