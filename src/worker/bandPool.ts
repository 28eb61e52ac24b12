import type { BandWorkerConnect } from './bandProtocol';

/** At most this many image band workers: past 4 the bands are small and composing them is what costs. */
export const MAX_IMAGE_WORKERS = 4;

/**
 * How many image band workers a page starts: `?imageWorkers=N` (0–4; 0: the simulation worker
 * forms each frame itself), else one per core beside the main thread's, up to 4. A two-core
 * machine gets none: one band worker only moves the frame from one worker to another and holds a
 * second copy of the knee (measured on two cores: 1 and 2 band workers gave fewer images per
 * second while sliding than none).
 */
export function imageWorkerCount(search: string, hardwareConcurrency: number | undefined): number {
  const asked = new URLSearchParams(search).get('imageWorkers');
  if (asked !== null) {
    const n = Number(asked);
    if (Number.isInteger(n) && n >= 0 && n <= MAX_IMAGE_WORKERS) return n;
  }
  const cores = Number.isFinite(hardwareConcurrency) && hardwareConcurrency! > 0 ? hardwareConcurrency! : 2;
  const beside = Math.min(MAX_IMAGE_WORKERS, cores - 1);
  return beside >= 2 ? beside : 0;
}

export interface BandWorkerLike {
  postMessage(message: BandWorkerConnect, transfer: Transferable[]): void;
  terminate(): void;
}

const startBandWorker = (): BandWorkerLike => new Worker(new URL('./bandWorker.ts', import.meta.url), { type: 'module' });

/**
 * The image band workers, owned by the page: each is joined to the simulation worker by its own
 * MessageChannel, so the knee and the band requests go worker to worker and the bands come back
 * there to be composed, never through the main thread.
 */
export class BandPool {
  private workers: BandWorkerLike[] = [];

  constructor(
    readonly size: number,
    private readonly start: () => BandWorkerLike = startBandWorker,
  ) {}

  /** Starts the pool afresh (ending any earlier workers) and gives the simulation worker's ends of the ports. */
  connect(): MessagePort[] {
    this.dispose();
    this.workers = Array.from({ length: this.size }, () => this.start());
    return this.workers.map((worker) => {
      const channel = new MessageChannel();
      worker.postMessage({ kind: 'connect', port: channel.port1 }, [channel.port1]);
      return channel.port2;
    });
  }

  dispose(): void {
    for (const worker of this.workers) worker.terminate();
    this.workers = [];
  }
}
