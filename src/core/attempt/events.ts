import type { Vec3 } from '../math/vec3';
import type { ProbePose } from '../probe/pose';

/** Image settings the trainee turns; recorded so a replay shows the same picture. */
export interface ImagingSettings {
  /** B-mode (the scanner's picture) or the anatomy in the probe's plane (a teaching overlay). */
  mode: 'b-mode' | 'anatomy';
  depthMm: number;
  gainDb: number;
  frequencyMHz: number;
  focusMm: number;
  dynamicRangeDb: number;
  /** Time-gain compensation, five bands from skin to the bottom of the image, dB. */
  tgcDb: number[];
}

/**
 * Every meaningful input of an attempt, with its time in ms since the attempt began (given by the
 * store's clock: core never reads one). The reducer (`replay.ts`) turns a log of these into the
 * simulation's state; live play and replay feed it the same events.
 */
export type AttemptEvent =
  | { tMs: number; kind: 'case-loaded'; caseId: string; side: 'left' | 'right'; seed: number }
  | { tMs: number; kind: 'probe-pose'; pose: ProbePose }
  | { tMs: number; kind: 'imaging'; settings: ImagingSettings }
  | { tMs: number; kind: 'needle-inserted'; entry: Vec3; direction: Vec3 }
  /** Positive advances, negative withdraws (mm of shaft). */
  | { tMs: number; kind: 'needle-advanced'; mm: number }
  /** A small turn of the shaft about the skin puncture, to the new unit direction. */
  | { tMs: number; kind: 'needle-redirected'; direction: Vec3 }
  /**
   * `continuesHold`: a later step of one press-and-hold, the same injection as the step before it.
   * `rateMlPerS`: how fast the plunger went (the manometer reads more the faster); absent in older
   * logs, which read as DEFAULT_INJECTION_RATE_ML_PER_S.
   */
  | { tMs: number; kind: 'injection'; ml: number; continuesHold?: boolean; rateMlPerS?: number }
  | { tMs: number; kind: 'aspiration' }
  | { tMs: number; kind: 'image-saved'; imageId: string }
  | { tMs: number; kind: 'finished' };

export type AttemptEventKind = AttemptEvent['kind'];

/** An event before the store stamps its time. */
export type AttemptEventBody = AttemptEvent extends infer E ? (E extends AttemptEvent ? Omit<E, 'tMs'> : never) : never;

export type AttemptMode = 'guided' | 'assessment';

/** What is stored, exported and replayed: the case, its seed, who, when, and the events. */
export interface SessionRecord {
  schemaVersion: 1;
  /** Stable id (random, made when the attempt starts); import uses it to avoid duplicates. */
  id: string;
  caseId: string;
  side: 'left' | 'right';
  seed: number;
  trainee: string;
  mode: AttemptMode;
  /** ISO 8601 time the attempt began. */
  startedAt: string;
  events: AttemptEvent[];
  /** The trainee's answers to the clinical-reasoning questions after the attempt (cases/reasoning.ts). */
  reasoning?: { questionId: string; answer: string }[];
}

export const SESSION_SCHEMA_VERSION = 1 as const;
