import { useEffect, useState } from 'react';
import { useSimStore } from '../state/store';
import { unfinishedAttempt } from '../state/attemptStorage';
import type { StoredAttempt } from '../storage/storedAttempt';
import { findCase } from '../core/cases/cases';
import { useText } from '../i18n';

/** Offers to resume an attempt a reload interrupted, and reports storage problems (never hidden). */
export function SessionNotices() {
  const problem = useSimStore((s) => s.storageProblem);
  const workerRecovered = useSimStore((s) => s.workerRecovered);
  const ready = useSimStore((s) => s.buildStatus === 'ready');
  const [unfinished, setUnfinished] = useState<StoredAttempt | null>(null);
  const [asked, setAsked] = useState(false);
  const { t, pick, date } = useText();
  const caseTitle = (id: string) => {
    const c = findCase(id);
    return c ? pick(c.texts.title) : id;
  };
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
          {t('notice.storage', { problem: pick(problem) })}{' '}
          <button type="button" onClick={() => useSimStore.setState({ storageProblem: null })}>
            {t('notice.dismiss')}
          </button>
        </p>
      )}
      {workerRecovered && (
        <p className="storage-problem" role="alert" data-testid="worker-recovered">
          {t('notice.workerRecovered')}{' '}
          <button type="button" onClick={() => useSimStore.setState({ workerRecovered: false })}>
            {t('notice.dismiss')}
          </button>
        </p>
      )}
      {unfinished && (
        <div className="resume-prompt" role="dialog" aria-label={t('notice.resumeTitle')} data-testid="resume-prompt">
          {t('notice.resume', { case: caseTitle(unfinished.record.caseId), date: date(unfinished.record.startedAt) })}
          <button
            type="button"
            data-testid="resume-yes"
            onClick={() => {
              const record = unfinished.record;
              setUnfinished(null);
              void useSimStore.getState().resumeAttempt(record);
            }}
          >
            {t('notice.resumeYes')}
          </button>
          <button type="button" data-testid="resume-no" onClick={() => setUnfinished(null)}>
            {t('notice.resumeNo')}
          </button>
        </div>
      )}
    </>
  );
}
