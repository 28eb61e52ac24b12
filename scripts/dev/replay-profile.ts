// Where a cold replay + score and a seek of the 5-minute attempt spend their time:
// `node --cpu-prof --cpu-prof-dir=/tmp/rp --import tsx scripts/dev/replay-profile.ts [open|seek|play]`.
import { KneeAnatomy } from '../../src/core/anatomy/knee';
import { voxelise } from '../../src/core/anatomy/voxelise';
import { scoreAttempt } from '../../src/core/scoring/score';
import { SimulationSession } from '../../src/worker/session';
import { fiveMinuteAttempt } from '../benchReplay';

const what = process.argv[2] ?? 'open';
const knee = new KneeAnatomy();
const volume = voxelise(knee);
const patient = { knee, volume };
const events = fiveMinuteAttempt(knee);
const t0 = performance.now();
const session = new SimulationSession(() => patient, 'assessment');
const score = scoreAttempt(session.applyAll(events)!);
console.log(`cold replay + score ${(performance.now() - t0).toFixed(0)} ms, total ${score.total}`);
if (what === 'seek') {
  for (let i = 0; i < 5; i++) {
    session.seek(1);
    const t = performance.now();
    session.seek(events.length);
    console.log(`seek start → end ${(performance.now() - t).toFixed(1)} ms`);
  }
}
if (what === 'play') {
  // Every event shown in turn, as playing at 8× does when each seek keeps up: the slow ones named.
  session.seek(1);
  let lastSurface = -Infinity;
  for (let i = 2; i <= events.length; i++) {
    const t = performance.now();
    // As the host does: the surface at most every 400 ms (here of the events' own clock at 8×).
    const wallMs = events[i - 1].tMs / 8;
    if (session.seek(i, wallMs - lastSurface < 400).fluid?.surface) lastSurface = wallMs;
    const ms = performance.now() - t;
    if (ms > 15) console.log(`seek to ${i} (${events[i - 1].kind}) ${ms.toFixed(1)} ms`);
  }
}
