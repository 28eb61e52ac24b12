// The worker's first frames of a start, cold, in Node: the start case's knee round its volume, then
// the start pose's frame formed three times (the first is what a fresh page waits for).
//   npx esbuild scripts/dev/first-frame-cold.ts --bundle --platform=node --format=esm --outfile=/tmp/ffc.mjs && node /tmp/ffc.mjs
import { KneeAnatomy } from '../../src/core/anatomy/knee';
import { voxelise } from '../../src/core/anatomy/voxelise';
import { startCaseParameters } from '../../src/core/cases/cases';
import { FrameMaker } from '../../src/core/imaging/frame';
import { placeProbe, startProbeRequest } from '../../src/core/probe/placement';
import { defaultScannerSettings } from '../../src/core/ultrasound/scannerSettings';

const parameters = startCaseParameters();
const volume = voxelise(new KneeAnatomy(parameters));
let t = performance.now();
const knee = new KneeAnatomy(parameters);
const frames = new FrameMaker(knee, volume);
console.log(`knee + frame maker ${(performance.now() - t).toFixed(0)} ms (the knee's code warm from voxelising)`);
const pose = placeProbe(knee, startProbeRequest(knee));
for (let i = 0; i < 3; i++) {
  t = performance.now();
  frames.bModeFrame(pose, defaultScannerSettings);
  console.log(`frame ${i + 1}: ${(performance.now() - t).toFixed(0)} ms`);
}
