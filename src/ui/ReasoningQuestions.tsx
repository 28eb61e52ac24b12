import { useSimStore } from '../state/store';
import { findCase } from '../core/cases/cases';
import { reasoningQuestions, reasoningScore } from '../core/cases/reasoning';
import type { Debrief } from '../state/sessionSlice';
import { useText } from '../i18n';

/** Short clinical questions after the attempt; each answer is kept with the attempt and explained. */
export function ReasoningQuestions({ debrief }: { debrief: Debrief }) {
  const definition = findCase(debrief.record.caseId);
  const { t, pick } = useText();
  if (!definition) return null;
  const questions = reasoningQuestions(definition, debrief.facts);
  const answers = debrief.record.reasoning ?? [];
  const { correct } = reasoningScore(questions, answers);
  const answer = (questionId: string, option: string) => void useSimStore.getState().answerReasoning(questionId, option);
  return (
    <section aria-label={t('reasoning.title')} data-testid="reasoning">
      <h3>
        {t('reasoning.title')} {answers.length > 0 && <span className="hint">{t('reasoning.score', { correct, asked: questions.length })}</span>}
      </h3>
      <ol className="reasoning">
        {questions.map((q) => {
          const given = answers.find((a) => a.questionId === q.id)?.answer;
          return (
            <li key={q.id} data-testid={`question-${q.id}`}>
              {pick(q.prompt)}
              <div className="options" role="group" aria-label={pick(q.prompt)}>
                {q.options.map((o) => (
                  <button key={o.id} type="button" aria-pressed={given === o.id} data-testid={`answer-${q.id}-${o.id}`} onClick={() => answer(q.id, o.id)}>
                    {pick(o.text)}
                  </button>
                ))}
              </div>
              {given && (
                <p className={given === q.correct ? 'right' : 'wrong'} data-testid={`explanation-${q.id}`}>
                  {given === q.correct ? t('reasoning.right') : t('reasoning.notQuite', { answer: pick(q.options.find((o) => o.id === q.correct)!.text) })}
                  {pick(q.explanation)}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
