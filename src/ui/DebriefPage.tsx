import { useSimStore } from '../state/store';
import type { Debrief } from '../state/sessionSlice';
import type { SafetyEvent, ScoreGroup } from '../core/scoring/result';
import { findCase } from '../core/cases/cases';
import { FluidCrossSections } from './FluidCrossSections';
import { ReasoningQuestions } from './ReasoningQuestions';

const GROUP_TITLES: Record<ScoreGroup, string> = { scan: 'Scanning', needle: 'Needle', spread: 'Spread of the injectate', verify: 'Documentation' };
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The attempt's score, explained: safety first, every item with its reason, the fluid, what to do next. */
export function DebriefPage() {
  const debrief = useSimStore((s) => s.debrief);
  const st = useSimStore.getState;
  if (!debrief) return null;
  const { record, result, facts } = debrief;
  const groups = (['scan', 'needle', 'spread', 'verify'] as const).map((g) => ({ group: g, items: result.items.filter((i) => i.group === g) }));
  const advance = facts.needleMoves.filter((m) => m.mm > 0);
  const advanced = advance.reduce((a, m) => a + m.mm, 0);
  const visible = advance.reduce((a, m) => a + m.tipVisibleMm, 0);
  const improvements = result.items.filter((i) => i.advice).sort((a, b) => b.maxPoints - b.points - (a.maxPoints - a.points));
  return (
    <div className="page debrief" data-testid="debrief">
      <header className="page-header">
        <div>
          <h2>Debrief — {findCase(record.caseId)?.title ?? record.caseId}</h2>
          <p className="hint">
            {record.trainee || 'Unnamed trainee'} · {record.mode === 'guided' ? 'guided practice' : 'assessment'} · {new Date(record.startedAt).toLocaleString()} · {seconds(facts.durationMs)}
          </p>
        </div>
        <div className={`score-total ${result.cappedAt !== null ? 'capped' : ''}`} data-testid="score-total">
          {result.total.toFixed(result.total % 1 ? 1 : 0)}
          <span>/ 100</span>
        </div>
        <div className="button-row">
          <button type="button" data-testid="new-attempt" onClick={() => void st().loadCase({ caseId: st().caseId }).then(() => st().setPage('simulator'))}>
            New attempt
          </button>
          <button type="button" onClick={() => st().setPage('review')}>
            All attempts
          </button>
        </div>
      </header>
      {result.cappedAt !== null && (
        <p className="critical-note" data-testid="score-cap">
          Capped at {result.cappedAt}: a critical safety event happened (items earned {result.itemPoints}).
        </p>
      )}
      <section aria-label="Safety events">
        <h3>Safety events</h3>
        {result.safetyEvents.length === 0 ? <p className="hint">None — no nerve contact, no vessel, no high-pressure injection.</p> : <SafetyTimeline events={result.safetyEvents} durationMs={facts.durationMs} />}
      </section>
      <section aria-label="Figures" className="figures" data-testid="debrief-figures">
        <Figure label="Halo" value={`${facts.fluid.haloCoveragePct.toFixed(0)} %`} />
        <Figure label="Spread" value={`${facts.fluid.spreadProximalMm.toFixed(0)} mm prox · ${facts.fluid.spreadDistalMm.toFixed(0)} mm dist`} />
        <Figure label="Volume" value={`${facts.fluid.totalMl.toFixed(1)} ml (${facts.fluid.superficialMl.toFixed(1)} above · ${facts.fluid.deepMl.toFixed(1)} below)`} />
        <Figure label="Intraneural" value={`${facts.fluid.intraneuralMl.toFixed(2)} ml`} />
        <Figure label="Tip visible" value={advanced > 0 ? `${((100 * visible) / advanced).toFixed(0)} % of ${advanced.toFixed(0)} mm` : '—'} />
        <Figure label="Passes" value={String(facts.insertions.length)} />
        <Figure label="Time" value={seconds(facts.durationMs)} />
      </section>
      <section aria-label="Final fluid">
        <h3>Final injectate</h3>
        <FluidCrossSections facts={facts} />
      </section>
      <section aria-label="Items">
        <h3>Items</h3>
        <table className="score-items" data-testid="score-items">
          <tbody>
            {groups.map(({ group, items }) => [
              <tr key={group} className="group-row">
                <th colSpan={3}>{GROUP_TITLES[group]}</th>
              </tr>,
              ...items.map((i) => (
                <tr key={i.id} data-testid={`item-${i.id}`} className={i.points >= i.maxPoints ? 'full' : i.points > 0 ? 'part' : 'none'}>
                  <td className="points">
                    {i.points}/{i.maxPoints}
                  </td>
                  <td>{i.title}</td>
                  <td className="reason">{i.reason}</td>
                </tr>
              )),
            ])}
          </tbody>
        </table>
      </section>
      {Object.keys(debrief.images).length > 0 && (
        <section aria-label="Saved images">
          <h3>Saved images</h3>
          <div className="saved-images">
            {Object.entries(debrief.images).map(([id, url]) => (
              <figure key={id}>
                <img src={url} alt={`Saved ultrasound image ${id}`} />
                <figcaption>{facts.savedImages.find((s) => s.imageId === id)?.view ?? ''}</figcaption>
              </figure>
            ))}
          </div>
        </section>
      )}
      <ReasoningQuestions debrief={debrief} />
      <section aria-label="Next time">
        <h3>Next time</h3>
        {improvements.length === 0 ? (
          <p>Full marks on every item.</p>
        ) : (
          <ol className="advice" data-testid="advice">
            {improvements.slice(0, 5).map((i) => (
              <li key={i.id}>{i.advice}</li>
            ))}
          </ol>
        )}
      </section>
    </div>
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
function SafetyTimeline({ events, durationMs }: { events: SafetyEvent[]; durationMs: number }) {
  const width = 600;
  const x = (t: number) => 10 + ((width - 20) * t) / Math.max(1, durationMs);
  return (
    <div data-testid="safety-timeline">
      <svg viewBox={`0 0 ${width} 36`} className="timeline" role="img" aria-label="Safety events over the attempt">
        <line x1={10} x2={width - 10} y1={18} y2={18} stroke="#556" />
        {events.map((e, i) => (
          <circle key={i} cx={x(e.tMs)} cy={18} r={6} fill={e.critical ? '#d9534f' : '#f0ad4e'}>
            <title>{e.description}</title>
          </circle>
        ))}
      </svg>
      <ul className="safety-list">
        {events.map((e, i) => (
          <li key={i} className={e.critical ? 'critical' : ''} data-testid={`safety-${e.kind}`}>
            <span className="when">{seconds(e.tMs)}</span> {e.description}
          </li>
        ))}
      </ul>
    </div>
  );
}

export type { Debrief };
