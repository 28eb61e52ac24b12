import { describe, it, expect, beforeAll } from 'vitest';
import { useSimStore } from './store';
import { useWorkerFactory } from './workerClient';
import { createWorkerHost } from '../worker/host';
import type { WorkerLike } from '../worker/client';
import type { RequestKind, RequestMessage, WorkerMessage } from '../worker/protocol';
import { coarsePatient } from '../worker/testPatients';
import { SimError } from '../core/simError';
import { useStorageStatus } from './attemptStorage';

/** The real worker host in-process, messages on later tasks as a Worker's are. */
class InProcessWorker implements WorkerLike {
  onmessage: ((event: { data: WorkerMessage }) => void) | null = null;
  onerror: ((event: { message?: string }) => void) | null = null;
  private dead = false;
  private readonly host = createWorkerHost({ post: (message) => setTimeout(() => !this.dead && this.onmessage?.({ data: message }), 0), buildPatient: coarsePatient });
  postMessage<K extends RequestKind>(message: RequestMessage<K>): void {
    setTimeout(() => !this.dead && this.host.handle(message), 0);
  }
  terminate(): void {
    this.dead = true;
  }
}

const st = () => useSimStore.getState();

describe('the store mirrors the worker session', () => {
  beforeAll(async () => {
    useWorkerFactory(() => new InProcessWorker());
    await st().loadCase({ caseId: 'normal-teaching-knee' });
    await st().settled();
  }, 120_000);

  it('needle moves come back from the session; a refusal logs nothing and debits nothing', async () => {
    const anatomy = st().anatomy!;
    const head = anatomy.landmarks.cpnAtFibularHead;
    const probe = st().setProbe({ centre: head, rotationDeg: 0, compressionMm: 1 });
    await st().settled();
    const entry = { x: head.x - probe.axes.array.x * 21, y: head.y - probe.axes.array.y * 21, z: head.z - probe.axes.array.z * 21 };
    const target = { x: head.x - probe.axes.beam.x * 2.2, y: head.y - probe.axes.beam.y * 2.2, z: head.z - probe.axes.beam.z * 2.2 };
    const d = { x: target.x - entry.x, y: target.y - entry.y, z: target.z - entry.z };
    const len = Math.hypot(d.x, d.y, d.z);
    const placed = await st().insertNeedle({ entry, direction: { x: d.x / len, y: d.y / len, z: d.z / len } });
    expect(st().needleReport).toEqual(placed);
    const advanced = await st().advanceNeedle(Math.hypot(target.x - placed.tip.x, target.y - placed.tip.y, target.z - placed.tip.z));
    expect(advanced.tipVisible).toBe(true);
    expect(st().needle?.insertedMm).toBeGreaterThan(10);
    const events = st().events.length;
    await expect(st().inject(50)).rejects.toBeInstanceOf(SimError);
    expect(st().events.length).toBe(events);
    expect(st().syringeMl).toBe(10);
    const injected = await st().inject(1);
    expect(injected.totalMl).toBeCloseTo(1, 9);
    expect(st().syringeMl).toBeCloseTo(9, 9);
    expect(st().events.length).toBe(events + 1);
    expect(st().fluidMeasures?.totalMl).toBeGreaterThan(0.5);
  }, 120_000);

  it('a mode switch after a scored event starts a new attempt in that mode', async () => {
    const before = st().session.id;
    expect(st().session.mode).toBe('guided');
    st().setMode('assessment');
    await new Promise<void>((resolve) => {
      const check = () => st().buildStatus === 'ready' && st().session.id !== before;
      if (check()) return resolve();
      const stop = useSimStore.subscribe(() => {
        if (check()) {
          stop();
          resolve();
        }
      });
    });
    await st().settled();
    expect(st().session.mode).toBe('assessment');
    expect(st().events.filter((e) => e.kind === 'injection')).toHaveLength(0);
    expect(st().syringeMl).toBe(10);
  }, 120_000);

  it('an attempt another tab took over is read-only here: live actions are refused and log nothing', async () => {
    const events = st().events.length;
    useStorageStatus.setState({ handedOver: st().session.id });
    try {
      await expect(st().record({ kind: 'aspiration' })).rejects.toMatchObject({ code: 'handed-over' });
      expect(st().events.length).toBe(events);
    } finally {
      useStorageStatus.setState({ handedOver: null });
    }
  }, 120_000);
});
