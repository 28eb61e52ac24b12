// Developer aid: the bench's press-and-hold (5 ml in 0.1 ml steps from above the nerve), to run
// under `node --cpu-prof --import tsx` and see where a fluid step's time goes.
import { nerveAtHead } from '../../src/core/fluid/nerveAtHeadFixture';
import { FluidSpread } from '../../src/core/fluid/spread';

// The bench's tip: 0.6 mm outside a circle of the nerve's area, toward the skin, at level −5 mm.
const { knee, volume, radius, fromNerve } = nerveAtHead(-5);
const above = fromNerve(radius + 0.6);
const runs = Number(process.env.RUNS ?? 6);
const wholes: number[] = [];
// CPU time too: on the shared cores the wall clock counts the other engineers' processes.
const cpus: number[] = [];
// Minor page faults per run: each spread's field and warp are fresh arrays, paged in as first touched.
const faults: number[] = [];
let checksum = 0;
for (let run = 0; run < runs; run++) {
  const spread = new FluidSpread(volume, 1 + run, knee.cpn);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const f0 = process.resourceUsage().minorPageFault;
  for (let i = 0; i < 50; i++) spread.inject(above, 0.1);
  const cpu = process.cpuUsage(c0);
  faults.push(process.resourceUsage().minorPageFault - f0);
  wholes.push(performance.now() - t0);
  cpus.push((cpu.user + cpu.system) / 1000);
  for (let i = 0; i < spread.field.fill.length; i++) checksum = (checksum * 31 + spread.field.fill[i]) >>> 0;
}
console.log('5 ml in 0.1 ml steps, ms:', wholes.map((w) => w.toFixed(0)).join(' '), 'CPU ms:', cpus.map((w) => w.toFixed(0)).join(' '), 'page faults:', faults.join(' '), 'checksum', checksum);
