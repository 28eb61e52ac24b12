import type { ExchangedAttempt, ImportProgress, ImportReport } from '../storage/exchange';
import { IMPORT_LIMITS } from '../storage/importLimits';
import { SimError, type SimErrorCode } from '../core/simError';
import { message, type Message } from '../core/message';
import { inBoth } from '../i18n';
import type { Said } from './said';
import { attemptStore, useStorageStatus } from './attemptStorage';
import { useSimStore } from './store';

/** Reads and checks the file in a worker (a large file takes seconds); in place where there are no workers. */
async function parseOffMainThread(json: string): Promise<{ attempts: ExchangedAttempt[] }> {
  if (typeof Worker === 'undefined') return (await import('../storage/exchange')).parseImport(json);
  const worker = new Worker(new URL('../storage/importParser.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await new Promise((resolve, reject) => {
      worker.onmessage = (
        message: MessageEvent<{ ok: true; attempts: ExchangedAttempt[] } | { ok: false; code: SimErrorCode | null; said: Message }>,
      ) => {
        const answer = message.data;
        if (answer.ok) resolve({ attempts: answer.attempts });
        else reject(new SimError(answer.code ?? 'invalid-import', answer.said));
      };
      worker.onerror = (event) => reject(new SimError('invalid-import', message('error.import.readerFailed', { detail: String(event.message) })));
      worker.postMessage({ json, nowMs: Date.now() });
    });
  } finally {
    worker.terminate();
  }
}

const progressSaid = (progress: ImportProgress): Said =>
  progress.stage === 'reading'
    ? inBoth('review.importReading')
    : progress.stage === 'rescoring'
      ? inBoth('review.importRescoring', { done: progress.done + 1, total: progress.total })
      : inBoth('review.importWriting', { total: progress.total });

/**
 * Imports an attempts file's text: read and checked off the main thread, each attempt rescored in the
 * simulation worker, all written in one transaction. Progress is shown under Attempts meanwhile.
 */
export async function importAttemptText(json: string): Promise<ImportReport> {
  if (typeof json !== 'string') throw new SimError('invalid-import', message('error.import.notText'));
  const store = await attemptStore();
  const { importAttempts } = await import('../storage/exchange');
  try {
    return await importAttempts(
      store,
      json,
      async (record) => {
        const { result, facts } = await useSimStore.getState().rescore(record);
        return { result, fluid: facts.fluid };
      },
      { parse: parseOffMainThread, onProgress: (progress) => useStorageStatus.setState({ importProgress: progressSaid(progress) }) },
    );
  } finally {
    useStorageStatus.setState({ importProgress: null });
  }
}

/** Imports a chosen file, refusing one over the size limit before reading it. */
export async function importAttemptFile(file: File): Promise<ImportReport> {
  if (file.size > IMPORT_LIMITS.fileBytes) {
    // The exchange's own refusal (storage/exchange.ts), before the file is read: its key, so both languages word it.
    throw new SimError('invalid-import', message('error.import.tooLarge', { mb: Math.round(IMPORT_LIMITS.fileBytes / (1024 * 1024)) }));
  }
  return importAttemptText(await file.text());
}

/** What the attempts list says after an import, in both languages. */
export function importReportSaid(report: ImportReport): Said {
  const counts = inBoth('review.imported', { imported: report.imported.length, duplicates: report.duplicates.length, altered: report.altered.length });
  if (report.renamed.length === 0) return counts;
  const renamed = inBoth('review.importedRenamed', { count: report.renamed.length });
  return { en: `${counts.en} ${renamed.en}`, zh: `${counts.zh}${renamed.zh}` };
}
