// Developer aid: the bench's press-and-hold (5 ml in 0.1 ml steps from above the nerve), to run
// under `node --cpu-prof --import tsx` and see where a fluid step's time goes.
import { KneeAnatomy } from '../../src/core/anatomy/knee';
import { voxelise } from '../../src/core/anatomy/voxelise';
import { FluidSpread } from '../../src/core/fluid/spread';

const knee = new KneeAnatomy();
const volume = voxelise(knee);
const site = knee.nerveSAtLevel(-5);
const nerve = knee.nerveAt(site)!;
const up = knee.skinNormal(knee.projectOntoSkin(nerve.centre));
const radius = Math.sqrt(nerve.areaMm2 / Math.PI);
const above = { x: nerve.centre.x + up.x * (radius + 0.6), y: nerve.centre.y + up.y * (radius + 0.6), z: nerve.centre.z + up.z * (radius + 0.6) };
const runs = Number(process.env.RUNS ?? 6);
const wholes: number[] = [];
let checksum = 0;
for (let run = 0; run < runs; run++) {
  const spread = new FluidSpread(volume, 1 + run, knee.cpn);
  const t0 = performance.now();
  for (let i = 0; i < 50; i++) spread.inject(above, 0.1);
  wholes.push(performance.now() - t0);
  for (let i = 0; i < spread.field.fill.length; i++) checksum = (checksum * 31 + spread.field.fill[i]) >>> 0;
}
console.log('5 ml in 0.1 ml steps, ms:', wholes.map((w) => w.toFixed(0)).join(' '), 'checksum', checksum);
