import { describe, it, expect, beforeAll } from 'vitest';
import { useSimStore } from './store';
import { InProcessWorker } from './testWorker';
import { useWorkerFactory } from './workerClient';
import { imagePipeline } from './imagePipeline';
import type { RequestKind, RequestMessage } from '../worker/protocol';

/**
 * A real worker gets a copy of every message (structured clone), so its session answers with its
 * own copy of the pose the store shows; the shared in-process worker passes the same objects.
 */
class CopyingWorker extends InProcessWorker {
  override postMessage<K extends RequestKind>(message: RequestMessage<K>): void {
    super.postMessage(structuredClone(message));
  }
}

const st = () => useSimStore.getState();
const workers: InProcessWorker[] = [];
const framesAsked = () => workers[workers.length - 1].sent.filter((m) => m.kind === 'frame').length;

/** A pose as window.sim.setProbe takes it, then what setProbe and frame() wait for. */
async function slideTo(sMm: number): Promise<void> {
  st().setProbe({ centre: st().anatomy!.nerveAt(sMm)!.centre, rotationDeg: 0, compressionMm: 1 });
  await st().settled();
  await imagePipeline.whenCurrent();
}

describe('newest pose wins: a pose asks the worker for one frame', () => {
  beforeAll(async () => {
    // The live frames at rest run only in a visible page: none here, so every frame asked is a change's.
    (globalThis as { document?: unknown }).document ??= { visibilityState: 'hidden' };
    useWorkerFactory(() => {
      const w = new CopyingWorker();
      workers.push(w);
      return w;
    });
    await st().loadCase({ caseId: 'normal-teaching-knee' });
    await st().settled();
    imagePipeline.start();
    // The canvas's part: what reaches the listener is drawn.
    imagePipeline.onFrame((frame) => imagePipeline.markDrawn(frame));
    await imagePipeline.whenCurrent();
  }, 120_000);

  it('the session answering the pose with its own copy of it asks for no second frame', async () => {
    const before = framesAsked();
    for (const sMm of [10, 9, 8]) await slideTo(sMm);
    // One each: the worker's copy of the pose (mirrored into the store) is the same pose by value.
    expect(framesAsked() - before).toBe(3);
    const shown = imagePipeline.latestFrame!;
    expect(shown.pose).toEqual(st().probe!.pose);
    expect(shown.version).toBe(imagePipeline.currentVersion);
  }, 60_000);

  it('with the needle in, a pose still asks for one frame (the session mirrors its copy of the needle too)', async () => {
    const probe = st().probe!;
    const head = st().anatomy!.landmarks.cpnAtFibularHead;
    const entry = { x: head.x - probe.axes.array.x * 21, y: head.y - probe.axes.array.y * 21, z: head.z - probe.axes.array.z * 21 };
    const d = { x: head.x - entry.x, y: head.y - entry.y, z: head.z - entry.z };
    const len = Math.hypot(d.x, d.y, d.z);
    await st().insertNeedle({ entry, direction: { x: d.x / len, y: d.y / len, z: d.z / len } });
    await st().settled();
    await imagePipeline.whenCurrent();
    expect(st().needle).not.toBeNull();
    const before = framesAsked();
    for (const sMm of [8.5, 9]) await slideTo(sMm);
    expect(framesAsked() - before).toBe(2);
  }, 60_000);

  it('a real change during a frame in flight is still shown: the newest pose once that frame returns', async () => {
    const before = framesAsked();
    st().setProbe({ centre: st().anatomy!.nerveAt(7)!.centre, rotationDeg: 0, compressionMm: 1 });
    st().setProbe({ centre: st().anatomy!.nerveAt(6)!.centre, rotationDeg: 0, compressionMm: 1 });
    st().setProbe({ centre: st().anatomy!.nerveAt(5)!.centre, rotationDeg: 0, compressionMm: 1 });
    await st().settled();
    const shown = await imagePipeline.whenCurrent();
    expect(shown.pose).toEqual(st().probe!.pose);
    // The first pose's frame, then the newest's: the middle one is never asked for.
    expect(framesAsked() - before).toBe(2);
  }, 60_000);
});
