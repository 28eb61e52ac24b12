import { useSimStore } from '../state/store';
import { useText, type UiText } from '../i18n';

/** One line a trainee reads at a glance: which view of the nerve, and where the probe is. */
export function StatusBar() {
  const probe = useSimStore((s) => s.probe);
  const text = useText();
  const { t, n } = text;
  if (!probe) return <div className="status-bar" role="status">{t('status.preparing')}</div>;
  return (
    <div className="status-bar" role="status" aria-live="polite">
      <span className={`view-pill view-${probe.view}`} data-testid="view-class" data-view={probe.view}>
        {t(`status.view.${probe.view}`)}
      </span>
      <span data-testid="probe-position">{t('status.position', { text: positionText(probe.position.proximalMm, probe.position.lateralMm, text) })}</span>
      <span className="pose-figures">{t('status.pose', { rotation: n(probe.pose.rotationDeg), tilt: n(probe.pose.tiltDeg), pressure: n(probe.pose.compressionMm, 1) })}</span>
    </div>
  );
}

/**
 * Where the probe sits relative to the fibular head apex, from the probe report's figures (core's
 * own `position.text` is English only): within 2 mm reads as level with it, as core words it.
 */
export function positionText(proximalMm: number, lateralMm: number, { t, n }: UiText): string {
  const along = Math.abs(proximalMm) < 2 ? t('position.level') : t(proximalMm > 0 ? 'position.proximal' : 'position.distal', { mm: n(Math.abs(proximalMm)) });
  const across = Math.abs(lateralMm) < 2 ? '' : t(lateralMm > 0 ? 'position.lateral' : 'position.medial', { mm: n(Math.abs(lateralMm)) });
  return along + across;
}
