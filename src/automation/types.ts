import type { Vec3 } from '../core/math/vec3';
import type { ViewClass } from '../core/probe/viewClass';
import type { ProbePose } from '../core/probe/pose';
import type { ProbeRequest } from '../core/probe/placement';
import type { ProbeReport } from '../core/probe/probeReport';
import type { NeedleContact } from '../core/needle/needle';
import type { NeedleReport } from '../core/needle/needleReport';
import type { FluidMeasures } from '../core/fluid/measures';
import type { ImageFrame } from '../core/imaging/frame';
import type { NerveSample } from '../core/anatomy/knee';
import type { AttemptEvent, AttemptMode, ImagingSettings } from '../core/attempt/events';
import type { AttemptResult, ScoreItem, SafetyEvent } from '../core/scoring/result';
import type { AttemptSummary } from '../storage/storedAttempt';

/**
 * The automation API's public types (docs: shared automation.md). Playwright specs and
 * scenario scripts import these; keep every name once published (add, don't rename). Each data
 * type is core's own (or storage's), re-exported under its published name, so the API cannot
 * drift from what the simulation gives: no hand copies.
 */
export type { Vec3, ViewClass, AttemptResult, AttemptSummary };
/** Core's probe report (`probeReport`: pose, view, nerveInImage, position, axes, nerveSMm, dynamics) and needle report (tip, tissueAtTip, inPlane, tipVisible, angleToBeamDeg, contacts). */
export type { ProbeReport, NeedleReport };
export type { Message, MessageKey, MessageValue } from '../core/message';
export type ProbePoseReport = ProbePose;

export type NeedleContactKind = NeedleContact;

export type FluidReport = FluidMeasures;

/**
 * The displayed B-mode frame: grey, row-major, row 0 at the skin; with the pose it was formed for
 * and its version (frames on screen only ever go up in version: a stale one is never shown).
 */
export type FrameReport = ImageFrame & { version: number; pose: ProbePose };

export interface SimAutomation {
  version: 1;
  ready(): Promise<void>;
  reset(opts?: { caseId?: string; side?: 'left' | 'right'; seed?: number }): Promise<void>;
  cases(): { id: string; title: string }[];
  landmarks(): Record<string, Vec3>;
  nerveAt(sMm: number): NerveSample | null;
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
  setProbe(pose: ProbeRequest): Promise<ProbeReport>;
  probe(): ProbeReport;
  /** Any of gainDb, depthMm, frequencyMHz, focusMm, dynamicRangeDb, tgcDb (5 bands), mode ('b-mode' | 'anatomy'). */
  setImaging(s: Partial<ImagingSettings>): Promise<void>;
  frame(): Promise<FrameReport>;
  worldToImage(p: Vec3): { col: number; row: number; outOfPlaneMm: number };
  /** imageWorkers: the image band workers forming frames (0: the simulation worker forms them). */
  stats(): { imageFps: number; sceneFps: number; imageFrameMs: number; imageWorkers: number };
  /** The attempt's event log so far (probe poses, settings, case loads, needle, injections). */
  events(): Pick<AttemptEvent, 'tMs' | 'kind'>[];

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
  setAttempt(a: { trainee?: string; mode?: AttemptMode }): Promise<void>;
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
