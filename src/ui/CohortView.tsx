import { useCallback, useEffect, useMemo, useState } from 'react';
import { inBoth, useText, type TextKey } from '../i18n';
import { useSimStore } from '../state/store';
import { untranslated, type Said } from '../state/said';
import { findCase } from '../core/cases/cases';
import { summariseAttempt, type StoredAttempt } from '../storage/storedAttempt';
import type { CohortAttempt } from '../lrs/cohortTypes';
import { pullCohort, cachedCohort } from '../lrs/cohort';
import { currentTarget, homePage, programme } from '../lrs/programme';
import { LearningCurveChart } from './LearningCurveChart';
import { CompareAttempts } from './CompareAttempts';

const asStored = (a: CohortAttempt): StoredAttempt => ({ record: a.record, result: a.result, fluid: a.fluid, altered: a.altered, finishedAt: null, updatedAt: a.stored });

/**
 * The programme's attempts read back from the LRS: every trainee, rescored here from the attached
 * event logs, cached in this browser so the review works offline. List, learning curve and compare
 * are the same views as for this browser's attempts.
 */
export function CohortView() {
  const { t, n, pick, date } = useText();
  const [cohort, setCohort] = useState<CohortAttempt[] | null>(null);
  const [message, setMessage] = useState<Said | null>(null);
  const [pulling, setPulling] = useState(false);
  const [trainee, setTrainee] = useState('');
  const [compare, setCompare] = useState<string[]>([]);
  const load = useCallback(() => {
    void programme()
      .then((p) => cachedCohort(p.db))
      .then(setCohort, (e: unknown) => setMessage(untranslated(String(e))));
  }, []);
  useEffect(load, [load]);
  const pull = () => {
    setPulling(true);
    void (async () => {
      const target = await currentTarget();
      if (!target) throw new Error(t('programme.notConfigured'));
      const report = await pullCohort({
        db: (await programme()).db,
        target,
        homePage: homePage(),
        rescore: async (record) => {
          const { result, facts } = await useSimStore.getState().rescore(record);
          return { result, fluid: facts.fluid };
        },
      });
      const summary = inBoth('programme.pulled', { read: report.read, added: report.added, altered: report.altered, refused: report.refused.length });
      const why = report.refused.map((r) => ` ${r.why}`).join(';');
      setMessage({ en: summary.en + why, zh: summary.zh + why });
      load();
    })()
      .catch((e: unknown) => setMessage(untranslated(e instanceof Error ? e.message : String(e))))
      .finally(() => setPulling(false));
  };
  const sorted = useMemo(() => [...(cohort ?? [])].sort((a, b) => b.record.startedAt.localeCompare(a.record.startedAt)), [cohort]);
  const trainees = [...new Set(sorted.map((a) => a.record.trainee))].sort();
  const byId = useMemo(() => new Map(sorted.map((a) => [a.record.id, a])), [sorted]);
  const loadForCompare = useCallback(async (id: string) => asStored(byId.get(id)!), [byId]);
  return (
    <section className="cohort" data-testid="cohort">
      <h3>{t('programme.cohortTitle')}</h3>
      <div className="button-row">
        <button type="button" data-testid="cohort-pull" disabled={pulling} onClick={pull}>
          {pulling ? t('programme.pulling') : t('programme.pull')}
        </button>
        <label>
          {t('attempt.trainee')}{' '}
          <select value={trainee} data-testid="cohort-trainee" onChange={(e) => setTrainee(e.target.value)}>
            <option value="">{t('review.all')}</option>
            {trainees.map((name) => (
              <option key={name} value={name}>
                {name || t('review.unnamed')}
              </option>
            ))}
          </select>
        </label>
      </div>
      {message && (
        <p className="notice" role="status" data-testid="cohort-message">
          {pick(message)}
        </p>
      )}
      {cohort !== null && cohort.length === 0 && <p className="hint">{t('programme.cohortNone')}</p>}
      {sorted.length > 0 && (
        <table className="attempts" data-testid="cohort-table">
          <thead>
            <tr>
              <th>{t('review.compare')}</th>
              <th>{t('attempt.trainee')}</th>
              <th>{t('case.patient')}</th>
              <th>{t('review.date')}</th>
              <th>{t('attempt.mode')}</th>
              <th>{t('review.score')}</th>
              <th>{t('review.critical')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted
              .filter((a) => !trainee || a.record.trainee === trainee)
              .map((a) => {
                const summary = summariseAttempt(a);
                const found = findCase(a.record.caseId);
                return (
                  <tr key={a.record.id} data-testid="cohort-row" data-attempt-id={a.record.id} data-trainee={a.record.trainee}>
                    <td>
                      <input type="checkbox" aria-label={t('review.compare')} checked={compare.includes(a.record.id)} onChange={(e) => setCompare(e.target.checked ? [...compare, a.record.id].slice(-2) : compare.filter((c) => c !== a.record.id))} />
                    </td>
                    <td>{a.record.trainee || t('review.unnamed')}</td>
                    <td>{found ? pick(found.texts.title) : a.record.caseId}</td>
                    <td>{date(a.record.startedAt)}</td>
                    <td>{t(a.record.mode === 'guided' ? 'attempt.guided' : 'attempt.assessment')}</td>
                    <td data-testid="cohort-score">
                      {summary.total === null ? t('review.unfinished') : n(summary.total, summary.total % 1 ? 1 : 0)}
                      {a.altered && (
                        <span className="altered" data-testid="altered-flag" title={t('review.alteredTitle')}>
                          {' '}
                          {t('review.altered')}
                        </span>
                      )}
                    </td>
                    <td className="critical">{summary.criticalEvents.map((k) => t(`safety.${k}` as TextKey)).join(', ')}</td>
                  </tr>
                );
              })}
          </tbody>
        </table>
      )}
      {compare.length === 2 && <CompareAttempts ids={compare} load={loadForCompare} />}
      {trainee !== '' && <LearningCurveChart attempts={sorted.filter((a) => a.record.trainee === trainee && a.result !== null).map(summariseAttempt)} />}
    </section>
  );
}
