import { useText } from '../i18n';

/** Millimetre depth scale beside the image: minor ticks every 5 mm, labels every 10 mm. */
export function DepthScale({ depthMm, focusMm }: { depthMm: number; focusMm: number }) {
  const { t, n } = useText();
  const ticks: number[] = [];
  for (let d = 0; d <= depthMm + 1e-6; d += 5) ticks.push(d);
  return (
    <div className="depth-scale" data-testid="depth-scale" aria-label={t('us.depthScale', { depth: n(depthMm) })}>
      {ticks.map((d) => (
        <div key={d} className={d % 10 === 0 ? 'tick major' : 'tick'} style={{ top: `${(d / depthMm) * 100}%` }}>
          {d % 10 === 0 && <span>{n(d)}</span>}
        </div>
      ))}
      <div className="depth-unit">mm</div>
      <div className="focus-marker" data-testid="focus-marker" style={{ top: `${(focusMm / depthMm) * 100}%` }} title={t('us.focus', { focus: n(focusMm) })}>
        ◀
      </div>
    </div>
  );
}
