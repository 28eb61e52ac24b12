import { create } from 'zustand';
import { storageProblemOf, type Said } from './said';
import { AttemptStore } from '../storage/attemptStore';
import type { StoredAttempt } from '../storage/storedAttempt';
import { useSimStore } from './store';

let opening: Promise<AttemptStore> | null = null;

/** The attempts database, opened once per page. */
export function attemptStore(): Promise<AttemptStore> {
  opening ??= AttemptStore.open().catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

/** What the attempts list and the notices show about storage itself. */
export interface StorageStatus {
  /**
   * `navigator.storage.persist()`: true when the browser promised not to evict the attempts,
   * false when it declined (they may be cleared under disk pressure), null when unknown/unsupported.
   */
  persisted: boolean | null;
  /** The live attempt was taken over by another tab: this tab no longer writes it. */
  handedOver: string | null;
  /** Import progress, as a message in both languages; null when no import runs. */
  importProgress: Said | null;
}
export const useStorageStatus = create<StorageStatus>(() => ({ persisted: null, handedOver: null, importProgress: null }));

/** Asks the browser to keep the attempts through disk pressure, and records its answer. */
export async function requestPersistence(): Promise<void> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.persist) return;
  try {
    const persisted = (await storage.persisted?.()) || (await storage.persist());
    useStorageStatus.setState({ persisted });
  } catch {
    useStorageStatus.setState({ persisted: false });
  }
}

/*
 * One writer per attempt. The tab that writes an attempt holds a Web Lock named after it for as long
 * as it does; another tab that finds the attempt open asks, over a BroadcastChannel, to take it over:
 * the holder writes what it has, stops writing that attempt, releases the lock and says so.
 */
const lockName = (id: string) => `cpn-trainer-attempt:${id}`;
const CHANNEL = 'cpn-trainer-attempts';
type HandoverMessage = { type: 'take-over'; id: string } | { type: 'released'; id: string };

const held = new Map<string, () => void>();
const acquiring = new Map<string, Promise<boolean>>();
let channel: BroadcastChannel | null = null;

const locks = (): LockManager | null => (typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null);

/** Whether this tab may write attempt `id`: it holds the lock, or gets it now if it is free. */
function ensureWriter(id: string): Promise<boolean> {
  if (held.has(id)) return Promise.resolve(true);
  if (useStorageStatus.getState().handedOver === id) return Promise.resolve(false);
  const manager = locks();
  if (!manager) return Promise.resolve(true);
  let pending = acquiring.get(id);
  if (!pending) {
    pending = new Promise<boolean>((resolve) => {
      void manager
        .request(lockName(id), { ifAvailable: true }, (lock) => {
          if (!lock) {
            resolve(false);
            return undefined;
          }
          resolve(true);
          return new Promise<void>((release) => held.set(id, release));
        })
        .catch(() => resolve(true));
    }).finally(() => acquiring.delete(id));
    acquiring.set(id, pending);
  }
  return pending;
}

/** True when another tab of this browser holds attempt `id` open. */
export async function openElsewhere(id: string): Promise<boolean> {
  const manager = locks();
  if (!manager || held.has(id)) return false;
  const state = await manager.query();
  return (state.held ?? []).some((lock) => lock.name === lockName(id));
}

/**
 * Takes attempt `id` over from the tab that has it open: asks it to let go, waits for the lock (the
 * other tab writes what it has first), then reads the attempt as stored, complete.
 */
export async function takeOver(id: string): Promise<StoredAttempt | null> {
  const manager = locks();
  if (manager) {
    channel?.postMessage({ type: 'take-over', id } satisfies HandoverMessage);
    await new Promise<void>((resolve, reject) => {
      manager
        .request(lockName(id), (lock) => {
          resolve();
          return lock ? new Promise<void>((release) => held.set(id, release)) : undefined;
        })
        .catch(reject);
    });
  }
  if (useStorageStatus.getState().handedOver === id) useStorageStatus.setState({ handedOver: null });
  return (await (await attemptStore()).get(id)) ?? null;
}

/** Another tab asked for the attempt this tab writes: write what is pending, stop, let go. */
async function handOver(id: string): Promise<void> {
  const release = held.get(id);
  if (!release) return;
  useStorageStatus.setState({ handedOver: id });
  try {
    await saveLive(true);
    await (await attemptStore()).flush();
  } finally {
    held.delete(id);
    release();
    channel?.postMessage({ type: 'released', id } satisfies HandoverMessage);
  }
}

/** Writes at most this often while an attempt goes on (the store collapses writes in between). */
const AUTOSAVE_EVENTS = 1;
/** A fresh case shows its first pose on its own: an attempt begins with the trainee's inputs. */
const MIN_EVENTS_TO_KEEP = 4;

/** Saves the live attempt as it stands (unless it is finished, replayed, or handed over). */
async function saveLive(evenIfHandedOver = false): Promise<void> {
  const state = useSimStore.getState();
  if (state.replay || state.finished || state.events.length === 0) return;
  const record = state.sessionRecord();
  // Nothing to keep until the trainee has done something on the knee beyond arriving.
  if (record.events.length < MIN_EVENTS_TO_KEEP) return;
  if (!evenIfHandedOver && !(await ensureWriter(record.id))) {
    useStorageStatus.setState({ handedOver: record.id });
    return;
  }
  try {
    await (await attemptStore()).save(record);
  } catch (error) {
    useSimStore.setState(storageProblemOf(error));
  }
}

/** Marks the live attempt as driven by the automation API (window.sim) from now on. */
export function markLiveAttemptScripted(): void {
  const id = useSimStore.getState().session.id;
  void attemptStore()
    .then((store) => store.markScripted(id))
    .catch(() => undefined);
}

/**
 * Every new event of a live attempt is appended to IndexedDB as it happens, and whatever is pending
 * is written when the page is hidden or left, so a reload or a crash loses at most the event being
 * written. A failure (disk full, storage blocked) is shown, never swallowed.
 */
export function startAutosave(): void {
  let savedCount = 0;
  useSimStore.subscribe(
    (s) => s.events,
    (events) => {
      if (events.length < savedCount) savedCount = 0;
      if (events.length - savedCount < AUTOSAVE_EVENTS) return;
      savedCount = events.length;
      void saveLive();
    },
  );
  if (typeof window !== 'undefined') {
    const flush = () => void saveLive();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') flush();
    });
  }
  if (typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (message: MessageEvent<HandoverMessage>) => {
      if (message.data?.type === 'take-over') void handOver(message.data.id);
    };
  }
  void requestPersistence();
}

/** The newest attempt left unfinished (a reload mid-attempt), if any. */
export async function unfinishedAttempt(): Promise<StoredAttempt | null> {
  try {
    const store = await attemptStore();
    return (await store.unfinished()) ?? null;
  } catch (error) {
    useSimStore.setState(storageProblemOf(error));
    return null;
  }
}
