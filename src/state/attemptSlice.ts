import type { StateCreator } from 'zustand';
import type { AttemptEvent, AttemptEventBody, AttemptMode } from '../core/attempt/events';
import type { SimState } from './store';
import { getWorkerClient } from './workerClient';
import type { AppliedEvent } from '../worker/client';

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
  /** The attempt's log: exactly the events the worker's reducer has been fed, in order. */
  events: AttemptEvent[];
  /** The attempt was finished (scored); later inputs start nothing new until a new attempt. */
  finished: boolean;
  /** Stamps the event with the store's clock, logs it and feeds it to the worker's reducer. */
  record: (event: AttemptEventBody, options?: { throttleFluid?: boolean }) => Promise<AppliedEvent>;
  setTrainee: (name: string) => void;
  setMode: (mode: AttemptMode) => void;
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

  const append = (body: AttemptEventBody, throttleFluid = false): Promise<AppliedEvent> => {
    const tMs = Math.round(clockMs() - get().attemptStartedAtMs);
    const event = { ...body, tMs } as AttemptEvent;
    set({ events: [...get().events, event] });
    return getWorkerClient().applyEvent(event, get().session.mode, throttleFluid);
  };

  const flushPose = () => {
    waitingTimer = null;
    if (!waitingPose) return;
    const pose = waitingPose;
    waitingPose = null;
    lastPoseMs = clockMs();
    void append(pose);
  };

  return {
    session: newSession(rememberedTrainee(), 'guided'),
    attemptStartedAtMs: clockMs(),
    events: [],
    finished: false,
    record: (body, options = {}) => {
      // A replay shows a stored log: nothing done meanwhile belongs to any attempt.
      if (get().replay) return Promise.resolve({ refused: 'replaying', injection: null, fluid: null });
      if (body.kind === 'case-loaded') {
        lastPoseMs = -Infinity;
        waitingPose = null;
      }
      if (body.kind === 'probe-pose') {
        const now = clockMs();
        if (now - lastPoseMs < POSE_SAMPLE_INTERVAL_MS) {
          waitingPose = body;
          waitingTimer ??= setTimeout(flushPose, POSE_SAMPLE_INTERVAL_MS - (now - lastPoseMs));
          return Promise.resolve({ refused: null, injection: null, fluid: null });
        }
        lastPoseMs = now;
        waitingPose = null;
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
    setMode: (mode) => set({ session: { ...get().session, mode } }),
  };
};
