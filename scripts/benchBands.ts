// B-mode frames split across 1, 2 and 4 worker threads by scan-line bands (BModeImager.formLines),
// composed on the calling thread and scan-converted there: what a pool of image workers gives on
// this machine. Each worker builds its own knee first (not timed).
import { Worker } from 'node:worker_threads';
import type { KneeAnatomy } from '../src/core/anatomy/knee';
import { SCAN_LINES } from '../src/core/ultrasound/bmode';
import { scanConvert } from '../src/core/ultrasound/display';
import { imageGeometry } from '../src/core/imaging/imageGeometry';
import { defaultScannerSettings } from '../src/core/ultrasound/scannerSettings';
import { placeProbe } from '../src/core/probe/placement';
import { summarise, line } from './benchFigures';

interface BandAnswer {
  band: Uint8Array;
  lineFrom: number;
  computeMs: number;
}

async function startWorkers(count: number): Promise<Worker[]> {
  // The worker's TypeScript is loaded through tsx's API (a worker does not inherit the --import hook).
  const url = new URL('./benchBandWorker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(url)}, ${JSON.stringify(import.meta.url)}))`;
  const workers = Array.from({ length: count }, () => new Worker(boot, { eval: true }));
  await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
  return workers;
}

export async function benchBands(knee: KneeAnatomy, frames = 60): Promise<void> {
  const settings = { ...defaultScannerSettings, depthMm: 40 };
  const samples = 512;
  const start = knee.nerveAt(25)!.centre;
  const end = knee.nerveAt(-15)!.centre;
  const image = imageGeometry(settings.depthMm);
  const lineData = new Uint8Array(SCAN_LINES * samples);
  for (const count of [1, 2, 4]) {
    const workers = await startWorkers(count);
    const wall: number[] = [];
    const slowestBand: number[] = [];
    for (let i = 0; i < frames; i++) {
      const t = i / (frames - 1);
      const centre = { x: start.x + (end.x - start.x) * t, y: start.y + (end.y - start.y) * t, z: start.z + (end.z - start.z) * t };
      const pose = placeProbe(knee, { centre, rotationDeg: 0, compressionMm: 1 });
      const t0 = performance.now();
      const answers = await Promise.all(
        workers.map((w, k) => {
          const lineFrom = Math.round((k * SCAN_LINES) / count);
          const lineTo = Math.round(((k + 1) * SCAN_LINES) / count);
          return new Promise<BandAnswer>((resolve) => {
            w.once('message', resolve);
            w.postMessage({ pose, settings, samples, lineFrom, lineTo });
          });
        }),
      );
      for (const a of answers) lineData.set(a.band, a.lineFrom * samples);
      const pixels = new Uint8Array(image.cols * image.rows);
      scanConvert(lineData, SCAN_LINES, samples, image.cols, image.rows, pixels);
      wall.push(performance.now() - t0);
      slowestBand.push(Math.max(...answers.map((a) => a.computeMs)));
    }
    await Promise.all(workers.map((w) => w.terminate()));
    const warm = Math.min(10, frames >> 2);
    line(`B-mode 40 mm, ${count} worker${count > 1 ? 's' : ''} (wall)`, summarise(wall.slice(warm)), 'ms', 6);
    line(`  slowest band's compute`, summarise(slowestBand.slice(warm)), 'ms');
  }
}
