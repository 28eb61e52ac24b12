import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSimStore } from '../state/store';
import { listAttempts, storedAttempt, exportAttemptJson, exportCsv, exportXapi, importAttemptJson, download } from '../state/attemptLibrary';
import type { AttemptSummary } from '../storage/storedAttempt';
import { findCase, cases } from '../core/cases/cases';
import { LearningCurveChart } from './LearningCurveChart';
import { replayedSavedImages } from '../state/replayImages';
import { getWorkerClient } from '../state/workerClient';
import { CompareAttempts } from './CompareAttempts';

type SortKey = 'date' | 'score' | 'trainee';

/** The instructor's view: every stored attempt, filtered and sorted; debrief, replay, export, import, progress. */
export function ReviewPage() {
  const [attempts, setAttempts] = useState<AttemptSummary[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [trainee, setTrainee] = useState('');
  const [caseId, setCaseId] = useState('');
  const [mode, setMode] = useState('');
  const [sort, setSort] = useState<SortKey>('date');
  const [compare, setCompare] = useState<string[]>([]);
  const st = useSimStore.getState;
  const refresh = useCallback(() => {
    listAttempts().then(setAttempts, (e: unknown) => setMessage(e instanceof Error ? e.message : String(e)));
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
  const trainees = [...new Set((attempts ?? []).map((a) => a.trainee))].sort();
  const act = (what: () => Promise<unknown>) => void what().catch((e: unknown) => setMessage(e instanceof Error ? e.message : String(e)));
  const openDebrief = (id: string) =>
    act(async () => {
      const stored = await storedAttempt(id);
      const { record } = stored;
      await st().loadCase({ caseId: record.caseId, side: record.side, seed: record.seed });
      const { result, facts } = await st().rescore(record);
      const anatomy = st().anatomy;
      const images = anatomy ? await replayedSavedImages(record, anatomy, st().imaging) : {};
      // The cross-sections show this attempt's final fluid: the worker draws its replay.
      await getWorkerClient().replay(record.events, record.mode, true);
      useSimStore.setState({ debrief: { record, result, facts, images }, page: 'debrief', finished: true });
    });
  const onImport = (file: File) =>
    act(async () => {
      const report = await importAttemptJson(await file.text());
      setMessage(`Imported ${report.imported.length}; ${report.duplicates.length} already here; ${report.altered.length} marked altered (stored score did not match the events).`);
      refresh();
    });
  return (
    <div className="page review" data-testid="review">
      <header className="page-header">
        <h2>Attempts</h2>
        <div className="button-row">
          <button type="button" onClick={() => st().setPage('simulator')}>
            Back to the simulator
          </button>
          <button type="button" data-testid="export-all" onClick={() => act(async () => download('cpn-attempts.json', await exportAttemptJson('all')))}>
            Export all (JSON)
          </button>
          <button type="button" data-testid="export-csv" onClick={() => act(async () => download('cpn-attempts.csv', await exportCsv(), 'text/csv'))}>
            Summary (CSV)
          </button>
          <label className="file-button">
            Import…
            <input type="file" accept=".json,application/json" data-testid="import-file" onChange={(e) => e.target.files?.[0] && onImport(e.target.files[0])} />
          </label>
        </div>
      </header>
      {message && (
        <p className="notice" role="status" data-testid="review-message">
          {message}
        </p>
      )}
      <div className="filters">
        <label>
          Trainee{' '}
          <select value={trainee} data-testid="filter-trainee" onChange={(e) => setTrainee(e.target.value)}>
            <option value="">all</option>
            {trainees.map((t) => (
              <option key={t} value={t}>
                {t || '(unnamed)'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Case{' '}
          <select value={caseId} onChange={(e) => setCaseId(e.target.value)}>
            <option value="">all</option>
            {cases.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Mode{' '}
          <select value={mode} onChange={(e) => setMode(e.target.value)}>
            <option value="">all</option>
            <option value="guided">guided</option>
            <option value="assessment">assessment</option>
          </select>
        </label>
        <label>
          Sort{' '}
          <select value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
            <option value="date">newest first</option>
            <option value="score">best score first</option>
            <option value="trainee">trainee</option>
          </select>
        </label>
      </div>
      {attempts === null ? (
        <p className="hint">Reading the stored attempts…</p>
      ) : shown.length === 0 ? (
        <p className="hint">No attempts stored yet in this browser.</p>
      ) : (
        <table className="attempts" data-testid="attempts-table">
          <thead>
            <tr>
              <th>Compare</th>
              <th>Trainee</th>
              <th>Case</th>
              <th>Date</th>
              <th>Mode</th>
              <th>Score</th>
              <th>Critical events</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {shown.map((a) => (
              <tr key={a.id} data-testid="attempt-row" data-attempt-id={a.id}>
                <td>
                  <input type="checkbox" aria-label="Compare" checked={compare.includes(a.id)} onChange={(e) => setCompare(e.target.checked ? [...compare, a.id].slice(-2) : compare.filter((c) => c !== a.id))} />
                </td>
                <td>{a.trainee || '(unnamed)'}</td>
                <td>{findCase(a.caseId)?.title ?? a.caseId}</td>
                <td>{new Date(a.startedAt).toLocaleString()}</td>
                <td>{a.mode}</td>
                <td data-testid="attempt-score">
                  {a.total === null ? 'unfinished' : a.total}
                  {a.altered && <span className="altered" data-testid="altered-flag" title="The imported file's score did not match its events"> altered</span>}
                </td>
                <td className="critical">{a.criticalEvents.join(', ')}</td>
                <td className="row-actions">
                  <button type="button" data-testid="open-debrief" onClick={() => openDebrief(a.id)}>
                    Debrief
                  </button>
                  <button type="button" data-testid="open-replay" onClick={() => act(async () => st().openReplay((await storedAttempt(a.id)).record))}>
                    Replay
                  </button>
                  <button type="button" onClick={() => act(async () => download(`attempt-${a.id}.json`, await exportAttemptJson([a.id])))}>
                    Export
                  </button>
                  <button type="button" onClick={() => act(async () => download(`attempt-${a.id}.xapi.json`, await exportXapi(a.id)))}>
                    xAPI
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {compare.length === 2 && <CompareAttempts ids={compare} />}
      {trainee !== '' && <LearningCurveChart attempts={(attempts ?? []).filter((a) => a.trainee === trainee && a.total !== null)} />}
      {trainee === '' && attempts && attempts.length > 0 && <p className="hint">Choose a trainee to see the learning curve.</p>}
    </div>
  );
}
