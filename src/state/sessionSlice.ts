import { storageProblemOf } from './said';
import type { StateCreator } from 'zustand';
import { type SessionRecord, SESSION_SCHEMA_VERSION } from '../core/attempt/events';
import type { AttemptFacts } from '../core/attempt/facts';
import type { AttemptResult } from '../core/scoring/result';
import type { ChecklistItem } from '../worker/protocol';
import { scoreAttempt } from '../core/scoring/score';
import { SimError } from '../core/simError';
import { message, type Message } from '../core/message';
import type { SimState } from './store';
import { getWorkerClient } from './workerClient';
import { attemptStore } from './attemptStorage';
import { replayedSavedImages } from './replayImages';
import type { Said } from './said';

/** What the debrief page shows: the attempt, its score and the facts behind it. */
export interface Debrief {
  record: SessionRecord;
  result: AttemptResult;
  facts: AttemptFacts;
  /** Images the trainee saved, as PNG data URLs by image id (live attempts only). */
  images: Record<string, string>;
}

export type Page = 'simulator' | 'debrief' | 'review';

export interface SessionSlice {
  page: Page;
  debrief: Debrief | null;
  /** The trainee's saved frames this attempt (PNG data URLs by id). */
  savedImages: Record<string, string>;
  /** Last storage problem (full disk, blocked store), shown to the user until dismissed. */
  storageProblem: Said | null;
  /** The last storage problem was a full disk (quota): the notice offers export-all. */
  storageFull: boolean;
  /** Guided practice: the rubric's items as the live session scored them (the self-ticking checklist; read it through checklistSteps). */
  checklist: ChecklistItem[] | null;
  /** Guided practice: the coach's last word on a typical novice error (a key and values: the UI words it). */
  coaching: Message | null;
  /** The simulation worker stopped and was restarted with the attempt rebuilt: said to the trainee until dismissed. */
  workerRecovered: boolean;
  setPage: (page: Page) => void;
  /** The attempt so far as stored and exported. */
  sessionRecord: () => SessionRecord;
  /** Logs a saved frame (the image on screen) and returns its id. */
  saveImage: (pngDataUrl: string | null) => Promise<string>;
  /** Ends the attempt: scores it from its events and final state, stores it, opens the debrief. */
  finishAttempt: () => Promise<AttemptResult>;
  /** Records the trainee's answer to a clinical-reasoning question, with the attempt (and stores it). */
  answerReasoning: (questionId: string, answer: string) => Promise<void>;
  /** Rescores any stored log through a fresh reducer in the worker (import, review). */
  rescore: (record: SessionRecord) => Promise<{ result: AttemptResult; facts: AttemptFacts }>;
  /**
   * The review page's debrief of a stored attempt: its knee rebuilt, its log rescored, its saved
   * images made again, its final fluid drawn for the cross-sections, then the debrief page.
   */
  openStoredDebrief: (record: SessionRecord) => Promise<Debrief>;
}

export const createSessionSlice: StateCreator<SimState, [], [], SessionSlice> = (set, get) => ({
  page: 'simulator',
  debrief: null,
  savedImages: {},
  storageProblem: null,
  storageFull: false,
  checklist: null,
  coaching: null,
  workerRecovered: false,
  setPage: (page) => set({ page }),
  sessionRecord: () => {
    const { session, events, parameters, caseId } = get();
    const loaded = events.find((e) => e.kind === 'case-loaded');
    return {
      schemaVersion: SESSION_SCHEMA_VERSION,
      id: session.id,
      caseId: loaded?.kind === 'case-loaded' ? loaded.caseId : caseId,
      side: parameters.side,
      seed: loaded?.kind === 'case-loaded' ? loaded.seed : 1,
      trainee: session.trainee,
      mode: session.mode,
      startedAt: session.startedAt,
      events: [...events],
    };
  },
  saveImage: async (pngDataUrl) => {
    if (get().buildStatus !== 'ready' || !get().probe) throw new SimError('not-ready', message('error.notReady.noImage'));
    if (get().finished) throw new SimError('invalid-argument', message('error.attempt.finished'));
    const imageId = `image-${get().events.filter((e) => e.kind === 'image-saved').length + 1}`;
    if (pngDataUrl) set({ savedImages: { ...get().savedImages, [imageId]: pngDataUrl } });
    await get().record({ kind: 'image-saved', imageId });
    return imageId;
  },
  finishAttempt: async () => {
    if (get().buildStatus !== 'ready') throw new SimError('not-ready', message('error.notReady.nothingToFinish'));
    if (get().finished && get().debrief) return get().debrief!.result;
    await get().record({ kind: 'finished' });
    const facts = await getWorkerClient().call('facts', { session: 'live' });
    if (!facts) throw new SimError('not-ready', message('error.notReady.noCaseLoaded'));
    const result = scoreAttempt(facts);
    const record = get().sessionRecord();
    set({ finished: true, debrief: { record, result, facts, images: get().savedImages }, page: 'debrief' });
    try {
      await (await attemptStore()).save(record, result, facts.fluid);
    } catch (error) {
      set(storageProblemOf(error));
    }
    // To the programme's LRS (configured, or a cmi5 launch), loaded only now: no LRS code on first load.
    void import('../lrs/programme').then((lrs) => lrs.reportInBackground(record, result));
    return result;
  },
  answerReasoning: async (questionId, answer) => {
    const debrief = get().debrief;
    if (!debrief) throw new SimError('invalid-argument', message('error.attempt.noDebrief'));
    const others = (debrief.record.reasoning ?? []).filter((a) => a.questionId !== questionId);
    const record = { ...debrief.record, reasoning: [...others, { questionId, answer }] };
    set({ debrief: { ...debrief, record } });
    try {
      await (await attemptStore()).save(record);
    } catch (error) {
      set(storageProblemOf(error));
    }
  },
  rescore: async (record) => {
    const worker = getWorkerClient();
    const { facts } = await worker.call('open', { session: 'review', mode: record.mode, events: record.events });
    await worker.call('close', { session: 'review' });
    if (!facts) throw new SimError('invalid-import', message('error.import.noCaseEvent'));
    return { result: scoreAttempt(facts), facts };
  },
  openStoredDebrief: async (record) => {
    await get().loadCase({ caseId: record.caseId, side: record.side, seed: record.seed });
    // One review session for the whole debrief: scored from its log, sought to each saved image,
    // then left at its end and shown, so the cross-sections draw the attempt's final fluid.
    const worker = getWorkerClient();
    const { facts } = await worker.call('open', { session: 'review', mode: record.mode, events: record.events });
    if (!facts) {
      await worker.call('close', { session: 'review' });
      throw new SimError('invalid-import', message('error.import.noCaseEvent'));
    }
    const result = scoreAttempt(facts);
    await worker.call('show', { session: 'review' });
    const images = get().anatomy ? await replayedSavedImages(record, get().imaging) : {};
    await worker.call('seek', { session: 'review', index: record.events.length });
    const debrief: Debrief = { record, result, facts, images };
    set({ debrief, page: 'debrief', finished: true });
    return debrief;
  },
});
