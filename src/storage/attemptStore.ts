import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { SessionRecord } from '../core/attempt/events';
import type { FluidMeasures } from '../core/fluid/measures';
import type { AttemptResult } from '../core/scoring/result';
import { canonicalJson } from './canonicalJson';
import { mappingStorageErrors, storageSimError } from './storageErrors';
import { message } from '../core/message';
import {
  finishTimeMs,
  instantAfterStart,
  summariseAttempt,
  type AttemptDraft,
  type AttemptSummary,
  type StoredAttempt,
} from './storedAttempt';
import { ALL_STORES, ATTEMPTS_DB_NAME, eventsOf, headOf, openTrainerDb, type TrainerDb, type TrainerStore } from './trainerDb';

export { ATTEMPTS_DB_NAME } from './trainerDb';

export interface AttemptStoreOptions {
  /** Database name; tests give each case its own. */
  name?: string;
  /** The clock for `updatedAt` (and for finish times of attempts that have no events). */
  now?: () => Date;
}

interface SaveWaiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}
/** The newest unwritten save of one attempt, with everyone waiting for it. */
interface PendingSave {
  record: SessionRecord;
  result: AttemptResult | null | undefined;
  fluid: FluidMeasures | null | undefined;
  waiters: SaveWaiter[];
}
interface SaveSlot {
  writing: boolean;
  queued: PendingSave | null;
}

type ReadWriteTx = IDBPTransaction<TrainerDb, TrainerStore[], 'readwrite'>;
type AnyTx = IDBPTransaction<TrainerDb, TrainerStore[], IDBTransactionMode>;

/** How import places one attempt: written (perhaps under a new id), or already stored as is. */
export type Placement = { store: AttemptDraft } | { duplicateOf: string };
/** Looks an id up inside the import's own transaction (so it sees what the import has written). */
export type StoredLookup = (id: string) => Promise<StoredAttempt | undefined>;

/** Attempts kept in the browser (IndexedDB), for resume-after-reload, history and export. */
export class AttemptStore {
  /** Per attempt id: at most one write in flight and one queued (the newest), see `save`. */
  private readonly saves = new Map<string, SaveSlot>();
  /** Attempts the automation API has driven: every save of them is marked `scripted`. */
  private readonly scriptedIds = new Set<string>();
  private db: IDBPDatabase<TrainerDb> | null;
  private reopening: Promise<IDBPDatabase<TrainerDb>> | null = null;

  private constructor(
    db: IDBPDatabase<TrainerDb>,
    private readonly name: string,
    private readonly now: () => Date,
  ) {
    this.db = db;
  }

  /** Rejects with SimError 'storage-unavailable' when IndexedDB cannot be opened here. */
  static async open(options: AttemptStoreOptions = {}): Promise<AttemptStore> {
    const name = options.name ?? ATTEMPTS_DB_NAME;
    let store: AttemptStore | null = null;
    const db = await openTrainerDb(name, { onVersionChange: () => store?.stepAside() });
    store = new AttemptStore(db, name, options.now ?? (() => new Date()));
    return store;
  }

  close(): void {
    this.db?.close();
    this.db = null;
    this.closed = true;
  }

  private closed = false;

  /** From now on every save of attempt `id` carries `scripted: true` (and it stays so once stored). */
  markScripted(id: string): void {
    this.scriptedIds.add(id);
  }

  /**
   * Stores an attempt's new events and its summary. Called after every event while the attempt goes
   * on, so it stays cheap: only the events not yet stored are written (one record each, keyed by
   * attempt and sequence), with the attempt's head and summary in the same transaction. Saves that
   * arrive while one is being written collapse into one write of the newest record. Each promise
   * settles when its data (or newer) is stored. `result`/`fluid`: undefined keeps what is stored,
   * null clears it.
   */
  save(record: SessionRecord, result?: AttemptResult | null, fluid?: FluidMeasures | null): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let slot = this.saves.get(record.id);
      if (!slot) {
        slot = { writing: false, queued: null };
        this.saves.set(record.id, slot);
      }
      const earlier = slot.queued;
      slot.queued = {
        record,
        result: result === undefined ? earlier?.result : result,
        fluid: fluid === undefined ? earlier?.fluid : fluid,
        waiters: [...(earlier?.waiters ?? []), { resolve, reject }],
      };
      if (!slot.writing) void this.drainSaves(record.id, slot);
    });
  }

  /** Settles when every save asked for so far has been written (or has failed). */
  async flush(): Promise<void> {
    const pending = [...this.saves.values()].flatMap((slot) =>
      slot.queued ? [new Promise<void>((resolve) => slot.queued?.waiters.push({ resolve, reject: () => resolve() }))] : [],
    );
    await Promise.all(pending);
    while ([...this.saves.values()].some((slot) => slot.writing)) await new Promise((r) => setTimeout(r, 5));
  }

  /**
   * Import's write: one read-write transaction in which `place` decides, for each draft in turn, where
   * it goes (seeing everything stored before it, this import's earlier drafts included). Any failure
   * aborts the transaction, so either every placed attempt is stored or none is.
   */
  importAll(drafts: readonly AttemptDraft[], place: (draft: AttemptDraft, lookup: StoredLookup) => Promise<Placement>): Promise<Placement[]> {
    return mappingStorageErrors('imported', () =>
      this.inTransaction(ALL_STORES, 'readwrite', async (tx) => {
        const updatedAt = this.now().toISOString();
        const lookup: StoredLookup = (id) => readStored(tx, id);
        const placements: Placement[] = [];
        for (const draft of drafts) {
          const placement = await place(draft, lookup);
          if ('store' in placement) await this.putStored(tx, this.stamp(placement.store, updatedAt), 0);
          placements.push(placement);
        }
        return placements;
      }),
    );
  }

  /** Writes whole attempts at once: all of them or, on any failure, none (overwrites same ids). */
  putAll(drafts: readonly AttemptDraft[]): Promise<void> {
    return mappingStorageErrors('saved', () =>
      this.inTransaction(ALL_STORES, 'readwrite', async (tx) => {
        const updatedAt = this.now().toISOString();
        for (const draft of drafts) {
          await tx.objectStore('attempt-events').delete(eventsOf(draft.record.id));
          await this.putStored(tx, this.stamp(draft, updatedAt), 0);
        }
      }),
    );
  }

  get(id: string): Promise<StoredAttempt | undefined> {
    return mappingStorageErrors('read', () => this.inTransaction(ALL_STORES, 'readonly', (tx) => readStored(tx, id)));
  }

  /** Summaries, newest first; only one trainee's when `trainee` is given. */
  list(filter: { trainee?: string } = {}): Promise<AttemptSummary[]> {
    return mappingStorageErrors('listed', async () => {
      const db = await this.connection();
      const summaries =
        filter.trainee === undefined
          ? await db.getAllFromIndex('attempt-summaries', 'by-started')
          : await db.getAllFromIndex('attempt-summaries', 'by-trainee', filter.trainee);
      return summaries.sort((a, b) => compareStartedAt(b, a));
    });
  }

  remove(id: string): Promise<void> {
    return mappingStorageErrors('removed', () =>
      this.inTransaction(ALL_STORES, 'readwrite', async (tx) => {
        await tx.objectStore('attempts').delete(id);
        await tx.objectStore('attempt-summaries').delete(id);
        await tx.objectStore('attempt-events').delete(eventsOf(id));
      }),
    );
  }

  /**
   * The newest attempt left unfinished (a reload mid-attempt): what to offer to resume. Imported
   * attempts are never offered (they are someone's record, not this tab's work), nor attempts that
   * start in the future by this clock.
   */
  async unfinished(): Promise<StoredAttempt | undefined> {
    const nowMs = this.now().getTime();
    const newest = (await this.list()).find((s) => !s.finished && !s.imported && Date.parse(s.startedAt) <= nowMs);
    return newest ? this.get(newest.id) : undefined;
  }

  /** Another tab upgrades or deletes the database: close ours so as not to block it; reopen on next use. */
  private stepAside(): void {
    this.db?.close();
    this.db = null;
  }

  private async connection(): Promise<IDBPDatabase<TrainerDb>> {
    if (this.db) return this.db;
    if (this.closed) throw storageSimError('storage-unavailable', message('error.storage.closed'));
    this.reopening ??= openTrainerDb(this.name, { onVersionChange: () => this.stepAside() }).finally(() => {
      this.reopening = null;
    });
    this.db = await this.reopening;
    return this.db;
  }

  private async drainSaves(id: string, slot: SaveSlot): Promise<void> {
    slot.writing = true;
    while (slot.queued) {
      const pending = slot.queued;
      slot.queued = null;
      try {
        await mappingStorageErrors('saved', () => this.writeSave(pending));
        for (const waiter of pending.waiters) waiter.resolve();
      } catch (error) {
        // Every caller whose data this write carried hears of the failure; the next queued save
        // (if any) still tries, and writes from where the stored log ends, so nothing is skipped.
        for (const waiter of pending.waiters) waiter.reject(error);
      }
    }
    slot.writing = false;
    this.saves.delete(id);
  }

  private writeSave(pending: PendingSave): Promise<void> {
    return this.inTransaction(ALL_STORES, 'readwrite', async (tx) => {
      const { record } = pending;
      const [head, summary] = await Promise.all([tx.objectStore('attempts').get(record.id), tx.objectStore('attempt-summaries').get(record.id)]);
      const storedCount = summary?.eventCount ?? 0;
      if (head?.imported) {
        throw storageSimError('storage-unavailable', message('error.storage.importedRecord', { id: record.id }));
      }
      if (record.events.length < storedCount) {
        throw conflict(record.id, `${storedCount} events are stored but this tab has ${record.events.length}`);
      }
      if (storedCount > 0) {
        // The stored log must be a prefix of this one: its last event is compared, cheaply.
        const last = await tx.objectStore('attempt-events').get([record.id, storedCount - 1]);
        if (!last || canonicalJson(last.event) !== canonicalJson(record.events[storedCount - 1])) {
          throw conflict(record.id, 'the stored log differs from this tab’s');
        }
      }
      const draft: AttemptDraft = {
        record,
        result: pending.result === undefined ? (head?.result ?? null) : pending.result,
        fluid: pending.fluid === undefined ? (head?.fluid ?? null) : pending.fluid,
        altered: head?.altered ?? false,
        scripted: (head?.scripted ?? false) || this.scriptedIds.has(record.id),
      };
      await this.putStored(tx, this.stamp(draft, this.now().toISOString()), storedCount);
    });
  }

  private stamp(draft: AttemptDraft, updatedAt: string): StoredAttempt {
    const finishedAt = draft.result === null ? null : instantAfterStart(draft.record, finishTimeMs(draft.record));
    const stored: StoredAttempt = { ...draft, altered: draft.altered ?? false, finishedAt, updatedAt };
    if (!stored.scripted) delete stored.scripted;
    if (!stored.imported) delete stored.imported;
    return stored;
  }

  /** Writes the head, the summary and the events from `fromSeq` on (the ones before are stored). */
  private async putStored(tx: ReadWriteTx, stored: StoredAttempt, fromSeq: number): Promise<void> {
    const { id, events } = stored.record;
    const eventStore = tx.objectStore('attempt-events');
    const writes: Promise<unknown>[] = [];
    try {
      for (let seq = fromSeq; seq < events.length; seq++) writes.push(eventStore.put({ attemptId: id, seq, event: events[seq] }));
      writes.push(tx.objectStore('attempts').put(headOf(stored)));
      writes.push(tx.objectStore('attempt-summaries').put(summariseAttempt(stored)));
    } catch (error) {
      // A put refused at once (quota): the transaction is aborted, so the ones issued fail too.
      for (const write of writes) write.catch(() => undefined);
      throw error;
    }
    await Promise.all(writes);
  }

  /**
   * Runs `work` in one transaction and settles only when the transaction has committed. If `work`
   * fails, the transaction is aborted: nothing it wrote stays.
   */
  private async inTransaction<T, Mode extends IDBTransactionMode>(
    stores: TrainerStore[],
    mode: Mode,
    work: (tx: IDBPTransaction<TrainerDb, TrainerStore[], Mode>) => Promise<T>,
  ): Promise<T> {
    const db = await this.connection();
    const tx = db.transaction(stores, mode);
    const done = tx.done;
    // `done` must not be left to reject unobserved when `work` fails first.
    done.catch(() => undefined);
    let value: T;
    try {
      value = await work(tx);
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // Already aborted by the failed request.
      }
      throw error;
    }
    await done;
    return value;
  }
}

function conflict(id: string, why: string) {
  return storageSimError(
    'storage-unavailable',
    message('error.storage.takenOver', { id, why }),
  );
}

async function readStored(tx: AnyTx, id: string): Promise<StoredAttempt | undefined> {
  const [head, events] = await Promise.all([tx.objectStore('attempts').get(id), tx.objectStore('attempt-events').getAll(eventsOf(id))]);
  if (!head) return undefined;
  return { ...head, record: { ...head.record, events: events.map((stored) => stored.event) } };
}

const compareStartedAt = (a: AttemptSummary, b: AttemptSummary): number =>
  Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.id.localeCompare(b.id);
