import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest';

/** Each frame the fake worker is asked for: when, and its answer's resolver. */
const asked: { atMs: number; answer: (computeMs: number) => void }[] = [];
vi.mock('./workerClient', () => ({
  getWorkerClient: () => ({
    renderFrame: () =>
      new Promise((resolve) => {
        asked.push({ atMs: performance.now(), answer: (computeMs: number) => resolve({ width: 2, height: 1, pixels: new Uint8Array(2), computeMs }) });
      }),
  }),
}));

const { useSimStore } = await import('./store');
const { imagePipeline } = await import('./imagePipeline');

/** Lets the pipeline's awaits run (a frame answered reaches its listeners after a few microtasks). */
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('image pipeline while the plunger is held', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
    vi.stubGlobal('document', { visibilityState: 'visible' });
    asked.length = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('asks for the next frame only after the worker has rested as long as the last one took it, and back to back once the plunger rests', async () => {
    const pose = { centre: { x: 0, y: 0, z: 30 }, rotationDeg: 0, tiltDeg: 0, compressionMm: 0 };
    useSimStore.setState({ buildStatus: 'ready', probe: { pose } as never, injecting: true });
    imagePipeline.start();
    await settle();
    expect(asked).toHaveLength(1);
    // A 60 ms frame: nothing more is asked for during the next 60 ms, whatever changes meanwhile.
    asked[0].answer(60);
    await settle();
    const returnedAt = performance.now();
    useSimStore.setState({ fluidVersion: useSimStore.getState().fluidVersion + 1 });
    await vi.advanceTimersByTimeAsync(55);
    expect(asked).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10);
    expect(asked).toHaveLength(2);
    expect(asked[1].atMs - returnedAt).toBeGreaterThanOrEqual(60);
    // The plunger let go: a change is imaged at once when the frame under way returns.
    useSimStore.setState({ injecting: false });
    asked[1].answer(60);
    await settle();
    useSimStore.setState({ fluidVersion: useSimStore.getState().fluidVersion + 1 });
    await settle();
    expect(asked).toHaveLength(3);
    expect(asked[2].atMs - asked[1].atMs).toBeLessThan(60);
  });
});
