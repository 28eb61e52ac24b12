import { describe, expect, it, vi } from 'vitest';
import { caseParameters, findCase } from '../core/cases/cases';
import { KneeAnatomy } from '../core/anatomy/knee';
import { goodAttemptEvents } from '../core/attempt/scriptedAttempt';
import { createWorkerHost } from './host';
import type { RequestMessage, WorkerMessage } from './protocol';
import { coarsePatient } from './testPatients';

const caseId = 'normal-teaching-knee';
const parameters = caseParameters(findCase(caseId)!, 'right', 1);
const model = goodAttemptEvents(new KneeAnatomy(parameters), { caseId });
const firstInjection = model.findIndex((e) => e.kind === 'injection');

/**
 * A host on a coarse knee whose clock moves `msPerReading` at every reading, with the live session
 * fed the model attempt up to its first injection; `send` posts a request (answers are in `posted`).
 */
async function liveSessionBeforeInjecting(msPerReading: number) {
  const posted: WorkerMessage[] = [];
  let clockMs = 0;
  const host = createWorkerHost({ post: (m) => posted.push(m), buildPatient: coarsePatient, now: () => (clockMs += msPerReading) });
  let id = 0;
  const send = (kind: RequestMessage['kind'], body: unknown) => {
    host.handle({ id: ++id, kind, body } as RequestMessage);
    return id;
  };
  const answered = (sent: number) => posted.findIndex((m) => m.id === sent && 'ok' in m);
  const built = send('build', { parameters });
  await vi.waitFor(() => expect(answered(built)).toBeGreaterThanOrEqual(0), { timeout: 60_000 });
  send('open', { session: 'live', mode: 'assessment', events: [] });
  for (const event of model.slice(0, firstInjection)) send('event', { session: 'live', event, throttleFluid: false });
  return { posted, send, answered };
}

describe('worker host: the live hold surface', () => {
  it('pushes a held plunger\'s figures at once and meshes its surface a slice per turn: a request sent meanwhile answers before the surface', async () => {
    // Every reading of the clock is 10 ms later: a 20 ms slice makes about two blocks.
    const { posted, send, answered } = await liveSessionBeforeInjecting(10);
    vi.useFakeTimers();
    try {
      // A hold step: the figures and the surface are left for the throttle's push.
      const step = send('event', { session: 'live', event: model[firstInjection], throttleFluid: true });
      expect(answered(step)).toBeGreaterThanOrEqual(0);
      const pushes = () => posted.flatMap((m, i) => ('push' in m && m.push === 'fluid' ? [i] : []));
      const push = (at: number) => posted[pushes()[at]] as Extract<WorkerMessage, { push: 'fluid' }>;
      // The throttle's refresh: the figures at once, the surface's first slice begun.
      vi.advanceTimersToNextTimer();
      expect(pushes()).toHaveLength(1);
      expect(push(0).fluid.measures?.totalMl).toBeGreaterThan(0);
      expect(push(0).fluid.surface).toBeNull();
      const facts = send('facts', { session: 'live' });
      expect(answered(facts)).toBeGreaterThanOrEqual(0);
      await vi.runAllTimersAsync();
      // The surface once meshed (after the answer), then the figures once the plunger rests (the
      // surface shown is the fluid's: nothing meshed again).
      expect(pushes()).toHaveLength(3);
      expect(pushes()[1]).toBeGreaterThan(answered(facts));
      expect(push(1).fluid.surface?.keys.length).toBeGreaterThan(0);
      expect(push(1).fluid.surface?.changed.length).toBeGreaterThan(0);
      expect(push(2).fluid.surface).toBeNull();
      expect(push(2).fluid.measures?.totalMl).toBe(push(0).fluid.measures?.totalMl);
    } finally {
      vi.useRealTimers();
    }
  }, 120_000);

  it('a hold whose surface takes longer to mesh than steps take to come: the figures follow each refresh, and the surface is not begun again and again', async () => {
    // Every reading of the clock is 100 ms later: each slice meshes one block, and a refresh is due at every step.
    const { posted, send } = await liveSessionBeforeInjecting(100);
    const fluidPushes = () => posted.filter((m): m is Extract<WorkerMessage, { push: 'fluid' }> => 'push' in m && m.push === 'fluid');
    vi.useFakeTimers();
    try {
      const { tMs } = model[firstInjection];
      // 2 ml in 0.1 ml steps, as the held plunger sends them; between two steps the worker gets one turn.
      for (let i = 0; i < 20; i++) {
        send('event', { session: 'live', event: { tMs: tMs + 100 * i, kind: 'injection', ml: 0.1, rateMlPerS: 1, ...(i > 0 ? { continuesHold: true } : {}) }, throttleFluid: true });
        vi.advanceTimersToNextTimer();
      }
      // The figures shown kept following the syringe (not frozen at the first step's)...
      const shownMl = [...new Set(fluidPushes().map((p) => p.fluid.measures?.totalMl ?? 0))];
      expect(shownMl.length).toBeGreaterThanOrEqual(3);
      expect(shownMl.at(-1)).toBeGreaterThan(1.5);
      // ... and the surface was meshed, more than once, while the plunger was still held.
      expect(fluidPushes().filter((p) => p.fluid.surface && p.fluid.surface.keys.length > 0).length).toBeGreaterThanOrEqual(2);
    } finally {
      vi.useRealTimers();
    }
  }, 120_000);
});
