import { useSimStore } from './store';
import { getWorkerClient } from './workerClient';
import { scoreItems } from '../core/scoring/score';
import { clockMs } from './attemptSlice';

/** Often enough that "held 1 s" ticks within a quarter second of the second passing, with no input. */
const CHECKLIST_REFRESH_MS = 250;

/**
 * Guided practice's checklist: the rubric's own items (what the trainee actually did, read from
 * the worker's facts), refreshed while practising. The coach's words come with every session
 * snapshot (core/coaching, run in the worker); assessment mode and a replay get neither.
 */
export function startChecklist(): void {
  const guided = () => useSimStore.getState().session.mode === 'guided' && !useSimStore.getState().replay && !useSimStore.getState().finished;
  setInterval(() => {
    if (!guided() || useSimStore.getState().buildStatus !== 'ready') return;
    void getWorkerClient()
      .facts()
      .then((facts) => {
        if (!facts) return;
        // The view held now counts up to now: the facts end at the last event, which may be seconds ago.
        const nowMs = clockMs() - useSimStore.getState().attemptStartedAtMs;
        useSimStore.setState({ checklist: scoreItems({ ...facts, durationMs: Math.max(facts.durationMs, nowMs) }) });
      })
      .catch(() => undefined);
  }, CHECKLIST_REFRESH_MS);
}
