import { errorSaid } from './said';
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

/** Writes at most this often while an attempt goes on (the store collapses writes in between). */
const AUTOSAVE_EVENTS = 1;
/** A fresh case shows its first pose on its own: an attempt begins with the trainee's inputs. */
const MIN_EVENTS_TO_KEEP = 4;

/**
 * Every new event of a live attempt is written to IndexedDB as it happens, so a reload or a crash
 * loses nothing. A failure (disk full, storage blocked) is shown, never swallowed.
 */
export function startAutosave(): void {
  let savedCount = 0;
  useSimStore.subscribe(
    (s) => s.events,
    (events) => {
      const state = useSimStore.getState();
      if (state.replay || events.length === 0 || state.finished) return;
      if (events.length < savedCount) savedCount = 0;
      if (events.length - savedCount < AUTOSAVE_EVENTS) return;
      savedCount = events.length;
      const record = state.sessionRecord();
      // Nothing to keep until the trainee has done something on the knee beyond arriving.
      if (record.events.length < MIN_EVENTS_TO_KEEP) return;
      attemptStore()
        .then((store) => store.save(record))
        .catch((error: unknown) => useSimStore.setState({ storageProblem: errorSaid(error) }));
    },
  );
}

/** The newest attempt left unfinished (a reload mid-attempt), if any. */
export async function unfinishedAttempt(): Promise<StoredAttempt | null> {
  try {
    const store = await attemptStore();
    return (await store.unfinished()) ?? null;
  } catch (error) {
    useSimStore.setState({ storageProblem: errorSaid(error) });
    return null;
  }
}
