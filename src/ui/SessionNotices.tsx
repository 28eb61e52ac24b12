import { useEffect, useState } from 'react';
import { useSimStore } from '../state/store';
import { unfinishedAttempt } from '../state/attemptStorage';
import type { StoredAttempt } from '../storage/storedAttempt';
import { findCase } from '../core/cases/cases';

/** Offers to resume an attempt a reload interrupted, and reports storage problems (never hidden). */
export function SessionNotices() {
  const problem = useSimStore((s) => s.storageProblem);
  const ready = useSimStore((s) => s.buildStatus === 'ready');
  const [unfinished, setUnfinished] = useState<StoredAttempt | null>(null);
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    if (!ready || asked) return;
    setAsked(true);
    void unfinishedAttempt().then((found) => {
      if (found && found.record.id !== useSimStore.getState().session.id) setUnfinished(found);
    });
  }, [ready, asked]);
  return (
    <>
      {problem && (
        <p className="storage-problem" role="alert" data-testid="storage-problem">
          Attempts are not being saved: {problem}{' '}
          <button type="button" onClick={() => useSimStore.setState({ storageProblem: null })}>
            Dismiss
          </button>
        </p>
      )}
      {unfinished && (
        <div className="resume-prompt" role="dialog" aria-label="Resume attempt" data-testid="resume-prompt">
          An attempt on <strong>{findCase(unfinished.record.caseId)?.title ?? unfinished.record.caseId}</strong> started {new Date(unfinished.record.startedAt).toLocaleString()} was not finished.
          <button
            type="button"
            data-testid="resume-yes"
            onClick={() => {
              const record = unfinished.record;
              setUnfinished(null);
              void useSimStore.getState().resumeAttempt(record);
            }}
          >
            Resume where it was
          </button>
          <button type="button" data-testid="resume-no" onClick={() => setUnfinished(null)}>
            Start fresh
          </button>
        </div>
      )}
    </>
  );
}
