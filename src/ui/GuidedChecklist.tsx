import { useSimStore } from '../state/store';

/** The procedure's steps, in order, each with the rubric item that ticks it. */
const STEPS: { label: string; items: string[] }[] = [
  { label: 'Find the CPN in short axis at the fibular head; hold it 1 s', items: ['short-axis-view'] },
  { label: 'Press with the probe over the nerve (dynamic test)', items: ['dynamic-compression'] },
  { label: 'Turn to long axis and trace the nerve 30 mm, above and below the head', items: ['long-axis-view', 'long-axis-trace'] },
  { label: 'Back in short axis: needle in plane from the medial end, tip always seen', items: ['medial-to-lateral', 'tip-visible-advancing'] },
  { label: 'Inject ~2.5 ml above and ~2.5 ml below the nerve, tip seen at each', items: ['above-and-below', 'tip-visible-injecting', 'volume'] },
  { label: 'Let the fluid open the plane: a halo all round, spread along the sheath', items: ['halo', 'longitudinal-spread'] },
  { label: 'Save a short-axis image of the halo and a long-axis image of the spread', items: ['saved-short-axis', 'saved-long-axis'] },
];

/** Guided practice: the checklist ticks itself from what the trainee did; the coach's last word below. */
export function GuidedChecklist() {
  const guided = useSimStore((s) => s.session.mode === 'guided' && !s.replay);
  const checklist = useSimStore((s) => s.checklist);
  const coaching = useSimStore((s) => s.coaching);
  if (!guided) return null;
  const done = (ids: string[]) => ids.every((id) => checklist?.find((i) => i.id === id && i.points >= i.maxPoints));
  return (
    <section className="controls guided" aria-label="Guided practice" data-testid="checklist">
      <fieldset>
        <legend>Guided practice — steps</legend>
        <ol className="checklist">
          {STEPS.map((step) => {
            const ticked = done(step.items);
            return (
              <li key={step.label} className={ticked ? 'done' : ''} data-testid="checklist-step" data-done={ticked}>
                <span aria-hidden>{ticked ? '✔' : '○'}</span> {step.label}
              </li>
            );
          })}
        </ol>
        {coaching && (
          <p className="coaching" role="status" data-testid="coaching">
            {coaching}{' '}
            <button type="button" onClick={() => useSimStore.setState({ coaching: null })}>
              OK
            </button>
          </p>
        )}
      </fieldset>
    </section>
  );
}
