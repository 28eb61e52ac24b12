/**
 * The simulation worker, started as early as the page allows: the page's entry imports this
 * module right after its first, so the worker is created before React, three and the UI are
 * evaluated (the entry's long first task) and loads and evaluates its own bundle meanwhile,
 * on the other core. The client takes it on its first start (a worker restarted after a crash is
 * a new one). Nothing happens where there are no workers (Node, the tests).
 */
let prestarted: Worker | null = null;

/**
 * A new simulation worker after the first (a restart after a crash): named so, it does not prepare
 * the page's start case (simulationWorker.ts), as the page is by then on its own case. The name is
 * a literal in both places: Vite finds a worker only by a `new Worker` with static options.
 */
export function startSimulationWorker(): Worker {
  return new Worker(new URL('./simulationWorker.ts', import.meta.url), { type: 'module', name: 'simulation-restarted' });
}

/** The worker started as the page loaded, once (null after it was taken, or where none was started). */
export function takePrestartedWorker(): Worker | null {
  const worker = prestarted;
  prestarted = null;
  return worker;
}

if (typeof window !== 'undefined' && typeof Worker !== 'undefined') prestarted = new Worker(new URL('./simulationWorker.ts', import.meta.url), { type: 'module', name: 'simulation' });
