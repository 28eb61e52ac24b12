import { useEffect, useState } from 'react';
import { storedAttempt } from '../state/attemptLibrary';
import type { StoredAttempt } from '../storage/storedAttempt';
import { useText } from '../i18n';
import { itemTitle } from './scoreText';

/** Two attempts side by side, item by item. */
export function CompareAttempts({ ids }: { ids: string[] }) {
  const [pair, setPair] = useState<StoredAttempt[] | null>(null);
  const { t, date, language } = useText();
  useEffect(() => {
    void Promise.all(ids.map(storedAttempt)).then(setPair, () => setPair(null));
  }, [ids]);
  if (!pair) return null;
  const [a, b] = pair;
  const items = a.result?.items ?? b.result?.items ?? [];
  const pointsOf = (s: StoredAttempt, id: string) => s.result?.items.find((i) => i.id === id)?.points ?? '—';
  return (
    <section className="compare" data-testid="compare">
      <h3>{t('compare.title')}</h3>
      <table className="score-items">
        <thead>
          <tr>
            <th>{t('compare.item')}</th>
            <th>{date(a.record.startedAt)}</th>
            <th>{date(b.record.startedAt)}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id}>
              <td>{itemTitle(i, language)}</td>
              <td className="points">{pointsOf(a, i.id)}</td>
              <td className="points">{pointsOf(b, i.id)}</td>
            </tr>
          ))}
          <tr className="group-row">
            <th>{t('compare.total')}</th>
            <th>{a.result?.total ?? t('review.unfinished')}</th>
            <th>{b.result?.total ?? t('review.unfinished')}</th>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
