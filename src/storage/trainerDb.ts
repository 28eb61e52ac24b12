import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { AttemptEvent } from '../core/attempt/events';
import { SimError } from '../core/simError';
import { storageSimError, storageUnavailableMessage } from './storageErrors';
import { message } from '../core/message';
import { summariseAttempt, type AttemptSummary, type StoredAttempt } from './storedAttempt';

export const ATTEMPTS_DB_NAME = 'cpn-trainer';
/**
 * 1: `attempts` (whole attempts, event log inside) and `attempt-summaries`.
 * 2: event logs move to `attempt-events`, one record per event keyed by (attempt id, sequence), so
 *    a save appends the new events instead of rewriting the whole log; `attempts` keeps the rest.
 * Bump with a step in `upgrade` whenever the stores or indexes change.
 */
export const ATTEMPTS_DB_VERSION = 2;

/** One event of one attempt, as stored: `seq` is its index in the attempt's log. */
export interface StoredEvent {
  attemptId: string;
  seq: number;
  event: AttemptEvent;
}

/*
 * `attempts` holds each attempt without its events (`record.events` is stored empty); the events
 * live in `attempt-events`; summaries stay small so listing never reads an event. All three are
 * written in one transaction, so they always agree.
 */
export interface TrainerDb extends DBSchema {
  attempts: { key: string; value: StoredAttempt; indexes: { 'by-trainee': string; 'by-started': string } };
  'attempt-summaries': { key: string; value: AttemptSummary; indexes: { 'by-trainee': string; 'by-started': string } };
  'attempt-events': { key: [string, number]; value: StoredEvent };
}
export type TrainerStore = StoreNames<TrainerDb>;
export const ALL_STORES: TrainerStore[] = ['attempts', 'attempt-summaries', 'attempt-events'];
export type UpgradeTx = IDBPTransaction<TrainerDb, TrainerStore[], 'versionchange'>;

/** Every event of attempt `id`, in (id, seq) key order. */
export const eventsOf = (id: string): IDBKeyRange => IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]);

/** The stored head of an attempt: everything but its events. */
export const headOf = (stored: StoredAttempt): StoredAttempt => ({ ...stored, record: { ...stored.record, events: [] } });

/**
 * Brings a database of any earlier version (or a damaged one missing a store) up to this version.
 * Steps run by `oldVersion`; each only adds, so data already stored is never dropped.
 */
export async function upgradeTrainerDb(db: IDBPDatabase<TrainerDb>, oldVersion: number, tx: UpgradeTx): Promise<void> {
  const names = db.objectStoreNames;
  const hadSummaries = names.contains('attempt-summaries');
  if (!names.contains('attempts')) {
    const attempts = db.createObjectStore('attempts', { keyPath: 'record.id' });
    attempts.createIndex('by-trainee', 'record.trainee');
    attempts.createIndex('by-started', 'record.startedAt');
  }
  if (!hadSummaries) {
    const summaries = db.createObjectStore('attempt-summaries', { keyPath: 'id' });
    summaries.createIndex('by-trainee', 'trainee');
    summaries.createIndex('by-started', 'startedAt');
  }
  const hadEvents = names.contains('attempt-events');
  if (!hadEvents) db.createObjectStore('attempt-events', { keyPath: ['attemptId', 'seq'] });
  // Version 1 kept each log inside its attempt; move it out (and rebuild summaries a damaged
  // database lost). A version-2 database that lacks only its events store has nothing to move.
  if (oldVersion >= 1 && (oldVersion < 2 || !hadSummaries)) {
    let cursor = await tx.objectStore('attempts').openCursor();
    while (cursor) {
      const stored = cursor.value;
      const events = stored.record.events;
      if (events.length > 0) {
        const eventStore = tx.objectStore('attempt-events');
        await Promise.all(events.map((event, seq) => eventStore.put({ attemptId: stored.record.id, seq, event })));
        await cursor.update(headOf(stored));
      }
      if (!hadSummaries) await tx.objectStore('attempt-summaries').put(summariseAttempt(stored));
      cursor = await cursor.continue();
    }
  }
}

export interface OpenHandlers {
  /** Another tab wants to upgrade or delete the database: close ours so that it can. */
  onVersionChange: () => void;
}

/** Opens (creating or upgrading) the attempts database, or says plainly why it cannot. */
export async function openTrainerDb(name: string, handlers: OpenHandlers): Promise<IDBPDatabase<TrainerDb>> {
  let refuseBlocked: (error: unknown) => void = () => undefined;
  const blocked = new Promise<never>((_resolve, reject) => {
    refuseBlocked = reject;
  });
  // Inside an async function so that a browser without IndexedDB rejects here rather than throws.
  const opening = (async () =>
    openDB<TrainerDb>(name, ATTEMPTS_DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      // The versionchange transaction aborts (and the open fails) if a migration step fails.
      upgradeTrainerDb(db, oldVersion, tx).catch((error: unknown) => {
        console.error('Attempts database migration failed', error);
        tx.abort();
      });
    },
    // An older trainer in another tab holds the database open and will not let it upgrade.
    blocked() {
      refuseBlocked(
        storageSimError(
          'storage-unavailable',
          message('error.storage.olderTab'),
        ),
      );
    },
    blocking() {
      handlers.onVersionChange();
    },
  }))();
  try {
    return await Promise.race([opening, blocked]);
  } catch (error) {
    // If we gave up while blocked, the open may still succeed later: close that connection so it
    // does not block anyone in turn. Its own failure, if any, is the one already reported.
    opening.then((late) => late.close()).catch(() => undefined);
    if (error instanceof SimError) throw error;
    const newer = error instanceof Error && error.name === 'VersionError';
    throw storageSimError(
      'storage-unavailable',
      newer
        ? message('error.storage.newerTab')
        : storageUnavailableMessage('opened'),
      error,
    );
  }
}
