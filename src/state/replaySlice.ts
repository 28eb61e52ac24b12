import type { StateCreator } from 'zustand';
import type { SessionRecord, AttemptEvent } from '../core/attempt/events';
import { AttemptSimulation } from '../core/attempt/simulation';
import { defaultScannerSettings } from '../core/ultrasound/scannerSettings';
import type { SimState } from './store';
import type { NeedleReport } from './needleSlice';
import { SYRINGE_ML } from './needleSlice';
import { reportFor } from './probeSlice';
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

/**
 * Applies a log on the main thread (probe and needle: no voxels here) with the same reducer the
 * worker runs, and puts the result in the store; the worker's copy supplies the fluid.
 */
async function showStateAfter(events: AttemptEvent[], record: SessionRecord, get: () => SimState, set: (s: Partial<SimState>) => void, asLive: boolean) {
  const anatomy = get().anatomy;
  if (!anatomy) return;
  const sim = new AttemptSimulation(() => ({ knee: anatomy, volume: null }), record.mode);
  const contacts: NeedleReport['contacts'] = [];
  for (const e of events) {
    const outcome = sim.apply(e);
    for (const c of outcome.needle?.contacts ?? []) contacts.push({ kind: c.kind, insertedMm: c.insertedMm, structure: c.structure });
  }
  const imaging = sim.imaging ?? { ...get().imaging };
  const { fluid } = await getWorkerClient().replay(events, record.mode, true, asLive);
  const pose = sim.probe ?? get().probe?.pose;
  set({
    imaging,
    probe: pose ? reportFor(anatomy, pose, imaging.depthMm ?? defaultScannerSettings.depthMm) : get().probe,
    needle: sim.needle,
    needleReport: null,
    syringeMl: SYRINGE_ML - sim.injectedMl,
    fluidMeasures: fluid.measures,
    fluidSurface: fluid.surface,
    adhesionReleased: fluid.adhesionReleased,
    fluidVersion: get().fluidVersion + 1,
  });
  if (sim.needle) {
    set({ needleReport: { tip: { x: 0, y: 0, z: 0 }, tissueAtTip: sim.tissueAtTip ?? 'outside', inPlane: false, tipVisible: false, angleToBeamDeg: 0, contacts } });
    get().refreshNeedleReport();
  }
}

let playTimer: ReturnType<typeof setTimeout> | null = null;

export const createReplaySlice: StateCreator<SimState, [], [], ReplaySlice> = (set, get) => {
  const caseOf = (record: SessionRecord) => ({ caseId: record.caseId, side: record.side, seed: record.seed });
  const scheduleNext = () => {
    if (playTimer) clearTimeout(playTimer);
    const replay = get().replay;
    if (!replay?.playing) return;
    if (replay.index >= replay.record.events.length) {
      set({ replay: { ...replay, playing: false } });
      return;
    }
    const now = replay.record.events[Math.max(0, replay.index - 1)].tMs;
    const next = replay.record.events[replay.index].tMs;
    playTimer = setTimeout(() => {
      void get().seekReplay(replay.index + 1).then(scheduleNext);
    }, Math.min(2000, Math.max(0, (next - now) / replay.speed)));
  };
  return {
    replay: null,
    openReplay: async (record) => {
      set({ replay: { record, index: 0, playing: false, speed: 1, safetyMarks: [] }, page: 'simulator' });
      await get().loadCase(caseOf(record));
      const { result } = await get().rescore(record);
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
      await showStateAfter(replay.record.events.slice(0, clamped), replay.record, get, set, false);
    },
    setReplayPlaying: async (playing) => {
      const replay = get().replay;
      if (!replay) return;
      // Play at the end starts again from the first event.
      if (playing && replay.index >= replay.record.events.length) await get().seekReplay(1);
      const now = get().replay;
      if (!now) return;
      set({ replay: { ...now, playing } });
      scheduleNext();
    },
    setReplaySpeed: (speed) => {
      const replay = get().replay;
      if (replay) set({ replay: { ...replay, speed } });
    },
    closeReplay: async () => {
      if (playTimer) clearTimeout(playTimer);
      set({ replay: null, page: 'review' });
      await get().loadCase({ caseId: get().caseId });
    },
    resumeAttempt: async (record) => {
      await get().loadCase(caseOf(record));
      const last = record.events.at(-1)?.tMs ?? 0;
      set({
        session: { id: record.id, trainee: record.trainee, mode: record.mode, startedAt: record.startedAt },
        events: [...record.events],
        attemptStartedAtMs: clockMs() - last - 1,
        finished: false,
      });
      await showStateAfter(record.events, record, get, set, true);
    },
  };
};
