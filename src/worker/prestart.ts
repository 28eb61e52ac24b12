/**
 * The simulation worker, started as early as the page allows: the page's entry imports this
 * module right after its first, so the worker is created before React, three and the UI are
 * evaluated (the entry's long first task) and loads and evaluates its own bundle meanwhile,
 * on the other core. The client takes it on its first start (a worker restarted after a crash is
 * a new one). Nothing happens where there are no workers (Node, the tests).
 */
let prestarted: Worker | null = null;

/** A new simulation worker. */
export function startSimulationWorker(): Worker {
  return new Worker(new URL('./simulationWorker.ts', import.meta.url), { type: 'module' });
}

/** The worker started as the page loaded, once (null after it was taken, or where none was started). */
export function takePrestartedWorker(): Worker | null {
  const worker = prestarted;
  prestarted = null;
  return worker;
}

if (typeof window !== 'undefined' && typeof Worker !== 'undefined') prestarted = startSimulationWorker();
