import { SimulationWorkerClient } from '../worker/client';

let client: SimulationWorkerClient | null = null;

/** One simulation worker per page, started on first use. */
export function getWorkerClient(): SimulationWorkerClient {
  client ??= new SimulationWorkerClient();
  return client;
}
