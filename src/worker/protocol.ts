import type { AnatomyParameters } from '../core/anatomy/parameters';
import type { ProbePose } from '../core/probe/pose';
import type { NeedleSegment } from '../core/ultrasound/echoField';
import type { Vec3 } from '../core/math/vec3';
import type { FluidMeasures } from '../core/fluid/measures';
import type { InjectionResult } from '../core/fluid/spread';

/** Messages between the main thread and the simulation worker. Pixels travel as transferred buffers. */
export type ImageMode = 'b-mode' | 'anatomy';

export interface ImagingSettings {
  /** B-mode (the scanner's picture) or the anatomy in the probe's plane (a teaching overlay). */
  mode: ImageMode;
  depthMm: number;
  gainDb: number;
  frequencyMHz: number;
  focusMm: number;
  dynamicRangeDb: number;
  /** Time-gain compensation, five bands from skin to the bottom of the image, dB. */
  tgcDb: number[];
}

export type WorkerRequest =
  | { type: 'build'; id: number; parameters: AnatomyParameters; voxelSpacingMm?: number }
  | { type: 'frame'; id: number; pose: ProbePose; imaging: ImagingSettings; timeSeconds: number; needle: NeedleSegment | null }
  | { type: 'inject'; id: number; tip: Vec3; ml: number; siteSMm: number };

export type WorkerResponse =
  | { type: 'progress'; id: number; fraction: number }
  | { type: 'built'; id: number; buildMs: number; voxelCount: number; volumeBytes: number }
  | { type: 'frame'; id: number; width: number; height: number; pixels: ArrayBuffer; computeMs: number }
  | { type: 'injected'; id: number; result: InjectionResult; measures: FluidMeasures; surface: FluidSurfaceBuffers | null }
  | { type: 'error'; id: number; message: string };

/** The injectate's surface for the 3D view, as transferable buffers (limb frame, mm). */
export interface FluidSurfaceBuffers {
  positions: Float32Array;
  normals: Float32Array;
  indices: Uint32Array;
}
