import { useSimStore } from '../state/store';
import { checklistSteps } from '../state/checklist';
import { useText } from '../i18n';

/** Guided practice: the checklist ticks itself from what the trainee did; the coach's last word below. */
export function GuidedChecklist() {
  const guided = useSimStore((s) => s.session.mode === 'guided' && !s.replay);
  const steps = useSimStore(checklistSteps);
  const coaching = useSimStore((s) => s.coaching);
  const { t, say } = useText();
  if (!guided) return null;
  return (
    <section className="controls guided" aria-label={t('attempt.guided')} data-testid="checklist">
      <fieldset>
        <legend>{t('checklist.legend')}</legend>
        <ol className="checklist">
          {steps.map((step) => (
            <li key={step.label} className={step.done ? 'done' : ''} data-testid="checklist-step" data-done={step.done}>
              <span aria-hidden>{step.done ? '✔' : '○'}</span> {t(step.label)}
            </li>
          ))}
        </ol>
        {coaching && (
          <p className="coaching" role="status" data-testid="coaching">
            {say(coaching)}{' '}
            <button type="button" onClick={() => useSimStore.setState({ coaching: null })}>
              {t('common.ok')}
            </button>
          </p>
        )}
      </fieldset>
    </section>
  );
}
