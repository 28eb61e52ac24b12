// Developer aid: the bench's B-mode frame (256 × 512 at 40 mm, one core) in a loop, for a profile:
// `node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx scripts/dev/bmode-profile.ts [frames]`.
// Prints the median and spread, the heap allocated per frame (young generation, over frames no
// scavenge interrupted), and a hash of every tenth frame (outputs must not change).
import { createHash } from 'node:crypto';
import { getHeapSpaceStatistics } from 'node:v8';
import { KneeAnatomy } from '../../src/core/anatomy/knee';
import { voxelise } from '../../src/core/anatomy/voxelise';
import { BModeImager } from '../../src/core/ultrasound/bmode';
import { defaultScannerSettings } from '../../src/core/ultrasound/scannerSettings';
import { placeProbe } from '../../src/core/probe/placement';

const frames = Number(process.argv[2] ?? 120);
const knee = new KneeAnatomy();
const volume = voxelise(knee);
const imager = new BModeImager(knee, volume);
const settings = { ...defaultScannerSettings, depthMm: 40 };
const start = knee.nerveAt(25)!.centre;
const end = knee.nerveAt(-15)!.centre;
console.log("-- frames begin");
const times: number[] = [];
// CPU time as well as wall time: on a machine loaded by others the CPU time is the steadier figure.
const cpuTimes: number[] = [];
const allocatedMb: number[] = [];
const youngBytes = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_used_size ?? 0;
const hash = createHash('sha256');
for (let i = 0; i < frames; i++) {
  const t = i / (frames - 1);
  const centre = { x: start.x + (end.x - start.x) * t, y: start.y + (end.y - start.y) * t, z: start.z + (end.z - start.z) * t };
  const pose = placeProbe(knee, { centre, rotationDeg: 0, compressionMm: 1 });
  const y0 = youngBytes();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const f = imager.form(pose, settings, {}, 512);
  const c = process.cpuUsage(c0);
  times.push(performance.now() - t0);
  const y1 = youngBytes();
  if (i >= 20 && y1 >= y0) allocatedMb.push((y1 - y0) / 2 ** 20);
  cpuTimes.push((c.user + c.system) / 1000);
  if (i % 10 === 0) hash.update(f.lineData);
}
function figures(values: number[]): string {
  const sorted = values.slice(20).sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.floor(p * (sorted.length - 1))].toFixed(1);
  return `median ${q(0.5)} ms (p10 ${q(0.1)}, p90 ${q(0.9)})`;
}
const allocated = allocatedMb.sort((a, b) => a - b)[allocatedMb.length >> 1];
console.log(`wall ${figures(times)}; cpu ${figures(cpuTimes)}; allocated ${allocated?.toFixed(1) ?? '?'} MB/frame (${allocatedMb.length} frames; run with --max-semi-space-size=64 for more); hash ${hash.digest('hex').slice(0, 16)}`);
