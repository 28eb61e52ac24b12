import { useEffect, useState } from 'react';
import { useSimStore } from '../state/store';
import { openElsewhere, takeOver, unfinishedAttempt, useStorageStatus } from '../state/attemptStorage';
import type { StoredAttempt } from '../storage/storedAttempt';
import { download, exportAttemptJson } from '../state/attemptLibrary';
import { findCase } from '../core/cases/cases';
import { useText } from '../i18n';

/** Offers to resume an attempt a reload interrupted, and reports storage problems (never hidden). */
export function SessionNotices() {
  const problem = useSimStore((s) => s.storageProblem);
  const storageFull = useSimStore((s) => s.storageFull);
  const workerRecovered = useSimStore((s) => s.workerRecovered);
  const ready = useSimStore((s) => s.buildStatus === 'ready');
  const [unfinished, setUnfinished] = useState<StoredAttempt | null>(null);
  const [asked, setAsked] = useState(false);
  const [elsewhere, setElsewhere] = useState(false);
  const handedOver = useStorageStatus((s) => s.handedOver);
  const liveId = useSimStore((s) => s.session.id);
  const { t, pick, date } = useText();
  const caseTitle = (id: string) => {
    const c = findCase(id);
    return c ? pick(c.texts.title) : id;
  };
  useEffect(() => {
    if (!ready || asked) return;
    setAsked(true);
    void unfinishedAttempt().then((found) => {
      if (!found || found.record.id === useSimStore.getState().session.id) return;
      // Another tab writing it holds its lock: offer to take it over rather than to resume a copy.
      void openElsewhere(found.record.id).then((open) => {
        setElsewhere(open);
        setUnfinished(found);
      });
    });
  }, [ready, asked]);
  return (
    <>
      {problem && (
        <p className="storage-problem" role="alert" data-testid="storage-problem">
          {t('notice.storage', { problem: pick(problem) })}{' '}
          {storageFull && (
            <button type="button" data-testid="export-all-full" onClick={() => void exportAttemptJson('all').then((json) => download('cpn-attempts.json', json))}>
              {t('notice.exportAll')}
            </button>
          )}
          <button type="button" onClick={() => useSimStore.setState({ storageProblem: null, storageFull: false })}>
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
      {handedOver !== null && handedOver === liveId && (
        <p className="storage-problem" role="alert" data-testid="handed-over">
          {t('notice.handedOver')}
        </p>
      )}
      {unfinished && elsewhere && (
        <div className="resume-prompt" role="dialog" aria-label={t('notice.resumeTitle')} data-testid="open-elsewhere">
          {t('notice.resume', { case: caseTitle(unfinished.record.caseId), date: date(unfinished.record.startedAt) })} {t('notice.openElsewhere')}
          <button
            type="button"
            data-testid="take-over"
            onClick={() => {
              const id = unfinished.record.id;
              setUnfinished(null);
              void takeOver(id).then((record) => record && useSimStore.getState().resumeAttempt(record.record));
            }}
          >
            {t('notice.takeOver')}
          </button>
          <button type="button" data-testid="resume-no" onClick={() => setUnfinished(null)}>
            {t('notice.resumeNo')}
          </button>
        </div>
      )}
      {unfinished && !elsewhere && (
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
