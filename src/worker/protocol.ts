import type { AnatomyParameters } from '../core/anatomy/parameters';
import type { ProbePose } from '../core/probe/pose';
import type { NeedleSegment } from '../core/ultrasound/echoField';
import type { FluidMeasures } from '../core/fluid/measures';
import type { InjectionResult } from '../core/fluid/spread';
import type { AttemptEvent, AttemptMode, ImagingSettings } from '../core/attempt/events';
import type { AttemptFacts } from '../core/attempt/facts';
import type { TissueType } from '../core/anatomy/tissues';

export type { ImagingSettings };
/** Messages between the main thread and the simulation worker. Pixels travel as transferred buffers. */
export type ImageMode = ImagingSettings['mode'];

export type WorkerRequest =
  | { type: 'build'; id: number; parameters: AnatomyParameters }
  | { type: 'frame'; id: number; pose: ProbePose; imaging: ImagingSettings; timeSeconds: number; needle: NeedleSegment | null }
  /** One event of the live attempt, for the worker's copy of the reducer. */
  /** `throttleFluid`: a press-and-hold step — redraw the fluid's figures and surface at most a few times a second. */
  | { type: 'event'; id: number; event: AttemptEvent; mode: AttemptMode; throttleFluid: boolean }
  | { type: 'facts'; id: number }
  /** Runs a whole log through a fresh reducer (replay, rescoring an import); `show` puts it on the image, `asLive` makes it the live attempt (resume). */
  | { type: 'replay'; id: number; events: AttemptEvent[]; mode: AttemptMode; show: boolean; asLive: boolean }
  | { type: 'show-live'; id: number };

/** The injectate as the UI shows it: the figures, the 3D surface, and whether scar has let go. */
export interface FluidState {
  measures: FluidMeasures | null;
  surface: FluidSurfaceBuffers | null;
  adhesionReleased: boolean;
}

export type WorkerResponse =
  | { type: 'progress'; id: number; fraction: number }
  | { type: 'built'; id: number; buildMs: number; voxelCount: number; volumeBytes: number }
  | { type: 'frame'; id: number; width: number; height: number; pixels: ArrayBuffer; computeMs: number }
  | { type: 'applied'; id: number; refused: string | null; injection: (InjectionResult & { tipTissue: TissueType }) | null; fluid: FluidState | null }
  | { type: 'facts'; id: number; facts: AttemptFacts | null }
  | { type: 'replayed'; id: number; facts: AttemptFacts | null; fluid: FluidState }
  /** The fluid redrawn after throttled steps (unsolicited, id 0). */
  | { type: 'fluid'; id: number; fluid: FluidState }
  | { type: 'error'; id: number; message: string };

/** The injectate's surface for the 3D view, as transferable buffers (limb frame, mm). */
export interface FluidSurfaceBuffers {
  positions: Float32Array;
  normals: Float32Array;
  indices: Uint32Array;
}
