import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Statement } from '@xapi/xapi';
import type { CohortAttempt } from './cohortTypes';

/**
 * The trainer's LRS data, in its own database beside the attempts one (which another part of the
 * app owns): the outbox, the LRS settings (credentials: this browser only, never exported) and the
 * cohort pulled back from the LRS for offline review.
 */
export const LRS_DB_NAME = 'cpn-trainer-lrs';
const LRS_DB_VERSION = 1;

export interface OutboxEntry {
  /** The statement id (UUID v5): queueing the same statement twice keeps one. */
  id: string;
  /** Send order: statements of one attempt stay together and in order. */
  order: number;
  statement: Statement;
  /** The attachment's exact text, for the one statement that carries the event log. */
  attachment?: string;
  queuedAt: string;
}

export interface LrsSettings {
  endpoint: string;
  user: string;
  password: string;
}

export interface LrsDb extends DBSchema {
  outbox: { key: string; value: OutboxEntry; indexes: { order: number } };
  settings: { key: string; value: LrsSettings };
  cohort: { key: string; value: CohortAttempt };
  meta: { key: string; value: string };
}

export function openLrsDb(): Promise<IDBPDatabase<LrsDb>> {
  return openDB<LrsDb>(LRS_DB_NAME, LRS_DB_VERSION, {
    upgrade(db) {
      const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
      outbox.createIndex('order', 'order');
      db.createObjectStore('settings');
      db.createObjectStore('cohort', { keyPath: 'record.id' });
      db.createObjectStore('meta');
    },
  });
}
