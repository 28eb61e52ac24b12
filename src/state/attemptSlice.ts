import type { StateCreator } from 'zustand';
import type { AttemptEvent, AttemptEventBody, AttemptMode } from '../core/attempt/events';
import type { SimState } from './store';
import { getWorkerClient } from './workerClient';
import type { AppliedEvent, SessionSnapshot } from '../worker/protocol';
import { SimError } from '../core/simError';
import { message } from '../core/message';
import { mirrorApplied } from './sessionMirror';
import { useStorageStatus } from './attemptStorage';

export type { AttemptEvent };

/** Probe poses arrive at pointer rate; one sample per this interval is plenty to replay a scan. */
export const POSE_SAMPLE_INTERVAL_MS = 50;

/** Who is practising, in which mode, since when: stored with the events. */
export interface AttemptSession {
  /** Stable id of this attempt (storage key; import uses it against duplicates). */
  id: string;
  trainee: string;
  mode: AttemptMode;
  /** ISO time the attempt began. */
  startedAt: string;
}

export interface AttemptSlice {
  session: AttemptSession;
  attemptStartedAtMs: number;
  /** The attempt's log: exactly the events the worker's session accepted, in order. */
  events: AttemptEvent[];
  /** The attempt was finished (scored); later inputs start nothing new until a new attempt. */
  finished: boolean;
  /**
   * Stamps the event with the store's clock and sends it to the worker's live session; once the
   * session accepts it, logs it and mirrors the snapshot (a refusal rejects with its SimError and
   * changes nothing). Probe poses are sampled: one that waits resolves with null.
   */
  record: (event: AttemptEventBody, options?: { throttleFluid?: boolean }) => Promise<AppliedEvent | null>;
  /** Resolves once every input made so far has been answered by the worker (a waiting pose is sent first). */
  settled: () => Promise<void>;
  /** The live session's snapshot as last mirrored. */
  lastSnapshot: SessionSnapshot | null;
  setTrainee: (name: string) => void;
  setMode: (mode: AttemptMode) => void;
}

/**
 * Whether the trainee has done anything scoring reads: any event but the case loading, imaging
 * settings and the probe's start pose (placed by the app, not the trainee).
 */
export function hasScoredEvent(events: readonly AttemptEvent[]): boolean {
  let poses = 0;
  for (const e of events) {
    if (e.kind === 'case-loaded' || e.kind === 'imaging') continue;
    if (e.kind === 'probe-pose' && poses++ === 0) continue;
    return true;
  }
  return false;
}

/** The store's clock: core never reads one, it gets times as data from here. */
export const clockMs = (): number => performance.now();

export const newAttemptId = (): string => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `attempt-${Date.now()}-${Math.round(Math.random() * 1e9)}`);

export const newSession = (trainee: string, mode: AttemptMode): AttemptSession => ({ id: newAttemptId(), trainee, mode, startedAt: new Date().toISOString() });

const TRAINEE_KEY = 'cpn-trainer.trainee';
export const rememberedTrainee = (): string => {
  try {
    return localStorage.getItem(TRAINEE_KEY) ?? '';
  } catch {
    return '';
  }
};

export const createAttemptSlice: StateCreator<SimState, [], [], AttemptSlice> = (set, get) => {
  // A pose arriving sooner than the sample interval after the last waits; the newest waiting one
  // is logged when the interval has passed, so the resting pose after a drag is never lost.
  let lastPoseMs = -Infinity;
  let waitingPose: AttemptEventBody | null = null;
  let waitingTimer: ReturnType<typeof setTimeout> | null = null;

  /** The answers still owed, in order: settled() waits on the last. */
  let tail: Promise<unknown> = Promise.resolve();

  const append = (body: AttemptEventBody, throttleFluid = false): Promise<AppliedEvent> => {
    const tMs = Math.round(clockMs() - get().attemptStartedAtMs);
    const event = { ...body, tMs } as AttemptEvent;
    const generation = get().generation;
    const answered = getWorkerClient()
      .call('event', { session: 'live', event, throttleFluid })
      .then((applied) => {
        // A case loaded since: this answer belongs to an attempt that is gone.
        if (get().generation !== generation) return applied;
        if (applied.refused) throw new SimError(applied.refused.code, applied.refused.said);
        const before = get().lastSnapshot;
        set({ events: [...get().events, event], lastSnapshot: applied.snapshot });
        mirrorApplied(applied, get, set, before);
        return applied;
      });
    tail = answered.catch(() => undefined);
    return answered;
  };

  const flushPose = () => {
    waitingTimer = null;
    if (!waitingPose) return;
    const pose = waitingPose;
    waitingPose = null;
    lastPoseMs = clockMs();
    append(pose).catch(() => undefined);
  };

  return {
    session: newSession(rememberedTrainee(), 'guided'),
    attemptStartedAtMs: clockMs(),
    events: [],
    finished: false,
    lastSnapshot: null,
    settled: async () => {
      if (waitingPose) {
        if (waitingTimer) clearTimeout(waitingTimer);
        flushPose();
      }
      await tail;
    },
    record: (body, options = {}) => {
      // A replay shows a stored log: nothing done meanwhile belongs to any attempt.
      if (get().replay) return Promise.reject(new SimError('replaying', message('error.replaying')));
      // Another tab took this attempt over: this one keeps showing it but adds nothing more (a new
      // attempt, which starts with its case, is this tab's own again).
      if (body.kind !== 'case-loaded' && useStorageStatus.getState().handedOver === get().session.id) {
        return Promise.reject(new SimError('handed-over', message('error.handedOver')));
      }
      if (body.kind === 'case-loaded') {
        lastPoseMs = -Infinity;
        waitingPose = null;
      }
      if (body.kind === 'probe-pose') {
        const now = clockMs();
        if (now - lastPoseMs < POSE_SAMPLE_INTERVAL_MS) {
          waitingPose = body;
          waitingTimer ??= setTimeout(flushPose, POSE_SAMPLE_INTERVAL_MS - (now - lastPoseMs));
          return Promise.resolve(null);
        }
        lastPoseMs = now;
        waitingPose = null;
        if (waitingTimer) clearTimeout(waitingTimer);
        waitingTimer = null;
        return append(body);
      }
      // Any other input comes after the pose it was made at.
      if (waitingPose) {
        if (waitingTimer) clearTimeout(waitingTimer);
        flushPose();
      }
      return append(body, options.throttleFluid ?? false);
    },
    setTrainee: (name) => {
      const trainee = name.trim().slice(0, 80);
      try {
        localStorage.setItem(TRAINEE_KEY, trainee);
      } catch {
        // Private browsing: the name is still kept with this attempt.
      }
      set({ session: { ...get().session, trainee } });
    },
    setMode: (mode) => {
      if (mode === get().session.mode) return;
      if (get().replay) throw new SimError('replaying', message('error.replaying'));
      set({ session: { ...get().session, mode } });
      if (hasScoredEvent(get().events)) {
        // The mode is part of what is scored: a switch after the trainee began is a new attempt.
        const { caseId, parameters } = get();
        const loaded = get().events.find((e) => e.kind === 'case-loaded');
        void get()
          .loadCase({ caseId, side: parameters.side, seed: loaded?.kind === 'case-loaded' ? loaded.seed : undefined })
          .catch(() => undefined);
        return;
      }
      // Nothing scored yet: the same attempt, its session reopened in the new mode.
      getWorkerClient()
        .call('mode', { session: 'live', mode })
        .then((snapshot) => set({ checklist: snapshot.checklist }))
        .catch(() => undefined);
    },
  };
};
