import { describe, it, expect, beforeAll, vi } from 'vitest';
import { useSimStore } from './store';
import { useInProcessWorkers, type InProcessWorker } from './testWorker';
import { goodAttemptEvents } from '../core/attempt/scriptedAttempt';
import { SESSION_SCHEMA_VERSION, type SessionRecord } from '../core/attempt/events';
import { SimError } from '../core/simError';

// No canvas in Node: a saved image is "encoded" as its size, so the test sees which frames were formed.
vi.mock('./framePng', () => ({
  greyPng: (_pixels: Uint8Array, width: number, height: number) => `png:${width}x${height}`,
  displayedFramePng: () => null,
}));

const st = () => useSimStore.getState();
const caseId = 'normal-teaching-knee';
let workers: InProcessWorker[] = [];

const recordOf = (events: SessionRecord['events']): SessionRecord => ({
  schemaVersion: SESSION_SCHEMA_VERSION, id: 'stored-1', caseId, side: 'right', seed: 1, trainee: 'T', mode: 'assessment', startedAt: '2026-01-01T10:00:00.000Z', events,
});

describe('the review page’s debrief as one store action (openStoredDebrief)', () => {
  beforeAll(async () => {
    workers = useInProcessWorkers();
    await st().loadCase({ caseId });
    await st().settled();
  }, 120_000);

  it('rebuilds the knee, rescores the log, makes every saved image again and shows the attempt’s end', async () => {
    const record = recordOf(goodAttemptEvents(st().anatomy!, { caseId }));
    const saved = record.events.flatMap((e) => (e.kind === 'image-saved' ? [e.imageId] : []));
    expect(saved.length).toBeGreaterThan(0);
    const sentBefore = workers.reduce((n, w) => n + w.sent.length, 0);
    const debrief = await st().openStoredDebrief(record);
    // The review session is opened once for the whole debrief (it was opened three times: rescoring, images, the end).
    const sent = workers.flatMap((w) => w.sent).slice(sentBefore);
    const toReview = (kind: string) => sent.filter((m) => m.kind === kind && 'session' in m.body && m.body.session === 'review');
    expect(toReview('open')).toHaveLength(1);
    expect(toReview('close')).toHaveLength(0);
    // One seek per saved image and one to the attempt's end, which is what the debrief's cross-sections show.
    const seeks = sent.filter((m) => m.kind === 'seek');
    expect(seeks).toHaveLength(saved.length + 1);
    expect(seeks.at(-1)?.body).toEqual({ session: 'review', index: record.events.length });
    expect(st().page).toBe('debrief');
    expect(st().finished).toBe(true);
    expect(st().debrief).toBe(debrief);
    expect(debrief.record).toBe(record);
    // The model attempt scores as the rubric says it should: nothing critical, most of the marks.
    expect(debrief.result.safetyEvents.filter((e) => e.critical)).toEqual([]);
    expect(debrief.result.total).toBeGreaterThan(70);
    expect(debrief.facts.fluid.totalMl).toBeCloseTo(5, 1);
    expect(Object.keys(debrief.images).sort()).toEqual([...saved].sort());
    for (const png of Object.values(debrief.images)) expect(png).toMatch(/^png:\d+x\d+$/);
    // The image (and the cross-sections) draw the stored attempt's final state: the last 'show' is the review session's.
    const shows = workers.flatMap((w) => w.sent).filter((m) => m.kind === 'show');
    expect(shows.at(-1)?.body).toEqual({ session: 'review' });
  }, 180_000);

  it('a log without its case refuses with invalid-import and opens no debrief', async () => {
    st().setPage('simulator');
    useSimStore.setState({ debrief: null });
    const events = goodAttemptEvents(st().anatomy!, { caseId }).filter((e) => e.kind !== 'case-loaded');
    const refused = await st().openStoredDebrief(recordOf(events)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SimError);
    expect((refused as SimError).code).toBe('invalid-import');
    expect(st().page).toBe('simulator');
    expect(st().debrief).toBeNull();
    // The review session opened for it is closed again.
    expect(workers.flatMap((w) => w.sent).filter((m) => m.kind === 'close').at(-1)?.body).toEqual({ session: 'review' });
  }, 180_000);
});
