import { useEffect, useState } from 'react';
import { storedAttempt } from '../state/attemptLibrary';
import { findCase } from '../core/cases/cases';
import type { StoredAttempt } from '../storage/storedAttempt';
import { useText, type TextKey } from '../i18n';

/** Two attempts side by side, item by item. */
/** `load` reads an attempt by id: this browser's store by default, the cohort cache for the programme's. */
export function CompareAttempts({ ids, load = storedAttempt }: { ids: string[]; load?: (id: string) => Promise<StoredAttempt> }) {
  const [pair, setPair] = useState<StoredAttempt[] | null>(null);
  const text = useText();
  const { t, n, date, pick } = text;
  useEffect(() => {
    void Promise.all(ids.map((id) => load(id))).then(setPair, () => setPair(null));
  }, [ids, load]);
  if (!pair) return null;
  const [a, b] = pair;
  const items = a.result?.items ?? b.result?.items ?? [];
  const pointsOf = (s: StoredAttempt, id: string) => {
    const points = s.result?.items.find((i) => i.id === id)?.points;
    return points === undefined ? '—' : n(points, points % 1 ? 1 : 0);
  };
  const totalOf = (s: StoredAttempt) => (s.result ? n(s.result.total, s.result.total % 1 ? 1 : 0) : t('review.unfinished'));
  // Each column says whose attempt, on which case, what it scored and when.
  const headingOf = (s: StoredAttempt) => {
    const c = findCase(s.record.caseId);
    const score = s.result ? t('compare.score', { score: n(s.result.total, s.result.total % 1 ? 1 : 0) }) : t('review.unfinished');
    return t('compare.heading', { trainee: s.record.trainee || t('review.unnamed'), case: c ? pick(c.texts.title) : s.record.caseId, score, date: date(s.record.startedAt) });
  };
  return (
    <section className="compare" data-testid="compare">
      <h3>{t('compare.title')}</h3>
      <table className="score-items">
        <thead>
          <tr>
            <th>{t('compare.item')}</th>
            <th data-testid="compare-heading">{headingOf(a)}</th>
            <th data-testid="compare-heading">{headingOf(b)}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id}>
              <td>{text.t(`score.title.${i.id}` as TextKey)}</td>
              <td className="points">{pointsOf(a, i.id)}</td>
              <td className="points">{pointsOf(b, i.id)}</td>
            </tr>
          ))}
          <tr className="group-row">
            <th>{t('compare.total')}</th>
            <th>{totalOf(a)}</th>
            <th>{totalOf(b)}</th>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
