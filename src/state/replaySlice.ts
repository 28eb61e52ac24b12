import type { StateCreator } from 'zustand';
import type { SessionRecord } from '../core/attempt/events';
import { scoreAttempt } from '../core/scoring/score';
import { SimError } from '../core/simError';
import { message } from '../core/message';
import type { SimState } from './store';
import { reportFor } from './probeSlice';
import type { SessionSnapshot } from '../worker/protocol';
import { mirrorSnapshot } from './sessionMirror';
import { getWorkerClient } from './workerClient';
import { clockMs } from './attemptSlice';
import type { SafetyEvent } from '../core/scoring/result';

export interface ReplayState {
  record: SessionRecord;
  /** Events applied: the state shown is after events[0 .. index-1]. */
  index: number;
  playing: boolean;
  speed: number;
  /** The safety events (scored from the log), as the number of events applied when each happened. */
  safetyMarks: { index: number; event: SafetyEvent }[];
}

export interface ReplaySlice {
  /** Set while an instructor replays a stored attempt: live input is off. */
  replay: ReplayState | null;
  openReplay: (record: SessionRecord) => Promise<void>;
  /** Shows the state after the first `index` events (scrub, step). */
  seekReplay: (index: number) => Promise<void>;
  setReplayPlaying: (playing: boolean) => Promise<void>;
  setReplaySpeed: (speed: number) => void;
  closeReplay: () => Promise<void>;
  /** Picks an unfinished attempt up exactly where it was (after a reload). */
  resumeAttempt: (record: SessionRecord) => Promise<void>;
}

/** Shows a session's snapshot: probe, settings, needle, syringe and fluid as the worker has them. */
function showSnapshot(snapshot: SessionSnapshot, get: () => SimState, set: (s: Partial<SimState>) => void) {
  const anatomy = get().anatomy;
  if (!anatomy) return;
  const imaging = snapshot.imaging ?? { ...get().imaging };
  const pose = snapshot.probe?.pose ?? get().probe?.pose;
  set({
    imaging,
    probe: snapshot.probe ?? (pose ? reportFor(anatomy, pose, imaging.depthMm, snapshot.adhesionReleased) : get().probe),
    fluidVersion: get().fluidVersion + 1,
  });
  mirrorSnapshot(snapshot, get, set);
  // Seeking back before the first injection empties the syringe's work.
  if (snapshot.fluid && !snapshot.fluid.measures) set({ fluidMeasures: null, fluidSurface: null });
}

let playTimer: ReturnType<typeof setTimeout> | null = null;
/**
 * Playing follows the attempt's own clock: at this wall-clock moment the replay stood at this
 * attempt time. Events due by now are applied at once (a slow step skips the ones it overran
 * rather than slowing the whole replay), the next is awaited for as long as it took in the attempt.
 */
let playAnchor: { wallMs: number; attemptMs: number } | null = null;

const shownAtMs = (replay: ReplayState): number => replay.record.events[Math.max(0, replay.index - 1)]?.tMs ?? 0;

export const createReplaySlice: StateCreator<SimState, [], [], ReplaySlice> = (set, get) => {
  const caseOf = (record: SessionRecord) => ({ caseId: record.caseId, side: record.side, seed: record.seed });
  /** The replay session's state after `index` events, from its nearest checkpoint. */
  const showSeek = async (index: number) => {
    const snapshot = await getWorkerClient().call('seek', { session: 'replay', index });
    // A later seek may have overtaken this one.
    if (get().replay?.index === index) showSnapshot(snapshot, get, set);
  };
  const anchorNow = () => {
    const replay = get().replay;
    playAnchor = replay ? { wallMs: clockMs(), attemptMs: shownAtMs(replay) } : null;
  };
  const showIndex = async (index: number) => {
    const replay = get().replay;
    if (!replay) return;
    const clamped = Math.max(1, Math.min(replay.record.events.length, Math.round(index)));
    set({ replay: { ...replay, index: clamped } });
    await showSeek(clamped);
  };
  const scheduleNext = () => {
    if (playTimer) clearTimeout(playTimer);
    const replay = get().replay;
    if (!replay?.playing) return;
    const events = replay.record.events;
    if (replay.index >= events.length) {
      set({ replay: { ...replay, playing: false } });
      return;
    }
    if (!playAnchor) anchorNow();
    const attemptNowMs = playAnchor!.attemptMs + (clockMs() - playAnchor!.wallMs) * replay.speed;
    let due = replay.index;
    while (due < events.length && events[due].tMs <= attemptNowMs) due++;
    if (due > replay.index) {
      void showIndex(due).then(scheduleNext);
      return;
    }
    playTimer = setTimeout(scheduleNext, Math.max(0, (events[replay.index].tMs - attemptNowMs) / replay.speed));
  };
  return {
    replay: null,
    openReplay: async (record) => {
      set({ replay: { record, index: 0, playing: false, speed: 1, safetyMarks: [] }, page: 'simulator' });
      await get().loadCase(caseOf(record));
      // One replay session in the worker: scored once, then each seek starts from its nearest checkpoint.
      const worker = getWorkerClient();
      const { facts } = await worker.call('open', { session: 'replay', mode: record.mode, events: record.events });
      if (!facts) throw new SimError('invalid-import', message('error.import.noCaseEvent'));
      await worker.call('show', { session: 'replay' });
      const result = scoreAttempt(facts);
      const safetyMarks = result.safetyEvents.map((e) => {
        const at = record.events.findIndex((ev) => ev.tMs >= e.tMs);
        return { index: (at < 0 ? record.events.length - 1 : at) + 1, event: e };
      });
      const replay = get().replay;
      if (replay) set({ replay: { ...replay, safetyMarks } });
      await get().seekReplay(1);
    },
    seekReplay: async (index) => {
      const replay = get().replay;
      if (!replay) return;
      const clamped = Math.max(1, Math.min(replay.record.events.length, Math.round(index)));
      set({ replay: { ...replay, index: clamped } });
      await showSeek(clamped);
      // A seek while playing plays on from there, on the attempt's clock.
      if (get().replay?.playing) {
        anchorNow();
        scheduleNext();
      }
    },
    setReplayPlaying: async (playing) => {
      const replay = get().replay;
      if (!replay) return;
      // Play at the end starts again from the first event.
      if (playing && replay.index >= replay.record.events.length) await get().seekReplay(1);
      const now = get().replay;
      if (!now) return;
      set({ replay: { ...now, playing } });
      anchorNow();
      scheduleNext();
    },
    setReplaySpeed: (speed) => {
      const replay = get().replay;
      if (!replay) return;
      // The new speed runs from where the replay's clock stands now.
      if (replay.playing && playAnchor) playAnchor = { wallMs: clockMs(), attemptMs: playAnchor.attemptMs + (clockMs() - playAnchor.wallMs) * replay.speed };
      set({ replay: { ...replay, speed } });
    },
    closeReplay: async () => {
      if (playTimer) clearTimeout(playTimer);
      playAnchor = null;
      set({ replay: null, page: 'review' });
      await getWorkerClient().call('close', { session: 'replay' });
      await get().loadCase({ caseId: get().caseId });
    },
    resumeAttempt: async (record) => {
      await get().loadCase(caseOf(record));
      // The fresh attempt's own first events (its case, the start pose) are answered before the
      // record replaces them: answered later, they were appended to the resumed log.
      await get().settled();
      const last = record.events.at(-1)?.tMs ?? 0;
      set({
        session: { id: record.id, trainee: record.trainee, mode: record.mode, startedAt: record.startedAt },
        events: [...record.events],
        attemptStartedAtMs: clockMs() - last - 1,
        finished: false,
      });
      // The live session is rebuilt from the record, in the record's mode.
      const { snapshot } = await getWorkerClient().call('open', { session: 'live', mode: record.mode, events: record.events });
      set({ lastSnapshot: snapshot, checklist: snapshot.checklist });
      showSnapshot(snapshot, get, set);
    },
  };
};
