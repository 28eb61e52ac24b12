import { useState } from 'react';
import { useSimStore } from '../state/store';
import { findCase } from '../core/cases/cases';

const OUTCOME: Record<string, string> = { improved: 'improved', none: 'no effect', 'n/a': 'no deficit before' };

/** The case's briefing as the trainee reads it before scanning: history, symptoms, examination. */
export function CaseBriefing() {
  const caseId = useSimStore((s) => s.caseId);
  const [open, setOpen] = useState(true);
  const c = findCase(caseId);
  if (!c) return null;
  return (
    <section className="controls briefing" aria-label="Case briefing" data-testid="case-briefing">
      <fieldset>
        <legend>
          <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? '▾' : '▸'} Briefing — {c.title}
          </button>
        </legend>
        {open && (
          <dl className="briefing-list">
            <dt>History</dt>
            <dd data-testid="briefing-history">{c.briefing.history.en}</dd>
            <dt>Symptoms</dt>
            <dd>{c.briefing.symptoms.en}</dd>
            <dt>Examination</dt>
            <dd>{c.briefing.examination.en}</dd>
            {c.outcome && (
              <>
                <dt>In the series</dt>
                <dd>
                  {c.outcome.sessions} session{c.outcome.sessions > 1 ? 's' : ''}; sensory {OUTCOME[c.outcome.sensory]}, motor {OUTCOME[c.outcome.motor]} (shown after the attempt in the reasoning questions).
                </dd>
              </>
            )}
          </dl>
        )}
      </fieldset>
    </section>
  );
}
