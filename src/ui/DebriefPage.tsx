import { useSimStore } from '../state/store';
import { tipVisibleWhileAdvancing } from '../core/scoring/figures';
import type { Debrief } from '../state/sessionSlice';
import type { SafetyEvent, ScoreGroup } from '../core/scoring/result';
import { findCase } from '../core/cases/cases';
import { FluidCrossSections } from './FluidCrossSections';
import { ReasoningQuestions } from './ReasoningQuestions';
import { useText, type TextKey, type UiText } from '../i18n';

const GROUPS: ScoreGroup[] = ['scan', 'needle', 'spread', 'verify'];

/** The attempt's score, explained: safety first, every item with its reason, the fluid, what to do next. */
export function DebriefPage() {
  const debrief = useSimStore((s) => s.debrief);
  const text = useText();
  const { t, n, q, pick, date } = text;
  const st = useSimStore.getState;
  if (!debrief) return null;
  const { record, result, facts } = debrief;
  const definition = findCase(record.caseId);
  const groups = GROUPS.map((g) => ({ group: g, items: result.items.filter((i) => i.group === g) }));
  // The rubric's own figures (each advance's visible part clamped to the advance, as scored).
  const { advancedMm: advanced, tipVisibleMm: visible } = tipVisibleWhileAdvancing(facts);
  const improvements = result.items.filter((i) => i.advice).sort((a, b) => b.maxPoints - b.points - (a.maxPoints - a.points));
  const seconds = (ms: number) => q(ms / 1000, 's', 1);
  // Critical kinds first, then in the order they happened.
  const safetyKinds = [...new Set([...result.safetyEvents].sort((a, b) => Number(b.critical) - Number(a.critical) || a.tMs - b.tMs).map((e) => e.kind))];
  return (
    // The page's main landmark (the simulator's is hidden meanwhile): its header is the page's, not a second banner.
    <main className="page debrief" data-testid="debrief">
      <header className="page-header">
        <div>
          <h2>{t('debrief.title', { case: definition ? pick(definition.texts.title) : record.caseId })}</h2>
          <p className="hint">
            {record.trainee || t('debrief.unnamed')} · {t(record.mode === 'guided' ? 'attempt.guided' : 'attempt.assessment')} · {date(record.startedAt)} · {seconds(facts.durationMs)}
          </p>
        </div>
        <div className={`score-total ${result.cappedAt !== null ? 'capped' : ''}`} data-testid="score-total">
          {n(result.total, result.total % 1 ? 1 : 0)}
          <span>/ 100</span>
        </div>
        <div className="button-row">
          <button type="button" data-testid="new-attempt" onClick={() => void st().loadCase({ caseId: st().caseId }).then(() => st().setPage('simulator'))}>
            {t('debrief.newAttempt')}
          </button>
          <button type="button" onClick={() => st().setPage('review')}>
            {t('debrief.allAttempts')}
          </button>
        </div>
      </header>
      {result.cappedAt !== null && (
        <p className="critical-note" data-testid="score-cap">
          {t('debrief.capped', { cap: result.cappedAt, earned: n(result.itemPoints, 1) })}
        </p>
      )}
      <section aria-label={t('debrief.safety')}>
        <h3>{t('debrief.safety')}</h3>
        {result.safetyEvents.length === 0 ? <p className="hint">{t('debrief.noSafety')}</p> : <SafetyTimeline events={result.safetyEvents} durationMs={facts.durationMs} text={text} seconds={seconds} />}
      </section>
      <section aria-label={t('debrief.figures')} className="figures" data-testid="debrief-figures">
        <Figure label={t('debrief.halo')} value={q(facts.fluid.haloCoveragePct, '%')} />
        <Figure label={t('debrief.spread')} value={t('debrief.spreadValue', { proximal: n(facts.fluid.spreadProximalMm), distal: n(facts.fluid.spreadDistalMm) })} />
        <Figure label={t('debrief.volume')} value={t('debrief.volumeValue', { total: n(facts.fluid.totalMl, 1), above: n(facts.fluid.superficialMl, 1), below: n(facts.fluid.deepMl, 1) })} />
        <Figure label={t('debrief.intraneural')} value={q(facts.fluid.intraneuralMl, 'ml', 2)} />
        <Figure label={t('debrief.tipVisible')} value={advanced > 0 ? t('debrief.tipVisibleValue', { share: n((100 * visible) / advanced), mm: n(advanced) }) : '—'} />
        <Figure label={t('debrief.passes')} value={n(facts.insertions.length)} />
        <Figure label={t('debrief.time')} value={seconds(facts.durationMs)} />
      </section>
      <section aria-label={t('debrief.finalFluid')}>
        <h3>{t('debrief.finalFluid')}</h3>
        <FluidCrossSections facts={facts} />
      </section>
      <section aria-label={t('debrief.items')}>
        <h3>{t('debrief.items')}</h3>
        <table className="score-items" data-testid="score-items">
          <tbody>
            {groups.map(({ group, items }) => [
              <tr key={group} className="group-row">
                <th colSpan={3}>{t(`debrief.group.${group}`)}</th>
              </tr>,
              ...items.map((i) => (
                <tr key={i.id} data-testid={`item-${i.id}`} className={i.points >= i.maxPoints ? 'full' : i.points > 0 ? 'part' : 'none'}>
                  <td className="points">
                    {n(i.points, i.points % 1 ? 1 : 0)}/{n(i.maxPoints)}
                  </td>
                  <td>{t(`score.title.${i.id}` as TextKey)}</td>
                  <td className="reason">{text.say(i.reason)}</td>
                </tr>
              )),
            ])}
          </tbody>
        </table>
      </section>
      {Object.keys(debrief.images).length > 0 && (
        <section aria-label={t('debrief.savedImages')}>
          <h3>{t('debrief.savedImages')}</h3>
          <div className="saved-images">
            {Object.entries(debrief.images).map(([id, url]) => {
              const view = facts.savedImages.find((s) => s.imageId === id)?.view;
              return (
                <figure key={id}>
                  <img src={url} alt={t('debrief.savedImageAlt', { id })} />
                  <figcaption>{view ? t(`us.view.${view}`) : ''}</figcaption>
                </figure>
              );
            })}
          </div>
        </section>
      )}
      <ReasoningQuestions debrief={debrief} />
      <section aria-label={t('debrief.nextTime')}>
        <h3>{t('debrief.nextTime')}</h3>
        {improvements.length === 0 && safetyKinds.length === 0 ? (
          <p>{t('debrief.fullMarks')}</p>
        ) : (
          <ol className="advice" data-testid="advice">
            {/* Every kind of safety event first (each once), then the items that lost the most. */}
            {safetyKinds.map((kind) => (
              <li key={kind} className="safety-advice" data-testid={`advice-safety-${kind}`}>
                {t(`advice.safety.${kind}`)}
              </li>
            ))}
            {improvements.slice(0, 5).map((i) => (
              <li key={i.id}>{i.advice && text.say(i.advice)}</li>
            ))}
          </ol>
        )}
      </section>
    </main>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="figure">
      <span>{label}</span>
      <strong>{value}</strong>
    </div>
  );
}

/** Safety events on the attempt's time line, critical ones red; listed below with their effect. */
function SafetyTimeline({ events, durationMs, text, seconds }: { events: SafetyEvent[]; durationMs: number; text: UiText; seconds: (ms: number) => string }) {
  const { t } = text;
  const width = 600;
  const x = (tMs: number) => 10 + ((width - 20) * tMs) / Math.max(1, durationMs);
  return (
    <div data-testid="safety-timeline">
      <svg viewBox={`0 0 ${width} 36`} className="timeline" role="img" aria-label={t('debrief.safetyTimeline')}>
        <line x1={10} x2={width - 10} y1={18} y2={18} stroke="#556" />
        {events.map((e, i) => (
          <circle key={i} cx={x(e.tMs)} cy={18} r={6} fill={e.critical ? '#d9534f' : '#f0ad4e'}>
            <title>{text.say(e.description)}</title>
          </circle>
        ))}
      </svg>
      <ul className="safety-list">
        {events.map((e, i) => (
          <li key={i} className={e.critical ? 'critical' : ''} data-testid={`safety-${e.kind}`}>
            <span className="when">{seconds(e.tMs)}</span> {text.say(e.description)}
          </li>
        ))}
      </ul>
    </div>
  );
}

export type { Debrief };
