import { useState } from 'react';
import type { AttemptSummary } from '../storage/storedAttempt';
import { useText } from '../i18n';
import { learningCurve, CUSUM_DECISION_LIMIT, DEFAULT_PASS_SCORE, DEFAULT_ACCEPTABLE_FAILURE_RATE } from '../core/scoring/learningCurve';

const W = 560;
const H = 180;
const PAD = 30;
/** Room under the plot for the attempt numbers and the axis title. */
const BOTTOM = 34;
const TOP = 18;

/** Attempt numbers to label on the x axis: all of them when few, else about ten evenly. */
const attemptTicks = (count: number): number[] => {
  const every = Math.max(1, Math.ceil(count / 10));
  return Array.from({ length: count }, (_, i) => i).filter((i) => i % every === 0 || i === count - 1);
};

/** Score per attempt (oldest first) and the CUSUM of failures against a chosen acceptable failure rate. */
export function LearningCurveChart({ attempts }: { attempts: AttemptSummary[] }) {
  const [rate, setRate] = useState(DEFAULT_ACCEPTABLE_FAILURE_RATE);
  const { t, n } = useText();
  const ordered = [...attempts].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const points = learningCurve(ordered.map((a) => a.total ?? 0), DEFAULT_PASS_SCORE, rate);
  if (points.length === 0) return <p className="hint">{t('curve.none')}</p>;
  const x = (i: number) => PAD + ((W - 2 * PAD) * i) / Math.max(1, points.length - 1);
  const scoreY = (s: number) => H - BOTTOM - ((H - BOTTOM - TOP) * s) / 100;
  const cusums = points.map((p) => p.cusum);
  const lo = Math.min(0, ...cusums);
  const hi = Math.max(CUSUM_DECISION_LIMIT, ...cusums);
  const cusumY = (c: number) => H - BOTTOM - ((H - BOTTOM - TOP) * (c - lo)) / (hi - lo || 1);
  const cusumTicks = [...new Set([lo, 0, hi].map((c) => Math.round(c * 10) / 10))];
  // Both charts share the x axis: attempt numbers under the plot, and its title.
  const xAxis = (
    <g className="axis" fontSize="10" fill="#9ab">
      <line x1={PAD} x2={W - PAD} y1={H - BOTTOM} y2={H - BOTTOM} stroke="#556" />
      {attemptTicks(points.length).map((i) => (
        <text key={i} x={x(i)} y={H - BOTTOM + 12} textAnchor="middle">
          {n(points[i].attempt)}
        </text>
      ))}
      <text x={W / 2} y={H - 4} textAnchor="middle">
        {t('curve.axisAttempt')}
      </text>
    </g>
  );
  return (
    <section className="learning-curve" data-testid="learning-curve" aria-label={t('curve.title', { trainee: '' })}>
      <h3>{t('curve.title', { trainee: ordered[0].trainee || t('review.unnamed') })}</h3>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('curve.scores')}>
        <line x1={PAD} x2={W - PAD} y1={scoreY(DEFAULT_PASS_SCORE)} y2={scoreY(DEFAULT_PASS_SCORE)} stroke="#4fd1a5" strokeDasharray="4 3" />
        <text x={W - PAD + 2} y={scoreY(DEFAULT_PASS_SCORE) + 4} fontSize="10" fill="#4fd1a5">
          {t('curve.pass', { score: DEFAULT_PASS_SCORE })}
        </text>
        <polyline fill="none" stroke="#8cc8ff" strokeWidth="2" points={points.map((p, i) => `${x(i)},${scoreY(p.score)}`).join(' ')} />
        {points.map((p, i) => (
          <circle key={i} cx={x(i)} cy={scoreY(p.score)} r={4} fill={p.failed ? '#d9534f' : '#4fd1a5'}>
            <title>{t('curve.point', { attempt: n(p.attempt), score: n(p.score, p.score % 1 ? 1 : 0) })}</title>
          </circle>
        ))}
        <g className="axis" fontSize="10" fill="#9ab">
          <line x1={PAD} x2={PAD} y1={scoreY(0)} y2={scoreY(100)} stroke="#556" />
          {[0, 50, 100].map((s) => (
            <text key={s} x={PAD - 4} y={scoreY(s) + 3} textAnchor="end" data-testid="score-tick">
              {n(s)}
            </text>
          ))}
          <text x={4} y={11}>
            {t('curve.axisScore')}
          </text>
        </g>
        {xAxis}
      </svg>
      <label>
        {t('curve.rate')}{' '}
        <select value={rate} data-testid="cusum-rate" onChange={(e) => setRate(Number(e.target.value))}>
          {[0.1, 0.2, 0.3].map((r) => (
            <option key={r} value={r}>
              {t('curve.ratePct', { rate: n(r * 100) })}
            </option>
          ))}
        </select>
      </label>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('curve.cusum')} data-testid="cusum-chart">
        <line x1={PAD} x2={W - PAD} y1={cusumY(CUSUM_DECISION_LIMIT)} y2={cusumY(CUSUM_DECISION_LIMIT)} stroke="#d9534f" strokeDasharray="4 3" />
        <text x={W - PAD + 2} y={cusumY(CUSUM_DECISION_LIMIT) + 4} fontSize="10" fill="#d9534f">
          {t('curve.limit', { h: n(CUSUM_DECISION_LIMIT, CUSUM_DECISION_LIMIT % 1 ? 1 : 0) })}
        </text>
        <line x1={PAD} x2={W - PAD} y1={cusumY(0)} y2={cusumY(0)} stroke="#556" />
        <polyline fill="none" stroke="#f2c14e" strokeWidth="2" points={points.map((p, i) => `${x(i)},${cusumY(p.cusum)}`).join(' ')} />
        {points.map((p, i) => (
          <circle key={i} cx={x(i)} cy={cusumY(p.cusum)} r={4} fill={p.failed ? '#d9534f' : '#f2c14e'} data-testid="cusum-point">
            <title>{t('curve.cusumPoint', { attempt: n(p.attempt), score: n(p.score, p.score % 1 ? 1 : 0), outcome: t(p.failed ? 'curve.failed' : 'curve.passed'), cusum: n(p.cusum, 2) })}</title>
          </circle>
        ))}
        <g className="axis" fontSize="10" fill="#9ab">
          <line x1={PAD} x2={PAD} y1={cusumY(lo)} y2={cusumY(hi)} stroke="#556" />
          {cusumTicks.map((c) => (
            <text key={c} x={PAD - 4} y={cusumY(c) + 3} textAnchor="end" data-testid="cusum-tick">
              {n(c, c % 1 ? 1 : 0)}
            </text>
          ))}
          <text x={4} y={11}>
            {t('curve.cusumAxis', { score: DEFAULT_PASS_SCORE })} · {t('curve.axisCusum')}
          </text>
        </g>
        {xAxis}
      </svg>
    </section>
  );
}
