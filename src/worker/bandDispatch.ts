import type { AnatomyParameters } from '../core/anatomy/parameters';
import type { LabelVolume } from '../core/anatomy/voxelise';
import type { ProbePose } from '../core/probe/pose';
import type { ScannerSettings } from '../core/ultrasound/scannerSettings';
import type { NeedleSegment } from '../core/ultrasound/echoField';
import { SCAN_LINES, samplesForDepth } from '../core/ultrasound/bmode';
import { scanConvertBands, type LineBand } from '../core/ultrasound/bandCompose';
import { imageGeometry } from '../core/imaging/imageGeometry';
import type { FromBandWorker, ToBandWorker } from './bandProtocol';
import type { FrameResult } from './protocol';

/** The part of a MessagePort the dispatcher uses (a test passes in-process fakes). */
export interface BandPort {
  postMessage(message: ToBandWorker, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<FromBandWorker>) => void) | null;
}

interface FrameInProgress {
  bands: LineBand[];
  remaining: number;
  slowestBandMs: number;
  startMs: number;
  samples: number;
  depthMm: number;
  resolve: (frame: FrameResult) => void;
  reject: (error: Error) => void;
}

/** Scan lines [from, to) of each of `count` bands, as even as whole lines allow. */
export function bandCuts(count: number, lines = SCAN_LINES): [number, number][] {
  return Array.from({ length: count }, (_, i) => [Math.round((i * lines) / count), Math.round(((i + 1) * lines) / count)]);
}

/**
 * The simulation worker's side of the image band workers: it splits each B-mode frame into one
 * band of scan lines per worker, sends a worker the knee only when the case changed, and
 * scan-converts the bands that come back (transferred) straight into the frame's pixels.
 */
export class BandDispatcher {
  private nextFrameId = 1;
  private readonly frames = new Map<number, FrameInProgress>();
  private readonly patientSent: (string | null)[];
  private readonly cuts: [number, number][];

  constructor(
    private readonly ports: BandPort[],
    private readonly now: () => number,
  ) {
    this.patientSent = ports.map(() => null);
    this.cuts = bandCuts(ports.length);
    for (const port of ports) port.onmessage = (event) => this.receive(event.data);
  }

  get workers(): number {
    return this.ports.length;
  }

  /** One B-mode frame without injectate (band workers hold no fluid): answered when every band is in. */
  form(patient: { key: string; parameters: AnatomyParameters; volume: LabelVolume }, pose: ProbePose, settings: ScannerSettings, needle: NeedleSegment | null): Promise<FrameResult> {
    const frameId = this.nextFrameId++;
    const samples = samplesForDepth(settings.depthMm);
    return new Promise<FrameResult>((resolve, reject) => {
      this.frames.set(frameId, { bands: [], remaining: this.ports.length, slowestBandMs: 0, startMs: this.now(), samples, depthMm: settings.depthMm, resolve, reject });
      this.ports.forEach((port, i) => {
        if (this.patientSent[i] !== patient.key) {
          port.postMessage({ kind: 'patient', key: patient.key, parameters: patient.parameters, volume: patient.volume }, []);
          this.patientSent[i] = patient.key;
        }
        const [lineFrom, lineTo] = this.cuts[i];
        port.postMessage({ kind: 'band', frameId, patientKey: patient.key, pose, settings, needle, samples, lineFrom, lineTo }, []);
      });
    });
  }

  private receive(answer: FromBandWorker): void {
    const frame = this.frames.get(answer.frameId);
    if (!frame) return;
    if (!answer.ok) {
      this.frames.delete(answer.frameId);
      frame.reject(new Error(answer.error));
      return;
    }
    frame.bands.push({ lineFrom: answer.lineFrom, lineTo: answer.lineTo, data: new Uint8Array(answer.data) });
    frame.slowestBandMs = Math.max(frame.slowestBandMs, answer.computeMs);
    if (--frame.remaining > 0) return;
    this.frames.delete(answer.frameId);
    try {
      const image = imageGeometry(frame.depthMm);
      const pixels = new Uint8Array(image.cols * image.rows);
      frame.bands.sort((a, b) => a.lineFrom - b.lineFrom);
      scanConvertBands(frame.bands, SCAN_LINES, frame.samples, image.cols, image.rows, pixels);
      frame.resolve({ width: image.cols, height: image.rows, pixels: pixels.buffer, computeMs: this.now() - frame.startMs });
    } catch (error) {
      frame.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
