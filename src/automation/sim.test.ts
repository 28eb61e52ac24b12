import { describe, it, expect, beforeAll, vi } from 'vitest';
import { useSimStore } from '../state/store';
import { useInProcessWorkers, type InProcessWorker } from '../state/testWorker';
import { createSimAutomation, speakingEnglish } from './sim';
import { SimError } from '../core/simError';
import type { SimAutomation } from './types';
import { NEEDLE_STEP_MM, PAD_PAGE_STEP_MM, PAD_REDIRECT_DEG, PAD_STEP_MM } from '../state/needleActions';

// No renderer in Node: the image on screen is a fixed small frame, always current.
vi.mock('../state/imagePipeline', () => ({
  imagePipeline: {
    latestFrame: null,
    whenCurrent: async () => ({ version: 1, width: 4, height: 2, widthMm: 40, depthMm: 30, pixels: new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]), computeMs: 0 }),
  },
}));

const st = () => useSimStore.getState();
let workers: InProcessWorker[] = [];
/** Every request sent to the simulation worker so far, of one kind. */
const sent = (kind: string) => workers.flatMap((w) => w.sent).filter((m) => m.kind === kind);
/** The API as the page installs it: every SimError worded in English. */
let sim: SimAutomation;

/** Rejects (or throws) a SimError with this code, its English in `message`, and changes nothing in the attempt or the worker. */
async function refuses(action: () => unknown, code: string): Promise<SimError> {
  const events = st().events.length;
  const requests = workers.reduce((n, w) => n + w.sent.length, 0);
  let error: unknown = null;
  try {
    await action();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(SimError);
  const refusal = error as SimError;
  expect(refusal.code).toBe(code);
  expect(refusal.message.length).toBeGreaterThan(10);
  expect(refusal.message).not.toMatch(/^error\./); // a sentence, not a bare key
  expect(st().events.length).toBe(events);
  expect(workers.reduce((n, w) => n + w.sent.length, 0)).toBe(requests);
  return refusal;
}

describe('window.sim before the knee is built', () => {
  it('refuses what needs the anatomy with not-ready', async () => {
    sim = speakingEnglish(createSimAutomation());
    workers = useInProcessWorkers();
    await refuses(() => sim.landmarks(), 'not-ready');
    await refuses(() => sim.probe(), 'not-ready');
    await refuses(() => sim.tissueAt({ x: 0, y: 0, z: 0 }), 'not-ready');
    await refuses(() => sim.insertNeedle({ entry: { x: 0, y: 0, z: 0 }, direction: { x: 1, y: 0, z: 0 } }), 'not-ready');
  });
});

describe('window.sim: argument checks and routing to the store and the worker session', () => {
  beforeAll(async () => {
    await sim.reset({ caseId: 'normal-teaching-knee' });
    await st().settled();
  }, 120_000);

  it('refuses bad arguments with a SimError in English and sends nothing', async () => {
    await refuses(() => sim.nerveAt(Number.NaN), 'invalid-argument');
    await refuses(() => sim.structureAt({ x: 1, y: Number.NaN, z: 0 }), 'invalid-argument');
    await refuses(() => sim.tissueAt({ x: 1, y: 2 } as never), 'invalid-argument');
    await refuses(() => sim.fluidAt('here' as never), 'invalid-argument');
    await refuses(() => sim.worldToImage({ x: Infinity, y: 0, z: 0 }), 'invalid-argument');
    await refuses(() => sim.setAttempt(null as never), 'invalid-argument');
    const mode = st().session.mode;
    await refuses(() => sim.setAttempt({ mode: 'exam' as never }), 'invalid-argument');
    expect(st().session.mode).toBe(mode);
    await refuses(() => sim.setAttempt({ trainee: 7 as never }), 'invalid-argument');
    await refuses(() => sim.reset({ caseId: 'no-such-case' }), 'unknown-case');
    await refuses(() => sim.inject(-1), 'invalid-argument');
    await refuses(() => sim.inject(Number.NaN), 'invalid-argument');
  });

  it('asks the live session for a point, and the replayed one during a replay', async () => {
    const head = sim.landmarks().cpnAtFibularHead;
    expect(await sim.tissueAt(head)).toMatch(/nerve|epineurium/);
    expect(sent('point').at(-1)?.body).toMatchObject({ session: 'live', p: head });
    expect(await sim.fluidAt(head)).toBe(0);
    const record = st().sessionRecord();
    await st().openReplay(record);
    try {
      await sim.tissueAt(head);
      expect(sent('point').at(-1)?.body).toMatchObject({ session: 'replay' });
      // Live actions would change the replayed record: refused, nothing logged or sent.
      await refuses(() => sim.setProbe({ centre: head, rotationDeg: 0 }), 'replaying');
      await refuses(() => sim.insertNeedle({ entry: head, direction: { x: 1, y: 0, z: 0 } }), 'replaying');
      await refuses(() => sim.inject(1), 'replaying');
      await refuses(() => sim.saveImage(), 'replaying');
      await refuses(() => sim.finish(), 'replaying');
    } finally {
      await st().closeReplay();
    }
    await sim.tissueAt(head);
    expect(sent('point').at(-1)?.body).toMatchObject({ session: 'live' });
  }, 120_000);

  it('moves the probe and the needle through the store’s actions, answers with the session’s reports as copies', async () => {
    const head = sim.landmarks().cpnAtFibularHead;
    const probe = await sim.setProbe({ centre: head, rotationDeg: 0, compressionMm: 1 });
    expect(probe).toEqual(st().probe);
    expect(probe).not.toBe(st().probe);
    expect(st().events.at(-1)?.kind).toBe('probe-pose');
    const { array, beam } = probe.axes;
    const entry = { x: head.x - array.x * 21, y: head.y - array.y * 21, z: head.z - array.z * 21 };
    const target = { x: head.x - beam.x * 2.2, y: head.y - beam.y * 2.2, z: head.z - beam.z * 2.2 };
    const d = { x: target.x - entry.x, y: target.y - entry.y, z: target.z - entry.z };
    const len = Math.hypot(d.x, d.y, d.z);
    const before = sent('event').length;
    const placed = await sim.insertNeedle({ entry, direction: { x: d.x / len, y: d.y / len, z: d.z / len } });
    expect(sent('event').length).toBe(before + 1);
    expect(sent('event').at(-1)?.body).toMatchObject({ session: 'live', event: { kind: 'needle-inserted' } });
    expect(placed).toEqual(st().needleReport);
    placed.tip.x += 100; // a copy: the caller cannot change the store
    expect(st().needleReport?.tip.x).not.toBe(placed.tip.x);
    const advanced = await sim.advanceNeedle(5);
    expect(advanced.tip).toEqual(sim.needle()?.tip);
    expect(st().events.at(-1)).toMatchObject({ kind: 'needle-advanced', mm: 5 });
    const frame = await sim.frame();
    expect(frame).toMatchObject({ width: 4, height: 2, widthMm: 40, depthMm: 30 });
    expect(Array.from(frame.pixels)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(sim.events().length).toBe(st().events.length);
  }, 120_000);

  it('runs a registered action by id: the step the key, the button and the needle pad take, refusals rejected', async () => {
    // (The needle is in from the test before.)
    const before = st().needle!.insertedMm;
    await sim.action('needle-advance-fine');
    expect(st().events.at(-1)).toMatchObject({ kind: 'needle-advanced', mm: PAD_STEP_MM });
    expect(st().needle!.insertedMm).toBeCloseTo(before + PAD_STEP_MM, 9);
    await sim.action('needle-withdraw-page');
    expect(st().events.at(-1)).toMatchObject({ kind: 'needle-advanced', mm: -PAD_PAGE_STEP_MM });
    const angle = st().needleReport!.angleToBeamDeg;
    await sim.action('needle-steeper-fine');
    expect(st().events.at(-1)?.kind).toBe('needle-redirected');
    expect(Math.abs(st().needleReport!.angleToBeamDeg - angle)).toBeCloseTo(PAD_REDIRECT_DEG, 1);
    await sim.action('needle-advance');
    expect(st().events.at(-1)).toMatchObject({ kind: 'needle-advanced', mm: NEEDLE_STEP_MM });
    // The buttons' Insert and Aspirate (keys P and A) are registered actions too.
    await sim.action('aspirate');
    expect(st().events.at(-1)?.kind).toBe('aspiration');
    await sim.action('needle-insert');
    expect(st().events.at(-1)?.kind).toBe('needle-inserted');
    expect(st().needle!.insertedMm).toBe(0);
    const unknown = await refuses(() => sim.action('needle-teleport'), 'invalid-argument');
    expect(unknown.message).toContain('needle-advance-fine');
    await refuses(() => sim.action(7 as never), 'invalid-argument');
    // With no needle, a redirection is refused before anything is sent.
    useSimStore.setState({ needle: null });
    try {
      await refuses(() => sim.action('needle-steeper'), 'no-needle');
    } finally {
      useSimStore.setState({ needle: st().lastSnapshot!.needle });
    }
  }, 120_000);
});
