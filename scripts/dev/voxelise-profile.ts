// Times voxelise at the default spacing for the default case, several runs, and prints where the
// volume's bytes go. Profile with: node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx scripts/dev/voxelise-profile.ts
import { KneeAnatomy } from '../../src/core/anatomy/knee';
import { defaultAnatomyParameters } from '../../src/core/anatomy/parameters';
import { voxelise, volumeBytes } from '../../src/core/anatomy/voxelise';

const runs = Number(process.env.RUNS ?? 5);
const t0 = performance.now();
const knee = new KneeAnatomy(defaultAnatomyParameters);
console.log(`knee built in ${(performance.now() - t0).toFixed(0)} ms`);
const times: number[] = [];
let bytes = 0;
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  const volume = voxelise(knee);
  times.push(performance.now() - start);
  bytes = volumeBytes(volume);
}
const sorted = [...times].sort((a, b) => a - b);
console.log(`voxelise: median ${sorted[Math.floor(runs / 2)].toFixed(0)} ms, spread ${sorted[0].toFixed(0)}–${sorted[runs - 1].toFixed(0)} ms over ${runs} runs; ${(bytes / 2 ** 20).toFixed(1)} MiB`);
