import { useEffect, useState } from 'react';
import { storedAttempt } from '../state/attemptLibrary';
import type { StoredAttempt } from '../storage/storedAttempt';

/** Two attempts side by side, item by item. */
export function CompareAttempts({ ids }: { ids: string[] }) {
  const [pair, setPair] = useState<StoredAttempt[] | null>(null);
  useEffect(() => {
    void Promise.all(ids.map(storedAttempt)).then(setPair, () => setPair(null));
  }, [ids]);
  if (!pair) return null;
  const [a, b] = pair;
  const items = a.result?.items ?? b.result?.items ?? [];
  const pointsOf = (s: StoredAttempt, id: string) => s.result?.items.find((i) => i.id === id)?.points ?? '—';
  return (
    <section className="compare" data-testid="compare">
      <h3>Side by side</h3>
      <table className="score-items">
        <thead>
          <tr>
            <th>Item</th>
            <th>{new Date(a.record.startedAt).toLocaleString()}</th>
            <th>{new Date(b.record.startedAt).toLocaleString()}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id}>
              <td>{i.title}</td>
              <td className="points">{pointsOf(a, i.id)}</td>
              <td className="points">{pointsOf(b, i.id)}</td>
            </tr>
          ))}
          <tr className="group-row">
            <th>Total</th>
            <th>{a.result?.total ?? 'unfinished'}</th>
            <th>{b.result?.total ?? 'unfinished'}</th>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
