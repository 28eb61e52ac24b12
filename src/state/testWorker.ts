import { createWorkerHost } from '../worker/host';
import type { WorkerLike } from '../worker/client';
import type { RequestKind, RequestMessage, WorkerMessage } from '../worker/protocol';
import { coarsePatient } from '../worker/testPatients';
import { useWorkerFactory } from './workerClient';

/**
 * For Node tests of the store and window.sim: the real worker host in-process (a coarse knee),
 * messages delivered on later tasks as a Worker's are, and every request it was sent kept so a
 * test can see what reached the simulation (and what a refusal kept from reaching it).
 */
export class InProcessWorker implements WorkerLike {
  onmessage: ((event: { data: WorkerMessage }) => void) | null = null;
  onerror: ((event: { message?: string }) => void) | null = null;
  readonly sent: RequestMessage[] = [];
  private dead = false;
  private readonly host = createWorkerHost({ post: (message) => setTimeout(() => !this.dead && this.onmessage?.({ data: message }), 0), buildPatient: coarsePatient });
  postMessage<K extends RequestKind>(message: RequestMessage<K>): void {
    this.sent.push(message);
    setTimeout(() => !this.dead && this.host.handle(message), 0);
  }
  terminate(): void {
    this.dead = true;
  }
}

/** Makes the store's worker client use in-process workers; returns them as they are started. */
export function useInProcessWorkers(): InProcessWorker[] {
  const workers: InProcessWorker[] = [];
  useWorkerFactory(() => {
    const w = new InProcessWorker();
    workers.push(w);
    return w;
  });
  return workers;
}
