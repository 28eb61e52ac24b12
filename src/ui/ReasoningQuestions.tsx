import { useSimStore } from '../state/store';
import { findCase } from '../core/cases/cases';
import { reasoningQuestions, reasoningScore } from '../core/cases/reasoning';
import type { Debrief } from '../state/sessionSlice';

/** Short clinical questions after the attempt; each answer is kept with the attempt and explained. */
export function ReasoningQuestions({ debrief }: { debrief: Debrief }) {
  const definition = findCase(debrief.record.caseId);
  if (!definition) return null;
  const questions = reasoningQuestions(definition, debrief.facts);
  const answers = debrief.record.reasoning ?? [];
  const { correct } = reasoningScore(questions, answers);
  const answer = (questionId: string, option: string) => void useSimStore.getState().answerReasoning(questionId, option);
  return (
    <section aria-label="Clinical reasoning" data-testid="reasoning">
      <h3>
        Clinical reasoning {answers.length > 0 && <span className="hint">— {correct} of {questions.length} right</span>}
      </h3>
      <ol className="reasoning">
        {questions.map((q) => {
          const given = answers.find((a) => a.questionId === q.id)?.answer;
          return (
            <li key={q.id} data-testid={`question-${q.id}`}>
              {q.prompt.en}
              <div className="options" role="group" aria-label={q.prompt.en}>
                {q.options.map((o) => (
                  <button key={o.id} type="button" aria-pressed={given === o.id} data-testid={`answer-${q.id}-${o.id}`} onClick={() => answer(q.id, o.id)}>
                    {o.text.en}
                  </button>
                ))}
              </div>
              {given && (
                <p className={given === q.correct ? 'right' : 'wrong'} data-testid={`explanation-${q.id}`}>
                  {given === q.correct ? 'Right. ' : `Not quite: ${q.options.find((o) => o.id === q.correct)?.text.en}. `}
                  {q.explanation.en}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
