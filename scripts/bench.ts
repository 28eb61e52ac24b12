// npm run bench — speed of the simulation core on this machine, against the targets in the
// foundation issue. Prints figures; asserts nothing (timings belong here, not in tests).
import { KneeAnatomy } from '../src/core/anatomy/knee';
import { voxelise, volumeBytes, completeSurroundings, completeFineGrid, fillFineGridBox, DEFAULT_VOXEL_SPACING_MM } from '../src/core/anatomy/voxelise';
import { FrameMaker } from '../src/core/imaging/frame';
import { BModeImager, samplesForDepth, SCAN_LINES, FRAME_REACH_MARGIN_MM } from '../src/core/ultrasound/bmode';
import { defaultScannerSettings } from '../src/core/ultrasound/scannerSettings';
import { placeProbe, startProbeRequest } from '../src/core/probe/placement';
import { ScanGeometry, probeFrame } from '../src/core/probe/scanGeometry';
import { DEFAULT_DEPTH_MM, acquisitionGeometry } from '../src/core/imaging/imageGeometry';
import { summarise, line } from './benchFigures';
import { benchFluidAndAttempt } from './benchFluid';
import { benchReplay } from './benchReplay';
import { benchBands } from './benchBands';

const runs = Number(process.env.BENCH_RUNS ?? 5);
/** BENCH_ONLY=fluid: the anatomy, its volume and the fluid rows only (the injectate's speed, item 8 of issue 12); BENCH_ONLY=voxelise: the anatomy and voxelise rows only. */
const only = process.env.BENCH_ONLY;

const anatomyTimes: number[] = [];
let knee = new KneeAnatomy();
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  knee = new KneeAnatomy();
  anatomyTimes.push(performance.now() - t);
}
line('anatomy build (default case)', summarise(anatomyTimes), 'ms');

const voxelTimes: number[] = [];
let voxelBytes = 0;
let surroundingsBytes = 0;
let voxelCount = 0;
let heapGrowthMb = 0;
for (let i = 0; i < runs; i++) {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const t = performance.now();
  const v = voxelise(knee);
  voxelTimes.push(performance.now() - t);
  voxelBytes = volumeBytes(v);
  surroundingsBytes = voxelBytes - v.labels.byteLength;
  voxelCount = v.labels.length;
  heapGrowthMb = (process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers - heapBefore) / 2 ** 20;
}
line(`voxelise at ${DEFAULT_VOXEL_SPACING_MM} mm`, summarise(voxelTimes), 'ms', 1000);
// What of it a fresh start waits for: the worker answers with the volume still to fill, and the
// first frame fills the fine grid it reads (its reach from the probe's start pose); the rest of the
// fine grid and the coarse surroundings are filled after, between requests.
const startPose = placeProbe(knee, startProbeRequest(knee));
const startDepthMm = defaultScannerSettings.depthMm;
const startReach = new ScanGeometry(knee, probeFrame(knee, startPose), acquisitionGeometry(startDepthMm, SCAN_LINES, samplesForDepth(startDepthMm))).reachBox(FRAME_REACH_MARGIN_MM);
const firstTimes: number[] = [];
const afterTimes: number[] = [];
for (let i = 0; i < runs; i++) {
  let t = performance.now();
  const v = voxelise(knee, { surroundingsLater: true, fineGridLater: true });
  fillFineGridBox(v, startReach);
  firstTimes.push(performance.now() - t);
  t = performance.now();
  completeFineGrid(v);
  completeSurroundings(v);
  afterTimes.push(performance.now() - t);
}
line('  of it before the first frame', summarise(firstTimes), 'ms', 1000);
line('  of it after (between requests)', summarise(afterTimes), 'ms');
console.log(`${'volume memory'.padEnd(34)} ${(voxelBytes / 2 ** 20).toFixed(1)} MiB of labels (${(voxelCount / 1e6).toFixed(1)} M fine voxels, ${(surroundingsBytes / 2 ** 20).toFixed(1)} MiB of it the coarse surroundings); heap+buffers grew ${heapGrowthMb.toFixed(1)} MiB during one build`);
if (only === 'voxelise') process.exit(0);

const volume = voxelise(knee);
if (only === 'fluid') {
  benchFluidAndAttempt(knee, volume, { fluidOnly: true });
  process.exit(0);
}

// A probe sliding 30 mm along the nerve in short axis, as a trainee traces it.
const frames = new FrameMaker(knee, volume);
const frameTimes: number[] = [];
const start = knee.nerveAt(25)!.centre;
const end = knee.nerveAt(-15)!.centre;
const steps = 300;
for (let i = 0; i < steps; i++) {
  const t = i / (steps - 1);
  const centre = { x: start.x + (end.x - start.x) * t, y: start.y + (end.y - start.y) * t, z: start.z + (end.z - start.z) * t };
  const pose = placeProbe(knee, { centre, rotationDeg: 0, compressionMm: 1 });
  const t0 = performance.now();
  frames.anatomyFrame(pose, DEFAULT_DEPTH_MM, 0);
  frameTimes.push(performance.now() - t0);
}
line('anatomy overlay frame (30 mm)', summarise(frameTimes.slice(20)), 'ms', 4);

// B-mode: 256 lines × 512 samples at 40 mm, every artefact on, one core — against 6 ms.
const imager = new BModeImager(knee, volume);
const bmodeSettings = { ...defaultScannerSettings, depthMm: 40 };
const bmodeTimes: number[] = [];
for (let i = 0; i < 120; i++) {
  const t = i / 119;
  const centre = { x: start.x + (end.x - start.x) * t, y: start.y + (end.y - start.y) * t, z: start.z + (end.z - start.z) * t };
  const pose = placeProbe(knee, { centre, rotationDeg: 0, compressionMm: 1 });
  const t0 = performance.now();
  imager.form(pose, bmodeSettings, {}, 512);
  bmodeTimes.push(performance.now() - t0);
}
line('B-mode frame 256×512, 40 mm', summarise(bmodeTimes.slice(20)), 'ms', 6);
const liveTimes: number[] = [];
for (let i = 0; i < 120; i++) {
  const t0 = performance.now();
  imager.form(placeProbe(knee, { centre: start, rotationDeg: 0, compressionMm: 1 }), { ...defaultScannerSettings });
  liveTimes.push(performance.now() - t0);
}
line(`B-mode live frame ${SCAN_LINES}×${samplesForDepth(defaultScannerSettings.depthMm)}, ${defaultScannerSettings.depthMm} mm`, summarise(liveTimes.slice(20)), 'ms');
console.log(`${''.padEnd(34)} (a scanner needs ~13 ms to acquire 256 lines at 40 mm: 2·40 mm / 1540 m/s per line)`);

benchFluidAndAttempt(knee, volume);
benchReplay(knee, volume);

// The same frame split across a pool of worker threads by scan-line bands (1, 2 and 4 workers).
await benchBands(knee);
