import type { IDBPDatabase } from 'idb';
import type { Statement } from '@xapi/xapi';
import type { LrsDb, OutboxEntry } from './lrsDb';
import type { OutgoingStatement } from './statements';
import { isAuthProblem, LrsHttpError, type LrsTarget } from './client';

/** What the Programme panel shows: how much waits, and why it is waiting. */
export interface OutboxStatus {
  queued: number;
  sending: boolean;
  /** The last failure in words (no credentials in it); null once a batch goes through. */
  lastError: string | null;
  /** A 401/403: nothing more is tried until the credentials are entered again. The queue stays. */
  needsCredentials: boolean;
  /** Statements the LRS refused for good (400 invalid, 409 another statement holds the id). */
  rejected: number;
  /** Why the last refused statement was refused (kept after later batches succeed). */
  lastRejected: string | null;
  /** When the next retry is due (epoch ms), if one is scheduled. */
  retryAt: number | null;
}

export type SendBatch = (target: LrsTarget, statements: Statement[], attachments: string[]) => Promise<unknown>;

export interface OutboxDeps {
  send: SendBatch;
  /** The LRS now configured (or the cmi5 session's), null when none. */
  target: () => Promise<LrsTarget | null>;
  batchSize?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Jitter in [0, 1); fixed in tests. */
  random?: () => number;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Statements are written here first and leave in batches. A batch is deleted only after the LRS
 * accepted it, one flush runs at a time (per browser, with Web Locks where there are any), and the
 * ids are name-based, so a batch resent after a lost answer is kept once by the LRS: offline →
 * online delivers each statement exactly once.
 */
export class Outbox {
  private readonly deps: Required<Omit<OutboxDeps, 'send' | 'target'>> & Pick<OutboxDeps, 'send' | 'target'>;
  private state: OutboxStatus = { queued: 0, sending: false, lastError: null, needsCredentials: false, rejected: 0, lastRejected: null, retryAt: null };
  private failures = 0;
  private timer: unknown = null;
  private flushing: Promise<void> | null = null;
  private again = false;
  private readonly listeners = new Set<(status: OutboxStatus) => void>();

  constructor(
    private readonly db: IDBPDatabase<LrsDb>,
    deps: OutboxDeps,
  ) {
    this.deps = {
      batchSize: 25,
      baseDelayMs: 1000,
      maxDelayMs: 5 * 60_000,
      random: Math.random,
      now: Date.now,
      setTimer: (run, ms) => setTimeout(run, ms),
      clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
      ...deps,
    };
  }

  status(): OutboxStatus {
    return this.state;
  }

  subscribe(listener: (status: OutboxStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private update(change: Partial<OutboxStatus>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener(this.state);
  }

  async refreshCount(): Promise<void> {
    this.update({ queued: await this.db.count('outbox') });
  }

  /** Writes the statements to the outbox (one transaction), then tries to send. */
  async enqueue(items: readonly OutgoingStatement[]): Promise<void> {
    if (items.length === 0) return;
    const tx = this.db.transaction('outbox', 'readwrite');
    const start = this.deps.now() * 1000;
    const queuedAt = new Date(this.deps.now()).toISOString();
    await Promise.all([
      ...items.map((item, i) => {
        const entry: OutboxEntry = { id: item.statement.id!, order: start + i, statement: item.statement, queuedAt, ...(item.attachment !== undefined ? { attachment: item.attachment } : {}) };
        return tx.store.put(entry);
      }),
      tx.done,
    ]);
    await this.refreshCount();
    void this.flush();
  }

  /** New credentials (or back online): try at once, forgetting the backoff. */
  resume(): Promise<void> {
    this.failures = 0;
    this.update({ needsCredentials: false });
    return this.flush();
  }

  /** Sends everything queued, batch by batch; one flush at a time (a call during one runs again after it). */
  flush(): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    if (this.timer !== null) {
      this.deps.clearTimer(this.timer);
      this.timer = null;
    }
    const run = async () => {
      do {
        this.again = false;
        await withLock(() => this.drain());
      } while (this.again && !this.state.needsCredentials && this.state.retryAt === null);
    };
    this.flushing = run().finally(() => {
      this.flushing = null;
      this.update({ sending: false });
    });
    return this.flushing;
  }

  private async drain(): Promise<void> {
    if (this.state.needsCredentials) return;
    const target = await this.deps.target();
    if (!target) return;
    this.update({ sending: true, retryAt: null });
    for (;;) {
      const batch = atMostOneAttachment(await this.db.getAllFromIndex('outbox', 'order', undefined, this.deps.batchSize));
      if (batch.length === 0) break;
      const outcome = await this.sendBatch(target, batch);
      if (outcome === 'stop') return;
    }
    await this.refreshCount();
  }

  /** 'ok' when the batch left the queue (sent, or refused for good); 'stop' when we must wait. */
  private async sendBatch(target: LrsTarget, batch: OutboxEntry[]): Promise<'ok' | 'stop'> {
    try {
      await this.deps.send(
        target,
        batch.map((e) => e.statement),
        batch.flatMap((e) => (e.attachment !== undefined ? [e.attachment] : [])),
      );
    } catch (error) {
      if (isAuthProblem(error)) {
        this.update({ needsCredentials: true, lastError: describe(error), sending: false });
        return 'stop';
      }
      if (error instanceof LrsHttpError && (error.status === 409 || error.status === 400)) {
        // One bad statement refuses its whole batch: send the batch one by one to find it.
        if (batch.length > 1) {
          for (const entry of batch) if ((await this.sendBatch(target, [entry])) === 'stop') return 'stop';
          return 'ok';
        }
        await this.remove(batch);
        const why = `Statement ${batch[0].id} refused: ${describe(error)}`;
        this.update({ rejected: this.state.rejected + 1, lastRejected: why, lastError: why });
        return 'ok';
      }
      this.failures += 1;
      const delay = Math.min(this.deps.maxDelayMs, this.deps.baseDelayMs * 2 ** (this.failures - 1)) * (1 + this.deps.random() * 0.5);
      const retryAt = this.deps.now() + delay;
      this.timer = this.deps.setTimer(() => {
        this.timer = null;
        void this.flush();
      }, delay);
      this.update({ lastError: describe(error), retryAt, sending: false });
      return 'stop';
    }
    await this.remove(batch);
    this.failures = 0;
    this.update({ lastError: null });
    return 'ok';
  }

  private async remove(batch: OutboxEntry[]): Promise<void> {
    const tx = this.db.transaction('outbox', 'readwrite');
    await Promise.all([...batch.map((e) => tx.store.delete(e.id)), tx.done]);
    await this.refreshCount();
  }
}

/** One flush per browser: two tabs of the trainer never send the same batch at once. */
async function withLock(work: () => Promise<void>): Promise<void> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return work();
  await locks.request('cpn-trainer-lrs-outbox', work);
}

/**
 * A batch carries at most one attachment: @xapi/xapi writes a second attachment part straight after
 * the first one's bytes, without the CRLF that RFC 2046 puts before a boundary, so a strict LRS
 * would read the first attachment one byte pair short of its hash. One per batch is always well formed.
 */
export function atMostOneAttachment(batch: OutboxEntry[]): OutboxEntry[] {
  const second = batch.findIndex((entry, i) => entry.attachment !== undefined && batch.slice(0, i).some((e) => e.attachment !== undefined));
  return second < 0 ? batch : batch.slice(0, second);
}
