import { describe, it, expect, beforeAll } from 'vitest';
import { useSimStore } from './store';
import { useInProcessWorkers, type InProcessWorker } from './testWorker';
import { getWorkerClient } from './workerClient';
import type { NeedleReport } from './needleSlice';

const st = () => useSimStore.getState();
let workers: InProcessWorker[] = [];

/** In plane from the medial side straight at the CPN, 0.5 mm at a time until the needle meets it (the e2e journey's path). */
async function needleOntoNerve(): Promise<NeedleReport> {
  const head = st().anatomy!.landmarks.cpnAtFibularHead;
  const probe = st().setProbe({ centre: head, rotationDeg: 0, compressionMm: 1 });
  await st().settled();
  const { array } = probe.axes;
  const entry = { x: head.x - array.x * 21, y: head.y - array.y * 21, z: head.z - array.z * 21 };
  const aim = (from: { x: number; y: number; z: number }) => {
    const d = { x: head.x - from.x, y: head.y - from.y, z: head.z - from.z };
    const len = Math.hypot(d.x, d.y, d.z);
    return { direction: { x: d.x / len, y: d.y / len, z: d.z / len }, len };
  };
  const onSkin = (await st().insertNeedle({ entry, direction: aim(entry).direction })).tip;
  const { direction, len } = aim(onSkin);
  let report = await st().insertNeedle({ entry: onSkin, direction });
  for (let done = 0; done < len + 2 && !report.contacts.some((c) => c.kind === 'nerve-touched' || c.kind === 'nerve-entered'); done += 0.5) report = await st().advanceNeedle(0.5);
  return report;
}

async function offTheNerve(): Promise<void> {
  for (let i = 0; i < 20 && ['epineurium', 'nerve'].includes(st().needleReport!.tissueAtTip); i++) await st().advanceNeedle(-0.5);
  await st().advanceNeedle(-1);
}

async function newAttempt(mode: 'guided' | 'assessment'): Promise<void> {
  useSimStore.setState({ session: { ...st().session, mode } });
  await st().loadCase({ caseId: 'normal-teaching-knee' });
  await st().settled();
}

describe('the coach speaks from the worker session; the store mirrors its words', () => {
  beforeAll(async () => {
    workers = useInProcessWorkers();
    await newAttempt('guided');
  }, 120_000);

  it('guided: a nerve met is said at once with the patient’s words; both clear when the tip leaves the nerve', async () => {
    const report = await needleOntoNerve();
    expect(report.contacts.some((c) => c.structure === 'commonPeronealNerve')).toBe(true);
    expect(st().coaching?.key).toMatch(/^coach\.cpn\./);
    expect(st().patientSays?.key).toMatch(/^patient\.cpn\./);
    expect(st().lastSnapshot?.voices.coach.said).toEqual(st().coaching);
    await offTheNerve();
    expect(st().coaching).toBeNull();
    expect(st().patientSays).toBeNull();
  }, 120_000);

  it('a dismissed word stays dismissed until the coach speaks again, also after the worker was killed and rebuilt', async () => {
    await newAttempt('guided');
    // 4 mm out of the image plane: an advance is said to leave the tip out of the image.
    const nerve = st().anatomy!.landmarks.cpnAtFibularHead;
    const { array, elevation, beam } = st().setProbe({ centre: nerve, rotationDeg: 0, compressionMm: 1 }).axes;
    const entry = { x: nerve.x - array.x * 21 + elevation.x * 4, y: nerve.y - array.y * 21 + elevation.y * 4, z: nerve.z - array.z * 21 + elevation.z * 4 };
    const d = { x: array.x * 0.8 + beam.x * 0.6, y: array.y * 0.8 + beam.y * 0.6, z: array.z * 0.8 + beam.z * 0.6 };
    await st().insertNeedle({ entry, direction: d });
    await st().advanceNeedle(6);
    expect(st().coaching?.key).toBe('coach.tipOutOfImage');
    useSimStore.setState({ coaching: null });
    await st().aspirate();
    expect(st().coaching).toBeNull();
    const restarts = getWorkerClient().restarts;
    getWorkerClient().killWorker();
    await st().aspirate();
    expect(getWorkerClient().restarts).toBe(restarts + 1);
    // The rebuilt session says what the live one said, on the same turn: nothing new shows.
    expect(st().coaching).toBeNull();
    await st().advanceNeedle(1);
    expect(st().coaching?.key).toBe('coach.tipOutOfImage');
  }, 120_000);

  it('assessment: the patient still speaks, the coach never does', async () => {
    await newAttempt('assessment');
    await needleOntoNerve();
    expect(st().patientSays?.key).toMatch(/^patient\.cpn\./);
    await st().advanceNeedle(1);
    expect(st().coaching).toBeNull();
    expect(st().lastSnapshot?.voices.coach).toEqual({ said: null, turn: 0 });
    // Nothing of the coach reaches the store from the main thread: every word came in a session answer.
    expect(workers.flatMap((w) => w.sent).some((m) => m.kind === 'event')).toBe(true);
  }, 120_000);
});
