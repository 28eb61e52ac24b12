// Dev aid for issue 12: the tissue displacement after the seed's 2.5 + 2.5 ml (tissueWarp.ts):
// the nerve's shift, tissue conserved per label in the wet columns, the fluid's volume as the image
// sees it, the halo above/below the nerve in the displaced anatomy, and timings.
// `npx tsx scripts/dev/warp-figures.ts [level-y]`.
import { nerveAtHead } from '../../src/core/fluid/nerveAtHeadFixture';
import { FluidSpread } from '../../src/core/fluid/spread';
import { warpBalance } from '../../src/core/fluid/warpBalance';

const level = Number(process.argv[2] ?? -5);
const { knee, volume, nerve, radius, fromNerve: at } = nerveAtHead(level);
for (let run = 0; run < 2; run++) {
const spread = new FluidSpread(volume, 1 + run, knee.cpn);
const warp = spread.warp;
const times: number[] = [];
const spreadTimes: number[] = [];
for (const [k, label] of [[radius + 1.2, 'above'], [-(radius + 1.2), 'below']] as const) {
  for (let v = 0; v < 2.5 - 1e-9; v += 0.1) {
    const t0 = performance.now();
    // CPU time, not wall time: the machine is shared.
    const cpu = process.cpuUsage();
    spread.inject(at(k), 0.1);
    const used = process.cpuUsage(cpu);
    times.push((used.user + used.system) / 1000);
    spreadTimes.push(performance.now() - t0);
  }
  const moved = warp.displacedPoint(nerve.centre);
  console.log(`after ${label}: nerve centre moved ${(moved.z - nerve.centre.z).toFixed(2)} mm along +Z`);
}
const b = warpBalance(warp, volume, spread.filledBox, 2);
console.log(`tissue in wet columns: rest ${b.restTissueMl.toFixed(3)} ml, displaced ${b.displacedTissueMl.toFixed(3)} ml (${(100 * (b.displacedTissueMl / b.restTissueMl - 1)).toFixed(3)} %), worst label ${b.worstLabelDifferenceMl.toFixed(4)} ml; fluid seen ${b.fluidMl.toFixed(3)} ml of ${spread.gridMl().toFixed(3)}`);
// Along +Z through the nerve's centre: what lies there now.
let row = '';
for (let dz = -8; dz <= 8; dz += 0.25) {
  const p = { x: nerve.centre.x, y: nerve.centre.y, z: nerve.centre.z + dz };
  row += warp.fluidFractionAt(p) >= 0.5 ? '~' : String.fromCharCode(97 + (volume.labels[0] * 0 + knee.labelAt(warp.restPoint(p))));
}
console.log('column through the nerve, deep → superficial (~ fluid, letters = label ids):', row);
times.sort((a, c) => a - c);
spreadTimes.sort((a, c) => a - c);
const hb = spread.filledBox;
console.log(`box ${hb.max[0] - hb.min[0] + 1} × ${hb.max[1] - hb.min[1] + 1} × ${hb.max[2] - hb.min[2] + 1} voxels; spread step ms median ${spreadTimes[spreadTimes.length >> 1].toFixed(2)} total ${spreadTimes.reduce((a, c) => a + c, 0).toFixed(0)}`);
console.log(`step with displacement, CPU ms median ${times[times.length >> 1].toFixed(2)} max ${times[times.length - 1].toFixed(2)} total ${times.reduce((a, c) => a + c, 0).toFixed(0)}`);
}
