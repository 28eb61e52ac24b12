import type { Vec3 } from '../core/math/vec3';
import type { ViewClass } from '../core/probe/viewClass';
import type { ProbePose } from '../core/probe/pose';
import type { NeedleContact } from '../core/needle/needle';
import type { FluidMeasures } from '../core/fluid/measures';
import type { AttemptResult, ScoreItem, SafetyEvent } from '../core/scoring/result';
import type { AttemptSummary } from '../storage/storedAttempt';

/**
 * The automation API's public types (docs: shared automation.md). Playwright specs and
 * scenario scripts import these; keep every name once published (add, don't rename). Each data
 * type is core's own (or storage's), re-exported under its published name, so the API cannot
 * drift from what the simulation gives: no hand copies.
 */
export type { Vec3, ViewClass, AttemptResult, AttemptSummary };
export type { Message, MessageKey, MessageValue } from '../core/message';
export type ProbePoseReport = ProbePose;

export interface ProbeReport {
  pose: ProbePoseReport;
  view: ViewClass;
  /** The CPN's place in the image, pixels; null when the nerve is not in the image. */
  nerveInImage: { col: number; row: number } | null;
  /** Relative to the fibular head apex. */
  position: { proximalMm: number; lateralMm: number; text: string };
  /** The probe's axes (limb frame): along the array toward the image's right, into the tissue, across the slice. */
  axes: { array: Vec3; beam: Vec3; elevation: Vec3 };
  /** Arc length of the nerve where the image shows it (s, mm; 0 = fibular head apex level, + proximal); null when not in view. */
  nerveSMm?: number | null;
  /** The dynamic test: how far the nerve and the lateral gastrocnemius move with the skin the pressed probe drags (mm). */
  dynamics?: { nerveMovesMm: number; gastrocnemiusMovesMm: number } | null;
}

export type NeedleContactKind = NeedleContact;

export interface NeedleReport {
  tip: Vec3;
  tissueAtTip: string;
  inPlane: boolean;
  tipVisible: boolean;
  angleToBeamDeg: number;
  /**
   * Everything the needle met since it was inserted. `structure` names what it was, in
   * `structureAt`'s names but with every nerve whole: 'commonPeronealNerve',
   * 'lateralSuralCutaneousNerve', 'tibialNerve', 'superficialPeronealNerve', 'deepPeronealNerve',
   * 'poplitealArtery', 'poplitealVein', 'genicularArtery', 'fibula', 'tibia', 'skin', ...
   */
  contacts: { kind: NeedleContactKind; insertedMm: number; structure: string }[];
}

export type FluidReport = FluidMeasures;

export interface FrameReport {
  width: number;
  height: number;
  widthMm: number;
  depthMm: number;
  pixels: Uint8Array;
}

export interface SimAutomation {
  version: 1;
  ready(): Promise<void>;
  reset(opts?: { caseId?: string; side?: 'left' | 'right'; seed?: number }): Promise<void>;
  cases(): { id: string; title: string }[];
  landmarks(): Record<string, Vec3>;
  nerveAt(sMm: number): { centre: Vec3; tangent: Vec3; areaMm2: number } | null;
  /**
   * The tissue at a point of the limb frame as it is now: after an injection the tissue the fluid
   * pushed aside is where it went ('fat', 'muscle', 'nerve', ...), and 'fluid' where the
   * injectate's fraction (`fluidAt`) is at least ½, the level the image draws as the fluid's
   * edge. Before any injection, the anatomy as built. Asynchronous: the injectate lives in the
   * simulation worker, and the answer comes after every action sent before it (an `inject`
   * not yet awaited included). During a replay, the replayed attempt's. A point that is not
   * {x, y, z} with finite numbers rejects with SimError 'invalid-argument'. (Was synchronous before
   * fluid displaced the anatomy; `await` works for both.)
   */
  tissueAt(p: Vec3): Promise<string>;
  /**
   * The injectate's fraction (0–1) at a point of the limb frame, after the tissue has moved out of
   * its way: 1 inside the fluid, 0 outside it, smooth across its edge (the image draws the ½ level).
   * 0 before any injection. Asynchronous, ordered and checked as `tissueAt`.
   */
  fluidAt(p: Vec3): Promise<number>;
  /**
   * The anatomy label at a point, camelCase, so a scenario can aim at and check a named structure.
   * The target CPN by its parts: 'fascicle', 'interfascicularEpineurium', 'epineurium',
   * 'paraneuralSheath'. The other nerves whole: 'lateralSuralCutaneousNerve', 'tibialNerve',
   * 'superficialPeronealNerve', 'deepPeronealNerve'. Anything else by its label: 'skin', 'fat',
   * 'bicepsFemorisTendon', 'bicepsFemorisMuscle', 'gastrocnemiusLateral', 'soleus',
   * 'peroneusLongus', 'lateralCollateralLigament', 'fibula', 'tibia', 'femur', 'poplitealArtery',
   * 'poplitealVein', 'genicularArtery', 'adhesion', 'deepMuscle'; 'outside' off the limb.
   * Agrees with `tissueAt` before any injection (the same anatomy, the same priority where
   * structures overlap). It reads the anatomy as built: injectate and the tissue it moves are not
   * in it (see `tissueAt`, `fluidAt` and `fluid()`).
   * A point that is not {x, y, z} with finite numbers rejects with SimError 'invalid-argument'.
   */
  structureAt(p: Vec3): string;
  setProbe(pose: { centre: Vec3; rotationDeg: number; tiltDeg?: number; compressionMm?: number }): Promise<ProbeReport>;
  probe(): ProbeReport;
  setImaging(s: {
    gainDb?: number;
    depthMm?: number;
    frequencyMHz?: number;
    focusMm?: number;
    dynamicRangeDb?: number;
    tgcDb?: number[];
    mode?: 'b-mode' | 'anatomy';
  }): Promise<void>;
  frame(): Promise<FrameReport>;
  worldToImage(p: Vec3): { col: number; row: number; outOfPlaneMm: number };
  stats(): { imageFps: number; sceneFps: number; imageFrameMs: number };
  /** The attempt's event log so far (probe poses, settings, case loads, needle, injections). */
  events(): { tMs: number; kind: string }[];

  // needle and injection
  insertNeedle(n: { entry: Vec3; direction: Vec3 }): Promise<NeedleReport>;
  /** Negative withdraws. */
  advanceNeedle(mm: number): Promise<NeedleReport>;
  needle(): NeedleReport | null;
  inject(ml: number): Promise<{ injectedMl: number; openingPressurePsi: number; totalMl: number }>;
  fluid(): FluidReport;
  /** A small turn of the needle about its skin puncture (≤ 10°) to a new direction. */
  redirectNeedle(direction: Vec3): Promise<NeedleReport>;

  // the attempt
  /** Saves the frame on screen; returns its id. */
  saveImage(): Promise<string>;
  /** Ends the attempt and scores it (scoring.md). */
  finish(): Promise<AttemptResult>;
  /**
   * Trainee name and mode of the attempt under way (add-on: set before the first event that counts).
   * A mode switch after something was scored starts a new attempt: the promise settles once its
   * knee is built and the session has answered.
   */
  setAttempt(a: { trainee?: string; mode?: 'guided' | 'assessment' }): Promise<void>;
  /** Test hooks (the API exists only with ?automation): killWorker ends the simulation worker at once, mid-request; the app restarts it and rebuilds the attempt. */
  faults: { killWorker(): void };
  attempts: {
    list(): Promise<AttemptSummary[]>;
    export(id: string): Promise<string>;
    import(json: string): Promise<string>;
  };
}

/** A scored item: its reason and advice are messages (a key and values; window.sim's error messages are in English). */
export type ScoreItemReport = ScoreItem;
export type SafetyEventReport = SafetyEvent;

declare global {
  interface Window {
    sim?: SimAutomation;
  }
}
