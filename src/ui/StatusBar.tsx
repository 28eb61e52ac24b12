import { useSimStore } from '../state/store';
import { useText } from '../i18n';

/** One line a trainee reads at a glance: which view of the nerve, and where the probe is. */
export function StatusBar() {
  const probe = useSimStore((s) => s.probe);
  const { t, n, say } = useText();
  if (!probe) return <div className="status-bar" role="status">{t('status.preparing')}</div>;
  return (
    <div className="status-bar" role="status" aria-live="polite">
      <span className={`view-pill view-${probe.view}`} data-testid="view-class" data-view={probe.view}>
        {t(`status.view.${probe.view}`)}
      </span>
      <span data-testid="probe-position">{t('status.position', { text: say(probe.position.said) })}</span>
      <span className="pose-figures">{t('status.pose', { rotation: n(probe.pose.rotationDeg), tilt: n(probe.pose.tiltDeg), pressure: n(probe.pose.compressionMm, 1) })}</span>
    </div>
  );
}
