// The simulation worker's part of a fresh start up to the first frame, in Node, built in one go
// (voxelise with the surroundings, then the start frame) against the surroundings built later
// (fine grid, the start frame filling what it reads, the rest after). Alternating, RUNS rounds.
// Times are CPU time of this process (process.cpuUsage), less swayed by a loaded machine than wall time.
//   node --import tsx scripts/dev/start-critical-path.ts
import { execSync } from 'node:child_process';
import { KneeAnatomy } from '../../src/core/anatomy/knee';
import { defaultAnatomyParameters } from '../../src/core/anatomy/parameters';
import { voxelise, completeSurroundings } from '../../src/core/anatomy/voxelise';
import { FrameMaker } from '../../src/core/imaging/frame';
import { placeProbe, startProbeRequest } from '../../src/core/probe/placement';
import { defaultScannerSettings } from '../../src/core/ultrasound/scannerSettings';

const runs = Number(process.env.RUNS ?? 5);
const knee = new KneeAnatomy(defaultAnatomyParameters);
// Where the app puts the probe when a case opens (caseSlice's START_POINT), short axis.
const pose = placeProbe(knee, startProbeRequest(knee));
const times = { eager: [] as number[], fine: [] as number[], firstFrameLater: [] as number[], rest: [] as number[] };
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (let run = 0; run < runs; run++) {
  let t = cpuMs();
  const eager = voxelise(knee);
  new FrameMaker(knee, eager).bModeFrame(pose, defaultScannerSettings);
  times.eager.push(cpuMs() - t);
  t = cpuMs();
  const later = voxelise(knee, { surroundingsLater: true });
  times.fine.push(cpuMs() - t);
  new FrameMaker(knee, later).bModeFrame(pose, defaultScannerSettings);
  times.firstFrameLater.push(cpuMs() - t);
  t = cpuMs();
  completeSurroundings(later);
  times.rest.push(cpuMs() - t);
}
const row = (name: string, xs: number[]) => `${name.padEnd(46)} median ${median(xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(', ')})`;
console.log(
  [
    row('in one go: voxelise + start frame', times.eager),
    row('later: fine grid', times.fine),
    row('later: fine grid + start frame (its surroundings)', times.firstFrameLater),
    row('later: the rest of the surroundings, after', times.rest),
  ].join('\n'),
);
console.log(`load ${execSync('cat /proc/loadavg').toString().split(' ').slice(0, 3).join(' ')}`);
