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

describe('worker host: the live hold surface', () => {
  it('meshes the surface of a held plunger a slice per turn: a request sent meanwhile answers first, the push follows with the figures and the surface', async () => {
    const posted: WorkerMessage[] = [];
    // Every reading of the clock is 10 ms later: a 20 ms slice makes about two blocks.
    let clockMs = 0;
    const host = createWorkerHost({ post: (m) => posted.push(m), buildPatient: coarsePatient, now: () => (clockMs += 10) });
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
    vi.useFakeTimers();
    try {
      // A hold step: the figures and the surface are left for the throttle's push.
      const step = send('event', { session: 'live', event: model[firstInjection], throttleFluid: true });
      expect(answered(step)).toBeGreaterThanOrEqual(0);
      const pushes = () => posted.flatMap((m, i) => ('push' in m && m.push === 'fluid' ? [i] : []));
      vi.advanceTimersToNextTimer();
      expect(pushes()).toEqual([]);
      const facts = send('facts', { session: 'live' });
      expect(answered(facts)).toBeGreaterThanOrEqual(0);
      await vi.runAllTimersAsync();
      // The throttle's push, then the one once the plunger rests (nothing changed since: no block sent again).
      expect(pushes()).toHaveLength(2);
      expect((posted[pushes()[1]] as Extract<WorkerMessage, { push: 'fluid' }>).fluid.surface?.changed).toEqual([]);
      expect(pushes()[0]).toBeGreaterThan(answered(facts));
      const push = posted[pushes()[0]] as Extract<WorkerMessage, { push: 'fluid' }>;
      expect(push.fluid.measures?.totalMl).toBeGreaterThan(0);
      expect(push.fluid.surface?.keys.length).toBeGreaterThan(0);
      expect(push.fluid.surface?.changed.length).toBeGreaterThan(0);
    } finally {
      vi.useRealTimers();
    }
  }, 120_000);
});
