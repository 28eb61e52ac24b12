import type { StateCreator } from 'zustand';
import type { ProbePose } from '../core/probe/pose';
import type { Vec3 } from '../core/math/vec3';
import type { ImagingSettings } from '../worker/protocol';
import type { SimState } from './store';

/**
 * The attempt's event log: every meaningful input with its time. Later issues replay it through
 * the same reducer; for now it records case loads, probe poses and imaging settings.
 */
export type AttemptEvent =
  | { tMs: number; kind: 'case-loaded'; caseId: string; side: 'left' | 'right'; seed: number }
  | { tMs: number; kind: 'probe-pose'; pose: ProbePose }
  | { tMs: number; kind: 'imaging'; settings: ImagingSettings }
  | { tMs: number; kind: 'needle-inserted'; entry: Vec3; direction: Vec3 }
  | { tMs: number; kind: 'needle-advanced'; mm: number; insertedMm: number }
  | { tMs: number; kind: 'injection'; ml: number; openingPressurePsi: number }
  | { tMs: number; kind: 'aspiration'; blood: boolean };

type EventBody = AttemptEvent extends infer E ? (E extends AttemptEvent ? Omit<E, 'tMs'> : never) : never;

/** Probe poses arrive at pointer rate; one sample per this interval is plenty to replay a scan. */
export const POSE_SAMPLE_INTERVAL_MS = 50;

export interface AttemptSlice {
  attemptStartedAtMs: number;
  events: AttemptEvent[];
  record: (event: EventBody) => void;
}

/** The store's clock: core never reads one, it gets times as data from here. */
export const clockMs = (): number => performance.now();

export const createAttemptSlice: StateCreator<SimState, [], [], AttemptSlice> = (set, get) => ({
  attemptStartedAtMs: clockMs(),
  events: [],
  record: (body) => {
    const tMs = Math.round(clockMs() - get().attemptStartedAtMs);
    const event = { ...body, tMs } as AttemptEvent;
    const events = get().events;
    const last = events[events.length - 1];
    // Coalesce a burst of pose samples while dragging, keeping the newest.
    if (event.kind === 'probe-pose' && last?.kind === 'probe-pose' && tMs - last.tMs < POSE_SAMPLE_INTERVAL_MS) {
      const previous = events[events.length - 2];
      if (previous?.kind === 'probe-pose' && tMs - previous.tMs < POSE_SAMPLE_INTERVAL_MS) {
        set({ events: [...events.slice(0, -1), event] });
        return;
      }
    }
    set({ events: [...events, event] });
  },
});
