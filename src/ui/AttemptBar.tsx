import { useSimStore } from '../state/store';
import { runSafely } from '../state/needleActions';
import { displayedFramePng } from '../state/framePng';
import { useText } from '../i18n';

/** Who is practising and how; saving images and finishing the attempt (which scores it). */
export function AttemptBar() {
  const session = useSimStore((s) => s.session);
  const finished = useSimStore((s) => s.finished);
  const ready = useSimStore((s) => s.buildStatus === 'ready');
  const replaying = useSimStore((s) => s.replay !== null);
  const savedCount = useSimStore((s) => s.events.filter((e) => e.kind === 'image-saved').length);
  const st = useSimStore.getState;
  const { t } = useText();
  if (replaying) return null;
  return (
    <div className="attempt-bar" aria-label={t('attempt.attempts')}>
      <label>
        {t('attempt.trainee')}{' '}
        <input data-testid="trainee-name" value={session.trainee} placeholder={t('attempt.traineePlaceholder')} size={12} onChange={(e) => st().setTrainee(e.target.value)} />
      </label>
      <label>
        {t('attempt.mode')}{' '}
        <select data-testid="mode-select" value={session.mode} disabled={finished} onChange={(e) => st().setMode(e.target.value as 'guided' | 'assessment')}>
          <option value="guided">{t('attempt.guided')}</option>
          <option value="assessment">{t('attempt.assessment')}</option>
        </select>
      </label>
      <button type="button" data-testid="save-image" disabled={!ready || finished} onClick={() => runSafely(() => st().saveImage(displayedFramePng()))}>
        {t('attempt.saveImage')}
        {savedCount > 0 ? ` (${savedCount})` : ''}
      </button>
      <button type="button" data-testid="finish" className="primary" disabled={!ready || finished} onClick={() => runSafely(() => st().finishAttempt())}>
        {t('attempt.finish')}
      </button>
      <button type="button" data-testid="open-review" onClick={() => st().setPage('review')}>
        {t('attempt.attempts')}
      </button>
    </div>
  );
}
