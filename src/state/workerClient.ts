import { SimulationWorkerClient, type WorkerFactory } from '../worker/client';
import { useSimStore } from './store';
import { BandPool, imageWorkerCount } from '../worker/bandPool';

let client: SimulationWorkerClient | null = null;
let factory: WorkerFactory | undefined;
let imageWorkers = 0;

/** Image band workers forming the frames (0: the simulation worker forms them itself). */
export const imageWorkerPoolSize = (): number => imageWorkers;

/** Tests in Node run the worker's host in-process: set before the first use. */
export function useWorkerFactory(f: WorkerFactory): void {
  client?.dispose();
  client = null;
  factory = f;
}

/** One simulation worker per page, started on first use; a restarted worker is said to the trainee. */
export function getWorkerClient(): SimulationWorkerClient {
  if (!client) {
    client = new SimulationWorkerClient(factory);
    client.onRecovered(() => useSimStore.setState({ workerRecovered: true }));
    // Guided practice's checklist as the worker re-scores it while a view is held (no event).
    client.onChecklist((checklist) => useSimStore.setState({ checklist }));
    // Frames formed in bands by a pool of image workers (the tests' in-process worker has none).
    if (!factory && typeof Worker !== 'undefined' && typeof MessageChannel !== 'undefined') {
      const size = imageWorkerCount(location.search, navigator.hardwareConcurrency);
      imageWorkers = size;
      if (size > 0) {
        const pool = new BandPool(size);
        client.attachBands(() => pool.connect());
      }
    }
  }
  return client;
}
