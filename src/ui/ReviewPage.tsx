import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSimStore } from '../state/store';
import { listAttempts, storedAttempt, removeAttempt as removeStoredAttempt, exportAttemptJson, exportCsv, exportXapi, download } from '../state/attemptLibrary';
import type { AttemptSummary } from '../storage/storedAttempt';
import { findCase, cases } from '../core/cases/cases';
import { LearningCurveChart } from './LearningCurveChart';
import { CompareAttempts } from './CompareAttempts';
import { ReviewTabs, ProgrammeTabPanel, type ReviewTab } from './ProgrammeTab';
import { useText, inBoth, type TextKey } from '../i18n';
import { errorSaid, type Said } from '../state/said';
import { importAttemptFile, importReportSaid } from '../state/attemptImport';
import { AttemptNotes, AttemptStorageBar } from './AttemptStorageBar';

type SortKey = 'date' | 'score' | 'trainee';

/** Anything slower than this shows that it is loading (quicker ones would only flicker). */
const LOADING_AFTER_MS = 200;

/** The instructor's view: every stored attempt, filtered and sorted; debrief, replay, export, import, progress. */
export function ReviewPage() {
  const [attempts, setAttempts] = useState<AttemptSummary[] | null>(null);
  const [message, setMessage] = useState<Said | null>(null);
  const [trainee, setTrainee] = useState('');
  const [caseId, setCaseId] = useState('');
  const [mode, setMode] = useState('');
  const [sort, setSort] = useState<SortKey>('date');
  const [compare, setCompare] = useState<string[]>([]);
  // What is being opened, once it has taken longer than LOADING_AFTER_MS (a quicker one shows nothing).
  const [loading, setLoading] = useState<TextKey | null>(null);
  const [tab, setTab] = useState<ReviewTab>('browser');
  const st = useSimStore.getState;
  const { t: tx, n, pick, date } = useText();
  const refresh = useCallback(() => {
    listAttempts().then(setAttempts, (e: unknown) => setMessage(errorSaid(e)));
  }, []);
  useEffect(refresh, [refresh]);
  const shown = useMemo(() => {
    const list = (attempts ?? []).filter((a) => (!trainee || a.trainee === trainee) && (!caseId || a.caseId === caseId) && (!mode || a.mode === mode));
    const by: Record<SortKey, (a: AttemptSummary, b: AttemptSummary) => number> = {
      date: (a, b) => b.startedAt.localeCompare(a.startedAt),
      score: (a, b) => (b.total ?? -1) - (a.total ?? -1),
      trainee: (a, b) => a.trainee.localeCompare(b.trainee) || b.startedAt.localeCompare(a.startedAt),
    };
    return [...list].sort(by[sort]);
  }, [attempts, trainee, caseId, mode, sort]);
  const caseTitle = (id: string) => {
    const c = findCase(id);
    return c ? pick(c.texts.title) : id;
  };
  const trainees = [...new Set((attempts ?? []).map((a) => a.trainee))].sort();
  const act = (what: () => Promise<unknown>) => void what().catch((e: unknown) => setMessage(errorSaid(e)));
  /** An action that may take a while (a debrief rescored, a replay loaded): a loading sign after 200 ms. */
  const actLoading = (label: TextKey, what: () => Promise<unknown>) => {
    const timer = setTimeout(() => setLoading(label), LOADING_AFTER_MS);
    act(() =>
      what().finally(() => {
        clearTimeout(timer);
        setLoading(null);
      }),
    );
  };
  const removeAttempt = (a: AttemptSummary) => {
    if (!window.confirm(tx('review.deleteConfirm', { trainee: a.trainee || tx('review.unnamed'), date: date(a.startedAt) }))) return;
    act(async () => {
      await removeStoredAttempt(a.id);
      setCompare((c) => c.filter((id) => id !== a.id));
      setMessage(inBoth('review.deleted'));
      refresh();
    });
  };
  const openDebrief = (id: string) =>
    actLoading('review.opening', async () => st().openStoredDebrief((await storedAttempt(id)).record));
  const onImport = (file: File) =>
    act(async () => {
      const report = await importAttemptFile(file);
      setMessage(importReportSaid(report));
      refresh();
    });
  return (
    // The page's main landmark (the simulator's is hidden meanwhile): its header is the page's, not a second banner.
    <main className="page review" data-testid="review">
      <header className="page-header">
        <h2>{tx('review.title')}</h2>
        <div className="button-row">
          <button type="button" onClick={() => st().setPage('simulator')}>
            {tx('review.back')}
          </button>
          <button type="button" data-testid="export-all" onClick={() => act(async () => download('cpn-attempts.json', await exportAttemptJson('all')))}>
            {tx('review.exportAll')}
          </button>
          <button type="button" data-testid="export-csv" onClick={() => act(async () => download('cpn-attempts.csv', await exportCsv(), 'text/csv'))}>
            {tx('review.csv')}
          </button>
          <label className="file-button">
            {tx('review.import')}
            <input type="file" accept=".json,application/json" data-testid="import-file" onChange={(e) => e.target.files?.[0] && onImport(e.target.files[0])} />
          </label>
        </div>
      </header>
      <ReviewTabs tab={tab} onTab={setTab} />
      {tab === 'programme' && <ProgrammeTabPanel />}
      <div hidden={tab === 'programme'}>
      <AttemptStorageBar />
      {loading && (
        <p className="notice loading" role="status" data-testid="loading">
          <span className="spinner" aria-hidden="true" /> {tx(loading)}
        </p>
      )}
      {message && (
        <p className="notice" role="status" data-testid="review-message">
          {pick(message)}
        </p>
      )}
      <div className="filters">
        <label>
          {tx('attempt.trainee')}{' '}
          <select value={trainee} data-testid="filter-trainee" onChange={(e) => setTrainee(e.target.value)}>
            <option value="">{tx('review.all')}</option>
            {trainees.map((t) => (
              <option key={t} value={t}>
                {t || tx('review.unnamed')}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tx('case.patient')}{' '}
          <select value={caseId} onChange={(e) => setCaseId(e.target.value)}>
            <option value="">{tx('review.all')}</option>
            {cases.map((c) => (
              <option key={c.id} value={c.id}>
                {pick(c.texts.title)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tx('attempt.mode')}{' '}
          <select value={mode} onChange={(e) => setMode(e.target.value)}>
            <option value="">{tx('review.all')}</option>
            <option value="guided">{tx('attempt.guided')}</option>
            <option value="assessment">{tx('attempt.assessment')}</option>
          </select>
        </label>
        <label>
          {tx('review.sort')}{' '}
          <select value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
            <option value="date">{tx('review.sortDate')}</option>
            <option value="score">{tx('review.sortScore')}</option>
            <option value="trainee">{tx('review.sortTrainee')}</option>
          </select>
        </label>
      </div>
      {attempts === null ? (
        <p className="hint">{tx('review.reading')}</p>
      ) : shown.length === 0 ? (
        <p className="hint">{tx('review.none')}</p>
      ) : (
        <table className="attempts" data-testid="attempts-table">
          <thead>
            <tr>
              <th>{tx('review.compare')}</th>
              <th>{tx('attempt.trainee')}</th>
              <th>{tx('case.patient')}</th>
              <th>{tx('review.date')}</th>
              <th>{tx('attempt.mode')}</th>
              <th>{tx('review.score')}</th>
              <th>{tx('review.critical')}</th>
              <th>
                <span className="sr-only">{tx('review.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((a) => (
              <tr key={a.id} data-testid="attempt-row" data-attempt-id={a.id}>
                <td>
                  <input type="checkbox" aria-label={tx('review.compare')} checked={compare.includes(a.id)} onChange={(e) => setCompare(e.target.checked ? [...compare, a.id].slice(-2) : compare.filter((c) => c !== a.id))} />
                </td>
                <td>
                  {a.trainee || tx('review.unnamed')}
                  <AttemptNotes summary={a} />
                </td>
                <td>{caseTitle(a.caseId)}</td>
                <td>{date(a.startedAt)}</td>
                <td>{tx(a.mode === 'guided' ? 'attempt.guided' : 'attempt.assessment')}</td>
                <td data-testid="attempt-score">
                  {a.total === null ? tx('review.unfinished') : n(a.total, a.total % 1 ? 1 : 0)}
                  {a.altered && <span className="altered" data-testid="altered-flag" title={tx('review.alteredTitle')}> {tx('review.altered')}</span>}
                </td>
                <td className="critical">{a.criticalEvents.map((k) => tx(`safety.${k}` as TextKey)).join(', ')}</td>
                <td className="row-actions">
                  <button type="button" data-testid="open-debrief" onClick={() => openDebrief(a.id)}>
                    {tx('review.debrief')}
                  </button>
                  <button type="button" data-testid="open-replay" onClick={() => actLoading('review.openingReplay', async () => st().openReplay((await storedAttempt(a.id)).record))}>
                    {tx('review.replay')}
                  </button>
                  <button type="button" onClick={() => act(async () => download(`attempt-${a.id}.json`, await exportAttemptJson([a.id])))}>
                    {tx('review.export')}
                  </button>
                  <button type="button" title={tx('review.xapiTitle')} onClick={() => act(async () => download(`attempt-${a.id}.xapi.json`, await exportXapi(a.id)))}>
                    {tx('review.xapi')}
                  </button>
                  <button type="button" data-testid="delete-attempt" className="danger" title={tx('review.deleteTitle')} onClick={() => removeAttempt(a)}>
                    {tx('review.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {compare.length === 2 && <CompareAttempts ids={compare} />}
      {trainee !== '' && <LearningCurveChart attempts={(attempts ?? []).filter((a) => a.trainee === trainee && a.total !== null)} />}
      {trainee === '' && attempts && attempts.length > 0 && <p className="hint">{tx('review.chooseTrainee')}</p>}
      </div>
    </main>
  );
}
