import { describe, it, expect, afterEach } from 'vitest';
import { KneeAnatomy } from '../core/anatomy/knee';
import { goodAttemptEvents } from '../core/attempt/scriptedAttempt';
import { caseParameters, findCase } from '../core/cases/cases';
import { SimError } from '../core/simError';
import { SimulationWorkerClient, type WorkerLike } from './client';
import { createWorkerHost } from './host';
import type { AppliedEvent, RequestKind, RequestMessage, WorkerMessage } from './protocol';
import { coarsePatient } from './testPatients';

const caseId = 'normal-teaching-knee';
const parameters = caseParameters(findCase(caseId)!, 'right', 1);
const model = goodAttemptEvents(new KneeAnatomy(parameters), { caseId });

/**
 * A worker in-process: the real host, messages delivered on later tasks as a Worker's are. It can
 * be made to swallow requests (a hang), and counts what its host applied.
 */
class FakeWorker implements WorkerLike {
  onmessage: ((event: { data: WorkerMessage }) => void) | null = null;
  onerror: ((event: { message?: string }) => void) | null = null;
  terminated = false;
  hangOn: RequestKind | null = null;
  readonly handled: RequestMessage[] = [];
  private readonly host = createWorkerHost({ post: (message) => setTimeout(() => !this.terminated && this.onmessage?.({ data: message }), 0), buildPatient: coarsePatient });
  postMessage<K extends RequestKind>(message: RequestMessage<K>): void {
    setTimeout(() => {
      if (this.terminated || this.hangOn === message.kind) return;
      this.handled.push(message);
      this.host.handle(message);
    }, 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}

let client: SimulationWorkerClient | null = null;
afterEach(() => client?.dispose());

function start(watchdogIntervalMs = 1000) {
  const workers: FakeWorker[] = [];
  client = new SimulationWorkerClient(
    () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    () => performance.now(),
    watchdogIntervalMs,
  );
  return { client, workers };
}

const appliedIn = (w: FakeWorker) => w.handled.filter((m) => m.kind === 'event').length;

describe('SimulationWorkerClient', () => {
  it('answers each request with its own typed answer or its own error', async () => {
    const { client } = start();
    await client.call('build', { parameters });
    await client.call('open', { session: 'live', mode: 'assessment', events: [] });
    const first = await client.call('event', { session: 'live', event: model[0], throttleFluid: false });
    expect(first.snapshot.caseId).toBe(caseId);
    const [bad, good] = await Promise.allSettled([client.call('seek', { session: 'review', index: 1 }), client.call('facts', { session: 'live' })]);
    expect(bad.status).toBe('rejected');
    expect(bad.status === 'rejected' && bad.reason instanceof SimError && bad.reason.code).toBe('not-ready');
    expect(good.status === 'fulfilled' && good.value?.mode).toBe('assessment');
  });

  it('a killed worker is replaced, the session rebuilt from what was answered, the rest sent once', async () => {
    const { client, workers } = start();
    const recovered: string[] = [];
    client.onRecovered((r) => recovered.push(r));
    await client.call('build', { parameters });
    await client.call('open', { session: 'live', mode: 'assessment', events: [] });
    const injectionsAt = model.findIndex((e) => e.kind === 'injection');
    for (const e of model.slice(0, injectionsAt + 1)) await client.call('event', { session: 'live', event: e, throttleFluid: false });
    // Two more injections in flight when the worker dies.
    const inFlight = model.slice(injectionsAt + 1, injectionsAt + 3);
    const answers = inFlight.map((event) => client.call('event', { session: 'live', event, throttleFluid: false }));
    client.killWorker();
    const applied = await Promise.all(answers);
    expect(recovered).toEqual(['killed']);
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    // The new worker rebuilt the answered log in one 'open', then applied each in-flight event once.
    expect(workers[1].handled.filter((m) => m.kind === 'open')).toHaveLength(1);
    expect(appliedIn(workers[1])).toBe(inFlight.length);
    expect(applied.at(-1)!.snapshot.injectedMl).toBeCloseTo(0.5 * 3, 9);
    const facts = await client.call('facts', { session: 'live' });
    expect(facts?.injections.reduce((sum, i) => sum + i.ml, 0)).toBeCloseTo(1.5, 9);
  });

  it('a session rebuilt after a kill says what the live one said: the sono-Tinel the pressed probe provoked, on the same turn', async () => {
    // A case whose patient feels the probe pressing on the entrapment; the model attempt presses over the fibular head.
    const tinelCase = findCase('patient-1')!;
    expect(tinelCase.symptomsOnCompression).not.toBeNull();
    const events = goodAttemptEvents(new KneeAnatomy(caseParameters(tinelCase, 'right', 1)), { caseId: tinelCase.id });
    const pressed = events.findIndex((e) => e.kind === 'probe-pose' && e.pose.compressionMm >= 3);
    const upTo = events.findIndex((e) => e.kind === 'injection') + 1;
    // What is compared: every answer as the trainee was shown it (the 3D surface's blocks depend on what the view was sent before).
    const shown = (a: AppliedEvent) => ({ ...a, snapshot: { ...a.snapshot, fluid: a.snapshot.fluid && { ...a.snapshot.fluid, surface: null } } });
    const run = async (killAfter: number | null) => {
      const { client } = start();
      await client.call('build', { parameters: caseParameters(tinelCase, 'right', 1) });
      await client.call('open', { session: 'live', mode: 'guided', events: [] });
      const answers: ReturnType<typeof shown>[] = [];
      for (let i = 0; i < upTo; i++) {
        answers.push(shown(await client.call('event', { session: 'live', event: events[i], throttleFluid: false })));
        if (i === killAfter) client.killWorker();
      }
      expect(client.restarts).toBe(killAfter === null ? 0 : 1);
      client.dispose();
      return answers;
    };
    const uninterrupted = await run(null);
    expect(uninterrupted[pressed].notices).toContainEqual({ kind: 'sono-tinel', caseId: tinelCase.id });
    expect(uninterrupted[pressed].snapshot.voices.patient.said?.key).toBe('patient.sonoTinel');
    // Killed once the pressed pose was answered, and once just before it.
    for (const killAfter of [pressed, pressed - 1]) expect(await run(killAfter)).toEqual(uninterrupted);
  }, 240_000);

  it('a hung worker is found by the watchdog and the request answered by the next one', async () => {
    const { client, workers } = start(20);
    await client.call('build', { parameters });
    await client.call('open', { session: 'live', mode: 'assessment', events: [] });
    await client.call('event', { session: 'live', event: model[0], throttleFluid: false });
    workers[0].hangOn = 'facts';
    const { WATCHDOG_MS } = await import('./client');
    const saved = WATCHDOG_MS.facts;
    WATCHDOG_MS.facts = 100;
    try {
      const facts = await client.call('facts', { session: 'live' });
      expect(facts?.mode).toBe('assessment');
      expect(client.restarts).toBe(1);
    } finally {
      WATCHDOG_MS.facts = saved;
    }
  });
});
