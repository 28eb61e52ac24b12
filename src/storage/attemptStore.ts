import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { SessionRecord } from '../core/attempt/events';
import type { FluidMeasures } from '../core/fluid/measures';
import type { AttemptResult } from '../core/scoring/result';
import { SimError } from '../core/simError';
import { mappingStorageErrors, storageSimError, storageUnavailableMessage } from './storageErrors';
import {
  finishTimeMs,
  instantAfterStart,
  summariseAttempt,
  type AttemptDraft,
  type AttemptSummary,
  type StoredAttempt,
} from './storedAttempt';

export const ATTEMPTS_DB_NAME = 'cpn-trainer';
/** Bump with a migration in `upgrade` whenever the stores or indexes change. */
const ATTEMPTS_DB_VERSION = 1;

/*
 * Two stores written in one transaction: full attempts (event logs can run to megabytes) and their
 * small summaries, so that listing a trainee's history never deserialises a single event log.
 */
interface TrainerDb extends DBSchema {
  attempts: { key: string; value: StoredAttempt; indexes: { 'by-trainee': string; 'by-started': string } };
  'attempt-summaries': { key: string; value: AttemptSummary; indexes: { 'by-trainee': string; 'by-started': string } };
}
type TrainerStore = StoreNames<TrainerDb>;
const BOTH_STORES: TrainerStore[] = ['attempts', 'attempt-summaries'];

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

/** Attempts kept in the browser (IndexedDB), for resume-after-reload, history and export. */
export class AttemptStore {
  /** Per attempt id: at most one write in flight and one queued (the newest), see `save`. */
  private readonly saves = new Map<string, SaveSlot>();

  private constructor(
    private readonly db: IDBPDatabase<TrainerDb>,
    private readonly now: () => Date,
  ) {}

  /** Rejects with SimError 'storage-unavailable' when IndexedDB cannot be opened here. */
  static async open(options: AttemptStoreOptions = {}): Promise<AttemptStore> {
    const db = await openTrainerDb(options.name ?? ATTEMPTS_DB_NAME);
    return new AttemptStore(db, options.now ?? (() => new Date()));
  }

  close(): void {
    this.db.close();
  }

  /**
   * Upserts an attempt. Called every few events while the attempt goes on, so it stays cheap:
   * nothing is validated (the types are), and saves that arrive while one is being written collapse
   * into one write of the newest record. Each promise settles when its data (or newer) is stored.
   * `result`/`fluid`: undefined keeps what is stored, null clears it.
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

  /** Writes whole attempts at once (import): all of them or, on any failure, none. */
  putAll(drafts: readonly AttemptDraft[]): Promise<void> {
    return mappingStorageErrors('saved', () =>
      this.inTransaction(BOTH_STORES, 'readwrite', async (tx) => {
        const updatedAt = this.now().toISOString();
        for (const draft of drafts) await this.putStored(tx, this.stamp(draft, updatedAt));
      }),
    );
  }

  get(id: string): Promise<StoredAttempt | undefined> {
    return mappingStorageErrors('read', () => this.db.get('attempts', id));
  }

  /** Summaries, newest first; only one trainee's when `trainee` is given. */
  list(filter: { trainee?: string } = {}): Promise<AttemptSummary[]> {
    return mappingStorageErrors('listed', async () => {
      const summaries =
        filter.trainee === undefined
          ? await this.db.getAllFromIndex('attempt-summaries', 'by-started')
          : await this.db.getAllFromIndex('attempt-summaries', 'by-trainee', filter.trainee);
      return summaries.sort((a, b) => compareStartedAt(b, a));
    });
  }

  remove(id: string): Promise<void> {
    return mappingStorageErrors('removed', () =>
      this.inTransaction(BOTH_STORES, 'readwrite', async (tx) => {
        await tx.objectStore('attempts').delete(id);
        await tx.objectStore('attempt-summaries').delete(id);
      }),
    );
  }

  /** The newest attempt that was never finished: what to offer to resume after a reload. */
  async unfinished(): Promise<StoredAttempt | undefined> {
    // Summaries are small, and `list` orders by instant (the index orders ISO strings as text).
    const newest = (await this.list()).find((summary) => !summary.finished);
    return newest ? this.get(newest.id) : undefined;
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
        // (if any) still tries, since it may fit where this one did not.
        for (const waiter of pending.waiters) waiter.reject(error);
      }
    }
    slot.writing = false;
    this.saves.delete(id);
  }

  private writeSave(pending: PendingSave): Promise<void> {
    return this.inTransaction(BOTH_STORES, 'readwrite', async (tx) => {
      const id = pending.record.id;
      // The summary is small; the stored result is only read when a finished attempt is re-saved
      // without one, so the frequent in-progress saves never load the previous event log.
      const previous = await tx.objectStore('attempt-summaries').get(id);
      let result = pending.result;
      if (result === undefined) {
        result = previous?.finished ? ((await tx.objectStore('attempts').get(id))?.result ?? null) : null;
      }
      const draft: AttemptDraft = {
        record: pending.record,
        result,
        fluid: pending.fluid === undefined ? (previous?.fluid ?? null) : pending.fluid,
        altered: previous?.altered ?? false,
      };
      await this.putStored(tx, this.stamp(draft, this.now().toISOString()));
    });
  }

  private stamp(draft: AttemptDraft, updatedAt: string): StoredAttempt {
    const finishedAt = draft.result === null ? null : instantAfterStart(draft.record, finishTimeMs(draft.record));
    return { ...draft, altered: draft.altered ?? false, finishedAt, updatedAt };
  }

  private async putStored(tx: IDBPTransaction<TrainerDb, TrainerStore[], 'readwrite'>, stored: StoredAttempt): Promise<void> {
    await tx.objectStore('attempts').put(stored);
    await tx.objectStore('attempt-summaries').put(summariseAttempt(stored));
  }

  /** Runs `work` in one transaction and settles only when the transaction has committed. */
  private async inTransaction<T, Mode extends IDBTransactionMode>(
    stores: TrainerStore[],
    mode: Mode,
    work: (tx: IDBPTransaction<TrainerDb, TrainerStore[], Mode>) => Promise<T>,
  ): Promise<T> {
    const tx = this.db.transaction(stores, mode);
    // Both awaited together: a failed request aborts the transaction, and `tx.done` must not be
    // left to reject unobserved.
    const [value] = await Promise.all([work(tx), tx.done]);
    return value;
  }
}

const compareStartedAt = (a: AttemptSummary, b: AttemptSummary): number =>
  Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.id.localeCompare(b.id);

async function openTrainerDb(name: string): Promise<IDBPDatabase<TrainerDb>> {
  let connection: IDBPDatabase<TrainerDb> | undefined;
  let refuseBlocked: (error: unknown) => void = () => undefined;
  const blocked = new Promise<never>((_resolve, reject) => {
    refuseBlocked = reject;
  });
  const opening = (async () =>
    openDB<TrainerDb>(name, ATTEMPTS_DB_VERSION, {
      upgrade(db) {
        const attempts = db.createObjectStore('attempts', { keyPath: 'record.id' });
        attempts.createIndex('by-trainee', 'record.trainee');
        attempts.createIndex('by-started', 'record.startedAt');
        const summaries = db.createObjectStore('attempt-summaries', { keyPath: 'id' });
        summaries.createIndex('by-trainee', 'trainee');
        summaries.createIndex('by-started', 'startedAt');
      },
      // An older trainer in another tab holds the database open and will not let it upgrade.
      blocked() {
        refuseBlocked(
          storageSimError(
            'storage-unavailable',
            'Attempts cannot be opened: another tab is running an older version of the trainer. Close the other tabs and reload.',
          ),
        );
      },
      // A newer trainer in another tab wants to upgrade: step aside rather than block it. Later calls
      // here then fail as 'storage-unavailable' and ask for a reload.
      blocking() {
        connection?.close();
      },
    }))();
  try {
    connection = await Promise.race([opening, blocked]);
    return connection;
  } catch (error) {
    // If we gave up while blocked, the open may still succeed later: close that connection so it
    // does not block anyone in turn. Its own failure, if any, is the one already reported.
    opening.then((late) => late.close()).catch(() => undefined);
    if (error instanceof SimError) throw error;
    const newer = error instanceof Error && error.name === 'VersionError';
    throw storageSimError(
      'storage-unavailable',
      newer
        ? 'Attempts cannot be opened: they were saved by a newer version of the trainer. Reload the page to get it.'
        : storageUnavailableMessage('opened'),
      error,
    );
  }
}
