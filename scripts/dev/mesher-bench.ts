// The 3D fluid surface's meshing (issue 13 item 4, issue 14 item 4), in Node:
// - a hold: 0.1 ml steps at the nerve (the hold's 100 ms steps), the surface updated every 4 steps
//   (the worker's 400 ms refresh) until 5 ml, each update's time;
// - the 5-minute bench attempt's end: a whole mesh (every block), the update after the last
//   injection, and a complete update with nothing changed (a replay's surface push at rest).
// `node --import tsx scripts/dev/mesher-bench.ts` (add --cpu-prof to see where).
import { FluidSurfaceMesher } from '../../src/core/fluid/fluidMesher';
import { FluidSpread } from '../../src/core/fluid/spread';
import { nerveAtHead } from '../../src/core/fluid/nerveAtHeadFixture';
import { SimulationSession } from '../../src/worker/session';
import { fiveMinuteAttempt } from '../benchReplay';

const ms = (f: () => void) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const { knee, volume, radius, fromNerve } = nerveAtHead();

const spread = new FluidSpread(volume, 1, knee.cpn);
const holdMesher = new FluidSurfaceMesher();
const hold: number[] = [];
for (let step = 1; step <= 50; step++) {
  spread.inject(fromNerve(radius + 0.6), 0.1);
  if (step % 4 === 0) hold.push(ms(() => holdMesher.update(spread)));
}
console.log(`hold to 5 ml, surface every 4 steps: median ${median(hold).toFixed(0)} ms, max ${Math.max(...hold).toFixed(0)} ms, sum ${hold.reduce((a, b) => a + b, 0).toFixed(0)} ms over ${hold.length} updates`);

const events = fiveMinuteAttempt(knee);
const session = new SimulationSession(() => ({ knee, volume }), 'assessment');
session.applyAll(events);
const injections = events.flatMap((e, i) => (e.kind === 'injection' ? [i + 1] : []));
const whole: number[] = [];
const step: number[] = [];
const again: number[] = [];
for (let run = 0; run < 5; run++) {
  session.seek(injections.at(-2)!);
  const mesher = new FluidSurfaceMesher();
  whole.push(ms(() => mesher.update(session.simulation.fluid!, true)));
  session.seek(injections.at(-1)!);
  step.push(ms(() => mesher.update(session.simulation.fluid!)));
  again.push(ms(() => mesher.update(session.simulation.fluid!, true)));
}
const u = new FluidSurfaceMesher().update(session.simulation.fluid!, true);
const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ');
console.log(`attempt's end (${injections.length} injections, ${u.keys.length} blocks with surface): whole mesh ${list(whole)} ms; update after the last injection ${list(step)} ms; complete update, nothing changed ${list(again)} ms`);
