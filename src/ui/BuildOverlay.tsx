import { useSimStore } from '../state/store';
import { useText } from '../i18n';

/** While the worker voxelises the knee: a real progress bar, and the error if it fails. */
export function BuildOverlay() {
  const status = useSimStore((s) => s.buildStatus);
  const progress = useSimStore((s) => s.buildProgress);
  const error = useSimStore((s) => s.buildError);
  const { t, n } = useText();
  if (status === 'ready') return null;
  return (
    <div className="build-overlay" role="dialog" aria-label={t('status.preparing')}>
      {status === 'error' ? (
        <p className="error">{t('build.failed', { error: error ?? '' })}</p>
      ) : (
        <>
          <p>{t('build.building')}</p>
          <progress data-testid="build-progress" max={1} value={progress} />
          <p className="hint">{t('build.progress', { percent: n(progress * 100) })}</p>
        </>
      )}
    </div>
  );
}
