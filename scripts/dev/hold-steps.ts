// What one press-and-hold step costs the simulation worker: the model attempt's first injection
// site on the full-resolution knee, fed 0.3 ml hold steps (what the hold sends when a step takes
// ~300 ms) through the worker host, each step's wall time printed.
//   npx tsx scripts/dev/hold-steps.ts
import { caseParameters, findCase } from '../../src/core/cases/cases';
import { KneeAnatomy } from '../../src/core/anatomy/knee';
import { goodAttemptEvents } from '../../src/core/attempt/scriptedAttempt';
import { SimulationSession } from '../../src/worker/session';
import { PatientCache } from '../../src/worker/patients';

const parameters = caseParameters(findCase('normal-teaching-knee')!, 'right', 1);
const model = goodAttemptEvents(new KneeAnatomy(parameters), { caseId: 'normal-teaching-knee' });
const firstInjection = model.findIndex((e) => e.kind === 'injection');
const patients = new PatientCache();
let t = performance.now();
patients.get(parameters);
console.log(`built ${(performance.now() - t).toFixed(0)} ms`);
const session = new SimulationSession(() => patients.get(parameters).patient, 'assessment', process.env.SEEKABLE === '1');
for (const e of model.slice(0, firstInjection)) session.apply(e);
let tMs = model[firstInjection].tMs;
for (let i = 0; i < 16; i++) {
  t = performance.now();
  session.apply({ tMs: (tMs += 300), kind: 'injection', ml: 0.3, rateMlPerS: 1, ...(i > 0 ? { continuesHold: true } : {}) }, true);
  const applied = performance.now() - t;
  t = performance.now();
  const fluid = session.refreshFluid(false);
  const figures = performance.now() - t;
  console.log(`step ${i}: apply ${applied.toFixed(0)} ms, figures ${figures.toFixed(0)} ms (total ${fluid.measures?.totalMl.toFixed(2)} ml)`);
}
