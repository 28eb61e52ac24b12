// The simulation worker's part of a start, in Node, first visit against second: the knee plus
// voxelising it, against the knee plus decoding its kept volume (a structured clone of the stored
// record, as IndexedDB gives it back). Alternating, RUNS rounds.   node --import tsx scripts/dev/start-build.ts
import { execSync } from 'node:child_process';
import { KneeAnatomy } from '../../src/core/anatomy/knee';
import { defaultAnatomyParameters } from '../../src/core/anatomy/parameters';
import { voxelise } from '../../src/core/anatomy/voxelise';
import { decodeVolume, encodeVolume } from '../../src/worker/volumeCodec';

const runs = Number(process.env.RUNS ?? 3);
const stored = encodeVolume(voxelise(new KneeAnatomy(defaultAnatomyParameters)));
const storedBytes = stored.runLabels.byteLength + stored.runLengths.byteLength + (stored.surroundings?.table.byteLength ?? 0);
const times = { knee: [] as number[], voxelise: [] as number[], decode: [] as number[], encode: [] as number[] };
const timed = (into: number[], f: () => unknown) => {
  const start = performance.now();
  const result = f();
  into.push(performance.now() - start);
  return result;
};
for (let run = 0; run < runs; run++) {
  const knee = timed(times.knee, () => new KneeAnatomy(defaultAnatomyParameters)) as KneeAnatomy;
  const volume = timed(times.voxelise, () => voxelise(knee)) as ReturnType<typeof voxelise>;
  timed(times.decode, () => decodeVolume(structuredClone(stored)));
  timed(times.encode, () => encodeVolume(volume));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const row = (name: string, xs: number[]) => `${name} median ${median(xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(', ')})`;
console.log([row('knee', times.knee), row('voxelise', times.voxelise), row('decode kept volume', times.decode), row('encode (after a first visit)', times.encode)].join('\n'));
console.log(`first visit (knee + voxelise) ${(median(times.knee) + median(times.voxelise)).toFixed(0)} ms; second (knee + decode) ${(median(times.knee) + median(times.decode)).toFixed(0)} ms; stored ${(storedBytes / 2 ** 20).toFixed(1)} MiB; load ${execSync('cat /proc/loadavg').toString().split(' ').slice(0, 3).join(' ')}`);
