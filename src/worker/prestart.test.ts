import { afterEach, describe, expect, it, vi } from 'vitest';

/** A stand-in for the browser's Worker: counts the workers made and those ended. */
class FakeWorker {
  static made: FakeWorker[] = [];
  terminated = false;
  onmessage: unknown = null;
  onerror: unknown = null;
  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
    FakeWorker.made.push(this);
  }
  postMessage(): void {}
  terminate(): void {
    this.terminated = true;
  }
}

describe('the simulation worker started as the page loads', () => {
  afterEach(() => {
    FakeWorker.made = [];
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('starts when the page imports the module, and is the worker the client starts on (a restart makes a new one)', async () => {
    vi.stubGlobal('window', {});
    vi.stubGlobal('Worker', FakeWorker);
    vi.resetModules();
    await import('./prestart');
    expect(FakeWorker.made).toHaveLength(1);
    expect(FakeWorker.made[0].url.pathname).toMatch(/simulationWorker/);

    const { SimulationWorkerClient } = await import('./client');
    const client = new SimulationWorkerClient();
    try {
      // The client's first worker is the one already loading, not a second.
      expect(FakeWorker.made).toHaveLength(1);
      client.killWorker();
      expect(FakeWorker.made).toHaveLength(2);
      expect(FakeWorker.made[0].terminated).toBe(true);
      // Only the first prepares the page's start case; a restart serves the page's own.
      expect(FakeWorker.made.map((w) => w.options.name)).toEqual(['simulation', 'simulation-restarted']);
    } finally {
      client.dispose();
    }
  });

  it('starts nothing where there are no workers', async () => {
    vi.resetModules();
    const { takePrestartedWorker } = await import('./prestart');
    expect(takePrestartedWorker()).toBeNull();
  });
});
