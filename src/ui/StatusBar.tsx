import { useSimStore } from '../state/store';
import { useText } from '../i18n';

/** One line a trainee reads at a glance: which view of the nerve, and where the probe is. */
export function StatusBar() {
  const probe = useSimStore((s) => s.probe);
  const { t, n, language } = useText();
  if (!probe) return <div className="status-bar" role="status">{t('status.preparing')}</div>;
  const { proximalMm, lateralMm } = probe.position;
  return (
    <div className="status-bar" role="status" aria-live="polite">
      <span className={`view-pill view-${probe.view}`} data-testid="view-class" data-view={probe.view}>
        {t(`status.view.${probe.view}`)}
      </span>
      <span data-testid="probe-position">{language === 'en' ? t('status.position', { text: probe.position.text }) : t('status.position', { text: positionZh(proximalMm, lateralMm, n) })}</span>
      <span className="pose-figures">{t('status.pose', { rotation: n(probe.pose.rotationDeg), tilt: n(probe.pose.tiltDeg), pressure: n(probe.pose.compressionMm, 1) })}</span>
    </div>
  );
}

/** Where the probe sits, relative to the fibular head apex, in Chinese. */
function positionZh(proximalMm: number, lateralMm: number, n: (v: number, d?: number) => string): string {
  const along = Math.abs(proximalMm) < 2 ? '平腓骨头' : proximalMm > 0 ? `腓骨头近端 ${n(proximalMm)} mm` : `腓骨头远端 ${n(-proximalMm)} mm`;
  const across = Math.abs(lateralMm) < 2 ? '' : lateralMm > 0 ? `，外侧 ${n(lateralMm)} mm` : `，内侧 ${n(-lateralMm)} mm`;
  return along + across;
}
