import { SimulationWorkerClient, type WorkerFactory } from '../worker/client';
import { useSimStore } from './store';

let client: SimulationWorkerClient | null = null;
let factory: WorkerFactory | undefined;

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
  }
  return client;
}
