import type { AnatomyParameters } from '../core/anatomy/parameters';
import type { ProbePose } from '../core/probe/pose';
import type { NeedleSegment } from '../core/ultrasound/echoField';
import type { FluidMeasures } from '../core/fluid/measures';
import type { InjectionOutcome } from '../core/attempt/simulation';
import type { AttemptEvent, AttemptMode, ImagingSettings } from '../core/attempt/events';
import type { AttemptFacts } from '../core/attempt/facts';
import type { TissueType } from '../core/anatomy/tissues';
import type { Vec3 } from '../core/math/vec3';
import type { NeedleState } from '../core/needle/needle';
import type { ProbeReport } from '../core/probe/probeReport';
import type { SimErrorCode } from '../core/simError';
import type { Message } from '../core/message';
import type { FluidSurfaceUpdate } from '../core/fluid/fluidMesher';
import type { NeedleReport } from '../core/needle/needleReport';
import type { SessionNotice } from '../core/coaching/patientSpeech';
import type { Spoken } from '../core/coaching/spoken';
import type { ScoreItem } from '../core/scoring/result';

export type { ImagingSettings };
export type ImageMode = ImagingSettings['mode'];

/**
 * Messages between the main thread and the simulation worker: one map of request bodies and one
 * of their answers, by kind, so `call<K>` is typed end to end. Pixels and surfaces travel as
 * transferred buffers.
 */

/** Sessions live in the worker's registry by id: the live attempt, a replay, a review's rescoring. */
export type SessionId = 'live' | 'replay' | 'review';

/** The needle as the probe sees it: core's report (one definition for the session, the store and window.sim). */
export type { NeedleReport };

/** The injectate as the UI shows it: the figures, the 3D surface, and whether scar has let go. */
export interface FluidState {
  measures: FluidMeasures | null;
  /** The blocks of the displaced fluid's surface re-meshed since the session's last update (null: unchanged). */
  surface: FluidSurfaceUpdate | null;
  adhesionReleased: boolean;
}

export type { FluidSurfaceUpdate };

/** One block of the injectate's surface for the 3D view, as transferable buffers (limb frame, mm). */
export interface FluidSurfaceBuffers {
  positions: Float32Array;
  normals: Float32Array;
  indices: Uint32Array;
}

/** Something the session noticed that the trainee is told (core's patientSpeech words it). */
export type { SessionNotice };

/** What the coach and the patient say after the snapshot's event (core/coaching): the store mirrors a voice when its turn changes. */
export interface SessionVoices {
  /** Guided practice's coach (silent in assessment mode and once the attempt is finished). */
  coach: Spoken;
  /** The patient's words and the syringe's notices. */
  patient: Spoken;
}

/** One rubric item as guided practice's checklist shows it: its points and why (a key and values), no English title. */
export type ChecklistItem = Omit<ScoreItem, 'title'>;

/** Everything the store mirrors of a session after an event: it computes none of it itself. */
export interface SessionSnapshot {
  /** Events the session has applied (its log's length). */
  applied: number;
  mode: AttemptMode;
  caseId: string | null;
  probe: ProbeReport | null;
  imaging: ImagingSettings | null;
  needle: NeedleState | null;
  needleReport: NeedleReport | null;
  injectedMl: number;
  lastPressurePsi: number | null;
  /** The manometer: the last injection's reading at its rate. */
  manometerPsi: number | null;
  adhesionReleased: boolean;
  /** The injectate's figures and surface when they were redrawn by this answer (null: unchanged). */
  fluid: FluidState | null;
  voices: SessionVoices;
  /** Guided practice: the rubric's items as they stand at this event (null in assessment mode). */
  checklist: ChecklistItem[] | null;
}

export interface RefusalInfo {
  code: SimErrorCode;
  /** What to tell the trainee (a key and values; the UI words it in its language). */
  said: Message;
}

/** The answer to one event: refused (changed nothing) or applied, and the snapshot after it. */
export interface AppliedEvent {
  refused: RefusalInfo | null;
  injection: InjectionOutcome | null;
  notices: SessionNotice[];
  snapshot: SessionSnapshot;
}

export interface BuildResult {
  buildMs: number;
  voxelCount: number;
  volumeBytes: number;
}

export interface FrameResult {
  width: number;
  height: number;
  pixels: ArrayBuffer;
  computeMs: number;
}

export interface Requests {
  build: { parameters: AnatomyParameters };
  /** A frame of the session the image shows (`show`). */
  frame: { pose: ProbePose; imaging: ImagingSettings; timeSeconds: number; needle: NeedleSegment | null };
  /** A new session from a log (a new attempt: empty; a resume, a rebuild after a crash, a replay: the events). */
  open: { session: SessionId; mode: AttemptMode; events: AttemptEvent[] };
  /** One event of a session; `throttleFluid`: a press-and-hold step — redraw the fluid at most a few times a second. */
  event: { session: SessionId; event: AttemptEvent; throttleFluid: boolean };
  /** A replay: the state after its first `index` events (from the nearest checkpoint). */
  seek: { session: SessionId; index: number };
  /** The same log in another mode (only before anything was scored: the store decides that). */
  mode: { session: SessionId; mode: AttemptMode };
  facts: { session: SessionId };
  /** Which session the image draws. */
  show: { session: SessionId };
  close: { session: SessionId };
  /** Test hook: the worker throws outside any request (as a crash would). */
  fault: { kind: 'crash' };
  /** The image band workers' ports (bandProtocol.ts), one per worker; none: form frames here. */
  bands: { ports: MessagePort[] };
  /** What a session holds at a point of the limb frame, after the injectate has moved the tissue (sim.fluidAt, sim.tissueAt). */
  point: { session: SessionId; p: Vec3 };
  /** Where resting points show in the shown session's B-mode frame at `pose` once the injectate has moved them (the debrief's cross-sections). */
  section: { pose: ProbePose; depthMm: number; points: Vec3[] };
}

export interface Responses {
  build: BuildResult;
  frame: FrameResult;
  open: { snapshot: SessionSnapshot; facts: AttemptFacts | null };
  event: AppliedEvent;
  seek: SessionSnapshot;
  mode: SessionSnapshot;
  facts: AttemptFacts | null;
  show: null;
  close: null;
  fault: null;
  bands: null;
  point: { fluidFraction: number; tissue: TissueType };
  /** Scan columns and rows (fractional) of each point asked, in order. */
  section: { points: { col: number; row: number }[] };
}

export type RequestKind = keyof Requests;

/** One request on the wire: its id (for the answer), its kind and its body. */
export interface RequestMessage<K extends RequestKind = RequestKind> {
  id: number;
  kind: K;
  body: Requests[K];
}

/** An answer carries its body under its request's kind, so the client reads it typed by kind. */
export interface AnswerMessage {
  id: number;
  ok: true;
  answer: Partial<Responses>;
}

export type WorkerMessage =
  | AnswerMessage
  | { id: number; ok: false; error: RefusalInfo }
  | { id: number; progress: number }
  /** The fluid redrawn after throttled steps (unsolicited). */
  | { id: 0; push: 'fluid'; session: SessionId; fluid: FluidState }
  /** Guided practice's checklist re-read while nothing happens (a view held ticks with time alone). */
  | { id: 0; push: 'checklist'; session: SessionId; checklist: ChecklistItem[] };
