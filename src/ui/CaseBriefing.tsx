import { useState } from 'react';
import { useSimStore } from '../state/store';
import { findCase } from '../core/cases/cases';
import { useText } from '../i18n';

/** The case's briefing as the trainee reads it before scanning: history, symptoms, examination. */
export function CaseBriefing() {
  const caseId = useSimStore((s) => s.caseId);
  const [open, setOpen] = useState(true);
  const { t, pick } = useText();
  const c = findCase(caseId);
  if (!c) return null;
  return (
    <section className="controls briefing" aria-label={t('briefing.title', { title: pick(c.texts.title) })} data-testid="case-briefing">
      <fieldset>
        <legend>
          <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? '▾' : '▸'} {t('briefing.title', { title: pick(c.texts.title) })}
          </button>
        </legend>
        {open && (
          <p className="briefing-summary" data-testid="case-summary">
            {pick(c.texts.summary)}
          </p>
        )}
        {open && (
          <dl className="briefing-list">
            <dt>{t('briefing.history')}</dt>
            <dd data-testid="briefing-history">{pick(c.briefing.history)}</dd>
            <dt>{t('briefing.symptoms')}</dt>
            <dd>{pick(c.briefing.symptoms)}</dd>
            <dt>{t('briefing.examination')}</dt>
            <dd>{pick(c.briefing.examination)}</dd>
            {c.outcome && (
              <>
                <dt>{t('briefing.series')}</dt>
                <dd>{t('briefing.outcome', { sessions: c.outcome.sessions, sensory: t(`outcome.${c.outcome.sensory}`), motor: t(`outcome.${c.outcome.motor}`) })}</dd>
              </>
            )}
          </dl>
        )}
      </fieldset>
    </section>
  );
}
