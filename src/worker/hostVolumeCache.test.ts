import { describe, expect, it, vi } from 'vitest';
import type { AnatomyParameters } from '../core/anatomy/parameters';
import type { LabelVolume } from '../core/anatomy/voxelise';
import { caseParameters, findCase } from '../core/cases/cases';
import { createWorkerHost } from './host';
import type { PatientBuilder } from './patients';
import type { RequestKind, RequestMessage, Requests, WorkerMessage } from './protocol';
import { coarsePatient } from './testPatients';
import type { VolumeCache } from './volumeCache';

const parameters = caseParameters(findCase('normal-teaching-knee')!, 'right', 1);

/** A cache in memory whose loads resolve only when the test says (IndexedDB is asynchronous too). */
function memoryCache() {
  const stored = new Map<string, LabelVolume>();
  const pending: (() => void)[] = [];
  const cache: VolumeCache = {
    load: (p: AnatomyParameters) => new Promise((resolve) => pending.push(() => resolve(stored.get(JSON.stringify(p)) ?? null))),
    save: vi.fn(async (p: AnatomyParameters, volume: LabelVolume) => void stored.set(JSON.stringify(p), volume)),
  };
  return { cache, stored, releaseLoads: () => pending.splice(0).forEach((go) => go()) };
}

function startHost(cache: VolumeCache) {
  const posted: WorkerMessage[] = [];
  const built: (LabelVolume | undefined)[] = [];
  const buildPatient: PatientBuilder = (p, progress, stored) => {
    built.push(stored);
    return coarsePatient(p, progress, stored);
  };
  const host = createWorkerHost({ post: (m) => posted.push(m), buildPatient, volumeCache: cache });
  let id = 0;
  const send = <K extends RequestKind>(kind: K, body: Requests[K]) => host.handle({ id: ++id, kind, body } as RequestMessage);
  const answered = () => posted.filter((m) => 'ok' in m).map((m) => m.id);
  return { send, answered, built, posted, prepare: host.prepare };
}

/** The progress messages posted for a request. */
const progressOf = (posted: WorkerMessage[], id: number) => posted.flatMap((m) => ('progress' in m && m.id === id ? [m.progress] : []));

describe('worker host with a volume cache', () => {
  it('a first visit voxelises and stores the volume; requests sent while the cache is read wait and are answered in order', async () => {
    const { cache, stored, releaseLoads } = memoryCache();
    const { send, answered, built } = startHost(cache);
    send('build', { parameters });
    send('open', { session: 'live', mode: 'assessment', events: [] });
    send('facts', { session: 'live' });
    expect(answered()).toEqual([]);
    releaseLoads();
    await vi.waitFor(() => expect(answered()).toEqual([1, 2, 3]));
    expect(built).toEqual([undefined]);
    // Stored a moment after the build, so the first frames come first.
    await vi.waitFor(() => expect(cache.save).toHaveBeenCalledTimes(1), { timeout: 4000 });
    expect(stored.size).toBe(1);
  });

  it('a second visit builds the knee round the stored volume instead of voxelising, and stores nothing', async () => {
    const { cache, stored, releaseLoads } = memoryCache();
    const volume = coarsePatient(parameters).patient.volume!;
    stored.set(JSON.stringify(parameters), volume);
    const { send, answered, built, posted } = startHost(cache);
    send('build', { parameters });
    releaseLoads();
    await vi.waitFor(() => expect(answered()).toEqual([1]));
    expect(built).toEqual([volume]);
    const answer = posted.find((m) => 'ok' in m && m.ok) as { answer: { build: { voxelCount: number } } };
    expect(answer.answer.build.voxelCount).toBe(volume.labels.length);
    await new Promise((resolve) => setTimeout(resolve, 1800));
    expect(cache.save).not.toHaveBeenCalled();
  });

  it('a build that fails is refused and the requests behind it still run', async () => {
    const { cache, releaseLoads } = memoryCache();
    const { send, answered, posted } = startHost(cache);
    send('build', { parameters: { ...parameters, nerveAreaMm2: -1 } });
    send('close', { session: 'review' });
    releaseLoads();
    await vi.waitFor(() => expect(answered()).toEqual([1, 2]));
    expect(posted.filter((m) => 'ok' in m).map((m) => (m as { ok: boolean }).ok)).toEqual([false, true]);
  });

  describe('the start case prepared as the worker starts', () => {
    it('a build of it joins the preparation: the volume is read once, the knee built once, and its progress reaches the build', async () => {
      const { cache, stored, releaseLoads } = memoryCache();
      const volume = coarsePatient(parameters).patient.volume!;
      stored.set(JSON.stringify(parameters), volume);
      const load = vi.spyOn(cache, 'load');
      const { send, answered, built, posted, prepare } = startHost(cache);
      prepare(parameters);
      expect(load).toHaveBeenCalledTimes(1);
      send('build', { parameters });
      send('open', { session: 'live', mode: 'assessment', events: [] });
      expect(answered()).toEqual([]);
      releaseLoads();
      await vi.waitFor(() => expect(answered().sort()).toEqual([1, 2]));
      expect(load).toHaveBeenCalledTimes(1);
      expect(built).toEqual([volume]);
      expect(progressOf(posted, 1)).toEqual([1]);
    });

    it('nothing stored: the build that joins voxelises it as before and stores it; other requests wait in order', async () => {
      const { cache, releaseLoads } = memoryCache();
      const { send, answered, built, prepare } = startHost(cache);
      prepare(parameters);
      send('facts', { session: 'live' });
      send('build', { parameters });
      send('open', { session: 'live', mode: 'assessment', events: [] });
      releaseLoads();
      await vi.waitFor(() => expect(answered()).toContain(3));
      expect(answered()).toEqual(expect.arrayContaining([1, 2, 3]));
      expect(built).toEqual([undefined]);
      await vi.waitFor(() => expect(cache.save).toHaveBeenCalledTimes(1), { timeout: 4000 });
    });

    it('what waits behind a build that joined it is answered after that build, in order, each case from its own stored volume', async () => {
      const { cache, stored, releaseLoads } = memoryCache();
      const other = caseParameters(findCase('normal-teaching-knee')!, 'left', 1);
      const volume = coarsePatient(parameters).patient.volume!;
      const otherVolume = coarsePatient(other).patient.volume!;
      stored.set(JSON.stringify(parameters), volume);
      stored.set(JSON.stringify(other), otherVolume);
      const { send, answered, built, prepare } = startHost(cache);
      prepare(parameters);
      send('build', { parameters });
      send('open', { session: 'live', mode: 'assessment', events: [] });
      send('build', { parameters: other });
      send('open', { session: 'live', mode: 'assessment', events: [] });
      releaseLoads();
      await vi.waitFor(() => expect(answered()).toEqual([1, 2]));
      releaseLoads();
      await vi.waitFor(() => expect(answered()).toEqual([1, 2, 3, 4]));
      expect(built).toEqual([volume, otherVolume]);
    });

    it('a build of another case waits for the preparation, then builds its own', async () => {
      const { cache, stored, releaseLoads } = memoryCache();
      const volume = coarsePatient(parameters).patient.volume!;
      stored.set(JSON.stringify(parameters), volume);
      const other = caseParameters(findCase('normal-teaching-knee')!, 'left', 1);
      const { send, answered, built, prepare } = startHost(cache);
      prepare(parameters);
      send('build', { parameters: other });
      releaseLoads();
      await vi.waitFor(() => expect(built).toEqual([volume]));
      expect(answered()).toEqual([]);
      releaseLoads();
      await vi.waitFor(() => expect(answered()).toEqual([1]));
      expect(built).toEqual([volume, undefined]);
    });

    it('a malformed build sent meanwhile waits its turn and is refused, without harm to the preparation', async () => {
      const { cache, stored, releaseLoads } = memoryCache();
      stored.set(JSON.stringify(parameters), coarsePatient(parameters).patient.volume!);
      const { send, answered, posted, prepare } = startHost(cache);
      prepare(parameters);
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      send('build', { parameters: cyclic as unknown as AnatomyParameters });
      send('build', { parameters });
      releaseLoads();
      await vi.waitFor(() => expect(answered().sort()).toEqual([1, 2]));
      const oks = Object.fromEntries(posted.flatMap((m) => ('ok' in m ? [[m.id, m.ok]] : [])));
      expect(oks).toEqual({ 1: false, 2: true });
    });
  });
});
