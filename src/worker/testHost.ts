import { expect, vi } from 'vitest';
import { createWorkerHost, type HostOptions } from './host';
import type { RequestKind, RequestMessage, Requests, Responses, WorkerMessage } from './protocol';
import { coarsePatient } from './testPatients';

/**
 * A worker host in-process for the tests, on a coarse knee and the test's own clock unless the
 * options say otherwise: everything it posted, and `call`, which sends a typed request and
 * resolves with its answer once posted (rejects when refused).
 */
export function inProcessHost(now?: () => number, options: Omit<Partial<HostOptions>, 'post'> = {}) {
  const posted: WorkerMessage[] = [];
  const host = createWorkerHost({ buildPatient: coarsePatient, ...(now ? { now } : {}), ...options, post: (m) => posted.push(m) });
  let id = 0;
  const call = async <K extends RequestKind>(kind: K, body: Requests[K]): Promise<Responses[K]> => {
    const sent = ++id;
    host.handle({ id: sent, kind, body } as RequestMessage);
    let reply: WorkerMessage | undefined;
    await vi.waitFor(() => expect((reply = posted.find((m) => m.id === sent && 'ok' in m))).toBeDefined(), { timeout: 60_000 });
    if (!reply || !('ok' in reply) || !reply.ok) throw new Error(`${kind} refused`);
    return (reply.answer as Partial<Responses>)[kind] as Responses[K];
  };
  return { host, posted, call };
}
