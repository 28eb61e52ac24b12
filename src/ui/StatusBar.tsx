import { useSimStore } from '../state/store';

const VIEW_TEXT = {
  'short-axis': 'Short axis of the CPN',
  'long-axis': 'Long axis of the CPN',
  oblique: 'Oblique to the CPN',
  'no-nerve': 'CPN not in view',
} as const;

/** One line a trainee reads at a glance: which view of the nerve, and where the probe is. */
export function StatusBar() {
  const probe = useSimStore((s) => s.probe);
  if (!probe) return <div className="status-bar" role="status">Preparing the knee…</div>;
  return (
    <div className="status-bar" role="status" aria-live="polite">
      <span className={`view-pill view-${probe.view}`} data-testid="view-class" data-view={probe.view}>
        {VIEW_TEXT[probe.view]}
      </span>
      <span data-testid="probe-position">Probe {probe.position.text}</span>
      <span className="pose-figures">
        rotation {probe.pose.rotationDeg.toFixed(0)}° · tilt {probe.pose.tiltDeg.toFixed(0)}° · pressure {probe.pose.compressionMm.toFixed(1)} mm
      </span>
    </div>
  );
}
