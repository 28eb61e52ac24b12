import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AttemptEvent, SessionRecord } from '../core/attempt/events';
import { AttemptStore } from './attemptStore';
import { sampleRecord } from './testSupport';

afterEach(() => vi.restoreAllMocks());

type Step = { kind: 'events'; count: number; awaitSave: boolean } | { kind: 'crash' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('events' as const), count: fc.integer({ min: 1, max: 6 }), awaitSave: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'crash' as const }) },
);

let dbCount = 0;

describe('append-only attempt log under random storage failures', () => {
  it('the stored log is always a prefix of the live log, and nothing reported saved is missing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 25 }), fc.array(fc.boolean(), { maxLength: 400 }), async (steps, failures) => {
        const name = `append-prop-${++dbCount}`;
        // Each put, in order, fails (as a full disk) where the schedule says so.
        let putIndex = 0;
        const put = IDBObjectStore.prototype.put;
        vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
          if (failures[putIndex++ % Math.max(1, failures.length)] && failures.length > 0) throw new DOMException('full', 'QuotaExceededError');
          return put.apply(this, args);
        });
        let store = await AttemptStore.open({ name });
        let live: SessionRecord = sampleRecord({ events: [] });
        let confirmedLength = 0;
        let nextT = 0;
        const saves: Promise<void>[] = [];
        const storedLog = async (s: AttemptStore) => (await s.get(live.id))?.record.events ?? [];
        const checkPrefix = (stored: AttemptEvent[]) => {
          expect(stored).toEqual(live.events.slice(0, stored.length));
          expect(stored.length).toBeGreaterThanOrEqual(confirmedLength);
        };
        for (const step of steps) {
          if (step.kind === 'crash') {
            // The tab dies: writes in flight finish or not; the reloaded tab resumes what is stored.
            await Promise.allSettled(saves.splice(0));
            store.close();
            store = await AttemptStore.open({ name });
            const stored = await storedLog(store);
            checkPrefix(stored);
            live = { ...live, events: stored };
            continue;
          }
          const added: AttemptEvent[] = Array.from({ length: step.count }, () => ({ tMs: nextT++, kind: 'aspiration' as const }));
          live = { ...live, events: [...live.events, ...added] };
          const length = live.events.length;
          const saving = store.save(live).then(() => {
            confirmedLength = Math.max(confirmedLength, length);
          });
          saves.push(saving.catch(() => undefined));
          if (step.awaitSave) await saving.catch(() => undefined);
        }
        await Promise.all(saves);
        vi.restoreAllMocks();
        store.close();
        const reopened = await AttemptStore.open({ name });
        checkPrefix(await storedLog(reopened));
        const [summary] = await reopened.list();
        expect(summary?.eventCount ?? 0).toBe((await storedLog(reopened)).length);
        reopened.close();
      }),
      { numRuns: 60 },
    );
  });
});
