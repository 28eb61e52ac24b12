import type { ImportReport } from '../storage/exchange';
import type { AttemptSummary, StoredAttempt } from '../storage/storedAttempt';
import { SimError } from '../core/simError';
import { resultWithEnglish } from '../i18n/message';
import { message } from '../core/message';
import { attemptStore } from './attemptStorage';
import { importAttemptText } from './attemptImport';

/** The stored attempts as the instructor's list, export and import use them (UI and window.sim alike). */
export async function listAttempts(): Promise<AttemptSummary[]> {
  return (await attemptStore()).list();
}

export async function storedAttempt(id: string): Promise<StoredAttempt> {
  if (typeof id !== 'string' || id.length === 0) throw new SimError('invalid-argument', message('error.attempt.id'));
  const found = await (await attemptStore()).get(id);
  if (!found) throw new SimError('invalid-argument', message('error.attempt.unknownId', { id }));
  return found;
}

/** Deletes one stored attempt (the instructor's list asks first). */
export async function removeAttempt(id: string): Promise<void> {
  if (typeof id !== 'string' || id.length === 0) throw new SimError('invalid-argument', message('error.attempt.id'));
  await (await attemptStore()).remove(id);
}

export async function exportAttemptJson(ids: string[] | 'all'): Promise<string> {
  const store = await attemptStore();
  const chosen = ids === 'all' ? await Promise.all((await store.list()).map((s) => storedAttempt(s.id))) : await Promise.all(ids.map(storedAttempt));
  // The file carries every sentence's key and values, and its English for a reader without the app.
  // Export code (and its schemas) loads on first use, not with the simulator.
  const { exportAttempts } = await import('../storage/exchange');
  return exportAttempts(chosen.map((stored) => ({ ...stored, result: stored.result && resultWithEnglish(stored.result) })), new Date().toISOString());
}

export async function exportCsv(): Promise<string> {
  const { attemptsCsv } = await import('../storage/csv');
  return attemptsCsv(await listAttempts());
}

export async function exportXapi(id: string): Promise<string> {
  const { xapiStatements } = await import('../storage/xapi');
  return JSON.stringify(xapiStatements(await storedAttempt(id), { homePage: location.origin + location.pathname.replace(/[^/]*$/, '') }), null, 2);
}

/** Imports a file's attempts, rescoring each from its events (a stored score is only a claim). */
export async function importAttemptJson(json: string): Promise<ImportReport> {
  return importAttemptText(json);
}

/** Offers text as a file download. */
export function download(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
