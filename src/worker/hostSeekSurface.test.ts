import { describe, expect, it, vi } from 'vitest';
import { caseParameters, findCase } from '../core/cases/cases';
import { KneeAnatomy } from '../core/anatomy/knee';
import { goodAttemptEvents } from '../core/attempt/scriptedAttempt';
import { createWorkerHost } from './host';
import type { RequestMessage, Responses, WorkerMessage } from './protocol';
import { coarsePatient } from './testPatients';
import { inProcessHost } from './testHost';

const caseId = 'normal-teaching-knee';
const parameters = caseParameters(findCase(caseId)!, 'right', 1);
const model = goodAttemptEvents(new KneeAnatomy(parameters), { caseId });
const injections = model.flatMap((e, i) => (e.kind === 'injection' ? [i + 1] : []));

describe('worker host: seeking a replay', () => {
  it('answers a seek at once and pushes the 3D surface after it, whole, at most every 400 ms of seeking or once seeking rests', async () => {
    let nowMs = 0;
    const { posted, call } = inProcessHost(() => nowMs);
    await call('build', { parameters });
    await call('open', { session: 'replay', mode: 'assessment', events: model });
    await call('seek', { session: 'replay', index: 1 });
    const pushes = () => posted.flatMap((m) => ('push' in m && m.push === 'fluid' ? [m] : []));
    // A seek past injections answers with the figures at once, the surface follows whole as a push.
    nowMs = 1000;
    const first = await call('seek', { session: 'replay', index: injections[1] });
    expect(first.fluid?.measures?.totalMl).toBeGreaterThan(0);
    expect(first.fluid?.surface).toBeNull();
    await vi.waitFor(() => expect(pushes()).toHaveLength(1), { timeout: 5000 });
    expect(pushes()[0].session).toBe('replay');
    expect(pushes()[0].fluid.surface?.base).toBeNull();
    expect(pushes()[0].fluid.surface?.keys.length).toBeGreaterThan(0);
    expect(pushes()[0].fluid.measures).toEqual(first.fluid?.measures);
    // Seeking on within 400 ms of that surface: the next waits until seeking rests (250 ms), or the 400 ms are up.
    nowMs = 1100;
    const next = await call('seek', { session: 'replay', index: injections.at(-1)! });
    expect(next.fluid?.surface).toBeNull();
    expect(pushes()).toHaveLength(1);
    await vi.waitFor(() => expect(pushes()).toHaveLength(2), { timeout: 5000 });
    expect(pushes()[1].fluid.surface?.base).toBeNull();
    expect(pushes()[1].fluid.measures).toEqual(next.fluid?.measures);
    // Before the first injection: nothing to mesh, nothing pushed.
    nowMs = 2000;
    const before = await call('seek', { session: 'replay', index: injections[0] - 1 });
    expect(before.fluid?.measures).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(pushes()).toHaveLength(2);
  }, 120_000);

  it('makes the pushed surface a slice per turn: a seek sent meanwhile answers before it, and the push that follows is of the last moment sought', async () => {
    const posted: WorkerMessage[] = [];
    // Every reading of the clock is 10 ms later: a 20 ms slice makes about two blocks.
    let clockMs = 0;
    const host = createWorkerHost({ post: (m) => posted.push(m), buildPatient: coarsePatient, now: () => (clockMs += 10) });
    host.handle({ id: 1, kind: 'build', body: { parameters } } as RequestMessage);
    await vi.waitFor(() => expect(posted.some((m) => m.id === 1 && 'ok' in m)).toBe(true), { timeout: 60_000 });
    host.handle({ id: 2, kind: 'open', body: { session: 'replay', mode: 'assessment', events: model } } as RequestMessage);
    await vi.waitFor(() => expect(posted.some((m) => m.id === 2 && 'ok' in m)).toBe(true), { timeout: 60_000 });
    vi.useFakeTimers();
    try {
      const answered = (id: number) => posted.findIndex((m) => m.id === id && 'ok' in m);
      const pushes = () => posted.flatMap((m, i) => ('push' in m ? [i] : []));
      host.handle({ id: 3, kind: 'seek', body: { session: 'replay', index: injections.at(-1)! } } as RequestMessage);
      expect(answered(3)).toBeGreaterThanOrEqual(0);
      // The surface's first slice runs in the timer's turn; the rest wait for later turns.
      vi.advanceTimersToNextTimer();
      expect(pushes()).toEqual([]);
      host.handle({ id: 4, kind: 'seek', body: { session: 'replay', index: injections[1] } } as RequestMessage);
      expect(answered(4)).toBeGreaterThanOrEqual(0);
      expect(pushes()).toEqual([]);
      await vi.runAllTimersAsync();
      expect(pushes()).toHaveLength(1);
      const push = posted[pushes()[0]] as Extract<WorkerMessage, { push: 'fluid' }>;
      const seek4 = (posted[answered(4)] as { answer: Partial<Responses> }).answer.seek!;
      expect(pushes()[0]).toBeGreaterThan(answered(4));
      expect(push.fluid.measures).toEqual(seek4.fluid?.measures);
      expect(push.fluid.surface?.base).toBeNull();
      expect(push.fluid.surface?.keys.length).toBeGreaterThan(0);
    } finally {
      vi.useRealTimers();
    }
  }, 120_000);
});

