// A worker thread of the band bench (scripts/benchBands.ts): builds the default knee, then forms
// the band of scan lines it is asked for, frame after frame, and hands each band back transferred.
import { parentPort } from 'node:worker_threads';
import { KneeAnatomy } from '../src/core/anatomy/knee';
import { voxelise } from '../src/core/anatomy/voxelise';
import { BModeImager } from '../src/core/ultrasound/bmode';
import type { ProbePose } from '../src/core/probe/pose';
import type { ScannerSettings } from '../src/core/ultrasound/scannerSettings';

const knee = new KneeAnatomy();
const imager = new BModeImager(knee, voxelise(knee));
interface BandRequest {
  pose: ProbePose;
  settings: ScannerSettings;
  samples: number;
  lineFrom: number;
  lineTo: number;
}
parentPort!.on('message', (r: BandRequest) => {
  const band = new Uint8Array((r.lineTo - r.lineFrom) * r.samples);
  const t0 = performance.now();
  imager.formLines(r.pose, r.settings, {}, r.samples, r.lineFrom, r.lineTo, band);
  parentPort!.postMessage({ band, lineFrom: r.lineFrom, computeMs: performance.now() - t0 }, [band.buffer]);
});
parentPort!.postMessage('ready');
