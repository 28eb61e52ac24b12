import { describe, it, expect, beforeAll, vi } from 'vitest';
import { useSimStore } from './store';
import { useInProcessWorkers, type InProcessWorker } from './testWorker';
import { checklistSteps, CHECKLIST_STEPS } from './checklist';
import { VIEW_HOLD_MS } from '../core/scoring/rubric';

const st = () => useSimStore.getState();
let workers: InProcessWorker[] = [];

async function newAttempt(mode: 'guided' | 'assessment'): Promise<void> {
  useSimStore.setState({ session: { ...st().session, mode } });
  await st().loadCase({ caseId: 'normal-teaching-knee' });
  await st().settled();
}

describe('guided practice’s checklist is the worker session’s: the store mirrors it, the UI reads a selector', () => {
  beforeAll(() => {
    workers = useInProcessWorkers();
  });

  it('a short-axis view held still over the fibular head ticks step 1 with no further event', async () => {
    await newAttempt('guided');
    const head = st().anatomy!.landmarks.cpnAtFibularHead;
    // Away from the nerve first, so the hold starts when the probe comes to the fibular head.
    st().setProbe({ centre: { x: head.x, y: head.y + 60, z: head.z }, rotationDeg: 90, compressionMm: 1 });
    await st().settled();
    expect(st().checklist?.length).toBeGreaterThan(0);
    expect(checklistSteps(st()).map((s) => s.done)).toEqual(CHECKLIST_STEPS.map(() => false));
    const placedAt = performance.now();
    st().setProbe({ centre: head, rotationDeg: 0, compressionMm: 1 });
    await st().settled();
    const events = st().events.length;
    expect(checklistSteps(st())[0].done).toBe(false);
    await vi.waitFor(() => expect(checklistSteps(st())[0].done).toBe(true), { timeout: 10_000, interval: 50 });
    expect(performance.now() - placedAt).toBeGreaterThanOrEqual(VIEW_HOLD_MS - 50);
    expect(st().events.length, 'no input after the probe was placed').toBe(events);
    // The steps come from what the worker sent: nothing on this thread asked it for facts to score.
    expect(workers.flatMap((w) => w.sent).filter((m) => m.kind === 'facts')).toEqual([]);
    // The same steps for the same checklist (a component re-renders only when it changed).
    expect(checklistSteps(st())).toBe(checklistSteps(st()));
  }, 120_000);

  it('switched to guided before anything was scored: the checklist comes with the session’s answer, as the worker scored it', async () => {
    await newAttempt('assessment');
    expect(st().checklist).toBeNull();
    st().setMode('guided');
    await vi.waitFor(() => expect(st().checklist?.length).toBeGreaterThan(0), { timeout: 10_000 });
    expect(workers.flatMap((w) => w.sent).some((m) => m.kind === 'mode')).toBe(true);
  }, 120_000);

  it('assessment: no checklist', async () => {
    await newAttempt('assessment');
    st().setProbe({ centre: st().anatomy!.landmarks.cpnAtFibularHead, rotationDeg: 0, compressionMm: 1 });
    await st().settled();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(st().checklist).toBeNull();
    expect(checklistSteps(st()).some((s) => s.done)).toBe(false);
  }, 120_000);
});
