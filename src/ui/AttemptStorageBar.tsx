import { useStorageStatus } from '../state/attemptStorage';
import type { AttemptSummary } from '../storage/storedAttempt';
import { useText } from '../i18n';

/** Under Attempts: whether the browser keeps them through disk pressure, and an import's progress. */
export function AttemptStorageBar() {
  const persisted = useStorageStatus((s) => s.persisted);
  const progress = useStorageStatus((s) => s.importProgress);
  const { t, pick } = useText();
  return (
    <>
      <p className="hint" data-testid="storage-persistence" data-persisted={String(persisted)}>
        {t(persisted === true ? 'review.persisted' : persisted === false ? 'review.notPersisted' : 'review.persistUnknown')}
      </p>
      {progress && (
        <p className="notice" role="status" aria-live="polite" data-testid="import-progress">
          {pick(progress)}
        </p>
      )}
    </>
  );
}

/** Marks on an attempt's row: imported (and kept beside a same-id attempt), driven by the automation API. */
export function AttemptNotes({ summary }: { summary: Pick<AttemptSummary, 'imported' | 'renamedFrom' | 'scripted'> }) {
  const { t } = useText();
  return (
    <>
      {summary.scripted && (
        <span className="altered" data-testid="scripted-flag" title={t('review.scriptedNote')}>
          {' '}
          {t('review.scripted')}
        </span>
      )}
      {summary.imported && (
        <span className="hint" data-testid="imported-flag">
          {' '}
          ({summary.renamedFrom ? t('review.renamedNote', { id: summary.renamedFrom }) : t('review.importedNote')})
        </span>
      )}
    </>
  );
}
