import { describe, expect, it, vi } from 'vitest';
import { caseParameters, findCase } from '../core/cases/cases';
import { KneeAnatomy } from '../core/anatomy/knee';
import { goodAttemptEvents } from '../core/attempt/scriptedAttempt';
import { createWorkerHost } from './host';
import type { RequestKind, RequestMessage, Requests, Responses, WorkerMessage } from './protocol';
import { coarsePatient } from './testPatients';

const caseId = 'normal-teaching-knee';
const parameters = caseParameters(findCase(caseId)!, 'right', 1);
const model = goodAttemptEvents(new KneeAnatomy(parameters), { caseId });
const injections = model.flatMap((e, i) => (e.kind === 'injection' ? [i + 1] : []));

describe('worker host: seeking a replay', () => {
  it('meshes the surface at most every 400 ms of seeking and pushes the one left behind, whole, once seeking rests', async () => {
    const posted: WorkerMessage[] = [];
    let nowMs = 0;
    const host = createWorkerHost({ post: (m) => posted.push(m), buildPatient: coarsePatient, now: () => nowMs });
    let id = 0;
    const call = async <K extends RequestKind>(kind: K, body: Requests[K]): Promise<Responses[K]> => {
      const sent = ++id;
      host.handle({ id: sent, kind, body } as RequestMessage);
      let reply: WorkerMessage | undefined;
      await vi.waitFor(() => expect((reply = posted.find((m) => m.id === sent && 'ok' in m))).toBeDefined(), { timeout: 60_000 });
      if (!reply || !('ok' in reply) || !reply.ok) throw new Error(`${kind} refused`);
      return (reply.answer as Partial<Responses>)[kind] as Responses[K];
    };
    await call('build', { parameters });
    await call('open', { session: 'replay', mode: 'assessment', events: model });
    await call('seek', { session: 'replay', index: 1 });
    // The first seek past injections meshes at once; the next within 400 ms leaves it behind.
    nowMs = 1000;
    expect((await call('seek', { session: 'replay', index: injections[1] })).fluid?.surface?.keys.length).toBeGreaterThan(0);
    nowMs = 1100;
    const deferred = await call('seek', { session: 'replay', index: injections.at(-1)! });
    expect(deferred.fluid?.measures?.totalMl).toBeGreaterThan(0);
    expect(deferred.fluid?.surface).toBeNull();
    const pushes = () => posted.filter((m) => 'push' in m);
    expect(pushes()).toEqual([]);
    await vi.waitFor(() => expect(pushes()).toHaveLength(1), { timeout: 5000 });
    const push = pushes()[0];
    expect('push' in push && push.session).toBe('replay');
    expect('push' in push && push.fluid.surface?.base).toBeNull();
    expect('push' in push && push.fluid.measures).toEqual(deferred.fluid?.measures);
    // 400 ms on, a seek meshes at once again.
    nowMs = 1600;
    expect((await call('seek', { session: 'replay', index: injections[2] })).fluid?.surface).not.toBeNull();
  }, 120_000);
});
