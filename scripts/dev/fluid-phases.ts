// Developer aid: where a 0.1 ml hold step's time goes (the bench's loop, with the worker's figures
// between steps as the bench has them): the whole inject, the warp's update, its column redo and
// the relief's rebuild, summed over the runs after the first (which pays the per-volume caches).
//   npx tsx scripts/dev/fluid-phases.ts
import { nerveAtHead } from '../../src/core/fluid/nerveAtHeadFixture';
import { FluidSpread } from '../../src/core/fluid/spread';
import { WarpColumns } from '../../src/core/fluid/warpColumns';
import { WarpRelief } from '../../src/core/fluid/warpRelief';
import { measureFluid } from '../../src/core/fluid/measures';
import { fluidSurface } from '../../src/core/fluid/fluidSurface';
import { fluidDisplacement } from '../../src/core/fluid/displacement';

const { knee, volume, radius, fromNerve, site } = nerveAtHead(-5);
const above = fromNerve(radius + 0.6);
const spent = new Map<string, number>();
function timed(proto: Record<string, unknown>, name: string, key: string): void {
  const original = proto[name] as (...a: unknown[]) => unknown;
  proto[name] = function (this: unknown, ...a: unknown[]) {
    const t0 = performance.now();
    const r = original.apply(this, a);
    spent.set(key, (spent.get(key) ?? 0) + performance.now() - t0);
    return r;
  };
}
timed(WarpColumns.prototype as unknown as Record<string, unknown>, 'update', 'warp update');
timed(WarpColumns.prototype as unknown as Record<string, unknown>, 'redoColumn', ' column redo');
timed(WarpColumns.prototype as unknown as Record<string, unknown>, 'markWet', 'markWet');
timed(WarpRelief.prototype as unknown as Record<string, unknown>, 'rebuild', ' relief rebuild');
const runs = Number(process.env.RUNS ?? 4);
let steps = 0;
let whole = 0;
for (let run = 0; run < runs; run++) {
  if (run === 1) spent.clear();
  const spread = new FluidSpread(volume, 1 + run, knee.cpn);
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    spread.inject(above, 0.1);
    if (run > 0) {
      whole += performance.now() - t0;
      steps++;
    }
    measureFluid(knee, volume, spread.field, site, spread.filledBox);
    fluidSurface(spread);
    fluidDisplacement(knee, volume, spread.field, spread.warp, spread.filledBox);
  }
}
console.log(`inject: ${(whole / steps).toFixed(2)} ms a step over ${steps} steps`);
for (const [k, v] of spent) console.log(`${k}: ${(v / steps).toFixed(2)} ms a step`);
