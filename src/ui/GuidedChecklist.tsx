import { useSimStore } from '../state/store';
import { useText, type TextKey } from '../i18n';

/** The procedure's steps, in order, each with the rubric item that ticks it. */
const STEPS: { label: TextKey; items: string[] }[] = [
  { label: 'checklist.step1' as const, items: ['short-axis-view'] },
  { label: 'checklist.step2' as const, items: ['dynamic-compression'] },
  { label: 'checklist.step3' as const, items: ['long-axis-view', 'long-axis-trace'] },
  { label: 'checklist.step4' as const, items: ['medial-to-lateral', 'tip-visible-advancing'] },
  { label: 'checklist.step5' as const, items: ['above-and-below', 'tip-visible-injecting', 'volume'] },
  { label: 'checklist.step6' as const, items: ['halo', 'longitudinal-spread'] },
  { label: 'checklist.step7' as const, items: ['saved-short-axis', 'saved-long-axis'] },
];

/** Guided practice: the checklist ticks itself from what the trainee did; the coach's last word below. */
export function GuidedChecklist() {
  const guided = useSimStore((s) => s.session.mode === 'guided' && !s.replay);
  const checklist = useSimStore((s) => s.checklist);
  const coaching = useSimStore((s) => s.coaching);
  const { t, say } = useText();
  if (!guided) return null;
  const done = (ids: string[]) => ids.every((id) => checklist?.find((i) => i.id === id && i.points >= i.maxPoints));
  return (
    <section className="controls guided" aria-label={t('attempt.guided')} data-testid="checklist">
      <fieldset>
        <legend>{t('checklist.legend')}</legend>
        <ol className="checklist">
          {STEPS.map((step) => {
            const ticked = done(step.items);
            return (
              <li key={step.label} className={ticked ? 'done' : ''} data-testid="checklist-step" data-done={ticked}>
                <span aria-hidden>{ticked ? '✔' : '○'}</span> {t(step.label)}
              </li>
            );
          })}
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
