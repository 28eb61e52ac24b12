import type { AnatomyParameters } from '../core/anatomy/parameters';
import type { LabelVolume } from '../core/anatomy/voxelise';
import type { ProbePose } from '../core/probe/pose';
import type { ScannerSettings } from '../core/ultrasound/scannerSettings';
import type { NeedleSegment } from '../core/ultrasound/echoField';

/**
 * Messages between the simulation worker and the image band workers, over one MessagePort each.
 * The knee travels once per case (a structured clone of its label volume), never with a frame: a
 * port delivers in order, so a band request always finds the patient sent before it.
 */
export type ToBandWorker =
  | { kind: 'patient'; key: string; parameters: AnatomyParameters; volume: LabelVolume }
  | {
      kind: 'band';
      frameId: number;
      /** The patient (by key) the band is of. */
      patientKey: string;
      pose: ProbePose;
      settings: ScannerSettings;
      needle: NeedleSegment | null;
      samples: number;
      lineFrom: number;
      lineTo: number;
    };

/** A band formed (its grey levels transferred, line-major from lineFrom), or why not. */
export type FromBandWorker =
  | { frameId: number; ok: true; lineFrom: number; lineTo: number; data: ArrayBuffer; computeMs: number }
  | { frameId: number; ok: false; error: string };

/** What the main thread sends a band worker it starts: its end of the port to the simulation worker. */
export interface BandWorkerConnect {
  kind: 'connect';
  port: MessagePort;
}
