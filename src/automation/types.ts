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
/** A probe pose as placed on the skin: centre (limb frame), rotationDeg, tiltDeg, compressionMm. */
export type ProbePoseReport = ProbePose;

/** What a needle can meet: 'skin-punctured' | 'fascia-crossed' | 'nerve-touched' | 'nerve-entered' | 'vessel-punctured' | 'bone-struck'. */
export type NeedleContactKind = NeedleContact;

/**
 * The injectate's figures round the first injection's site (scoring.md): totalMl injected;
 * haloCoveragePct, the share of 10° sectors round the CPN with injectate within 1.5 mm outside the
 * epineurium, the mean over sections every 1 mm across ±5 mm of the site; spreadProximalMm and
 * spreadDistalMm, the nerve's length each way with at least 50 % halo, connected to the site;
 * superficialMl and deepMl, the volume above (toward the skin) and below the nerve's centre;
 * intraneuralMl, the volume inside the epineurium.
 */
export type FluidReport = FluidMeasures;

/**
 * The displayed B-mode frame: grey, row-major, row 0 at the skin; with the pose it was formed for
 * and its version (frames on screen only ever go up in version: a stale one is never shown).
 */
export type FrameReport = ImageFrame & { version: number; pose: ProbePose };

/**
 * window.sim: present in every build when the page URL has `?automation` (absent otherwise); a thin
 * adapter over the store's actions, the same paths the UI takes, with no logic of its own.
 *
 * Units: millimetres, millilitres, degrees, psi. The limb frame: origin at the fibular head apex,
 * +X lateral, +Y proximal along the limb, +Z posterior (the patient lies prone: the posterior skin
 * faces +Z, "up"); left and right legs are mirrored in X so +X stays lateral.
 *
 * Refusals: bad input (NaN, a point that is not {x, y, z} of finite numbers, a negative volume, a
 * needle action with no needle, an unknown case or action, an import that is not an attempt) throws
 * or rejects with an Error whose `name` is 'SimError', a `code` ('invalid-argument', 'not-ready',
 * 'no-needle', 'invalid-import', 'unknown-case', 'replaying', 'handed-over', ...), a `message` in
 * English a person can act on, and `said` (its message key and values) — and changes nothing in
 * the attempt. While an instructor replays a stored attempt, every live action (one that would add
 * to the attempt's record) rejects with 'replaying'. An attempt moved by the API (probe, needle,
 * syringe) is stored with `scripted: true` (see `attempts.list`).
 */
export interface SimAutomation {
  /** The API's version: bumped only for a breaking change (names are added, never renamed). */
  version: 1;
  /** Resolves once the knee is built, the probe placed and the first ultrasound frame is on screen; rejects with 'not-ready' if the build failed. */
  ready(): Promise<void>;
  /**
   * A new attempt on a case (default: the teaching knee), its presenting side (or `side`) and
   * anatomy seed (default 1, an integer 0–2³¹); resolves when it is `ready()`. An unknown case
   * rejects with 'unknown-case', a bad side or seed with 'invalid-argument'.
   */
  reset(opts?: { caseId?: string; side?: 'left' | 'right'; seed?: number }): Promise<void>;
  /** The case library: each case's id (for `reset`) and its title. */
  cases(): { id: string; title: string }[];
  /**
   * Named points of the built knee in the limb frame: fibularHeadApex, fibularNeck,
   * cpnAtFibularHead, cpnAtFibularNeck, cpnProximal, cpnDivision, fibularTunnel,
   * bicepsTendonInsertion, gastrocnemiusLateral, tibialNerve, poplitealArtery, genicularArtery.
   */
  landmarks(): Record<string, Vec3>;
  /**
   * The CPN's centre line by arc length (0 at the level of the fibular head apex, + proximal,
   * − distal): its centre, unit tangent and cross-sectional area (mm²); null beyond the modelled
   * nerve. A non-finite arc length throws 'invalid-argument'.
   */
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
  /**
   * Puts the probe on the skin: `centre` is projected onto the skin, `rotationDeg` 0 is transverse
   * (array along X), 90 along the limb; `tiltDeg` (default 0) fans the beam, `compressionMm`
   * (default 0) presses the skin in. Resolves with the probe's report once the worker's session has answered
   * and the frame for this pose is on screen. A live action.
   */
  setProbe(pose: ProbeRequest): Promise<ProbeReport>;
  /**
   * The probe as it is now: its pose, the view ('short-axis' | 'long-axis' | 'oblique' |
   * 'no-nerve'), the CPN's place in the image in pixels (nerveInImage, or null), its position
   * from the fibular head apex (proximalMm, lateralMm, the words in English as `text` and as a
   * message in `said`), its axes in the limb frame (array toward image right, beam into the
   * tissue, elevation across the slice), the nerve's arc length in the image (nerveSMm) and the
   * dynamic test (how far the nerve and the lateral gastrocnemius move with the pressed skin).
   * Throws 'not-ready' before a probe is placed.
   */
  probe(): ProbeReport;
  /**
   * Any of gainDb, depthMm, frequencyMHz, focusMm, dynamicRangeDb, tgcDb (5 bands), mode
   * ('b-mode' | 'anatomy'); resolves once applied and the frame redrawn. A live action.
   */
  setImaging(s: Partial<ImagingSettings>): Promise<void>;
  /** The displayed B-mode frame once every pending change is drawn (see FrameReport). */
  frame(): Promise<FrameReport>;
  /**
   * Where a point of the limb frame falls in the image at the current probe pose and depth:
   * column and row in pixels (fractional; row 0 at the skin) and its distance from the image
   * plane (mm, signed along the elevation axis).
   */
  worldToImage(p: Vec3): { col: number; row: number; outOfPlaneMm: number };
  /**
   * Over the last second: ultrasound frames and 3D scene frames drawn per second, the mean time
   * to form an ultrasound frame (ms), and imageWorkers, the image band workers forming frames (0:
   * the simulation worker forms them). The 3D view draws only when something in it changes (the
   * probe, needle, fluid, camera...), so sceneFps is how often it changed and was drawn, not a
   * loop's rate; sceneLatencyMs is the mean wait from a change to the frame that shows it (to the
   * animation frame after its render), over the frames that drew one (0: none).
   */
  stats(): { imageFps: number; sceneFps: number; sceneLatencyMs: number; imageFrameMs: number; imageWorkers: number };
  /** The attempt's event log so far, oldest first, each with its time (ms since the attempt began) and kind (probe poses, settings, case loads, needle, injections, saved images, finish). */
  events(): Pick<AttemptEvent, 'tMs' | 'kind'>[];

  // needle and injection
  /**
   * Inserts the needle from `entry` along unit `direction` (a re-insertion replaces the needle
   * that was in); resolves with the needle's report. A live action.
   */
  insertNeedle(n: { entry: Vec3; direction: Vec3 }): Promise<NeedleReport>;
  /**
   * Advances the needle `mm` along its shaft; negative withdraws. A tip resting on bone refuses a
   * further advance; NaN or ±Infinity is refused with 'invalid-argument'; with no needle,
   * 'no-needle'. Resolves with the needle's report. A live action.
   */
  advanceNeedle(mm: number): Promise<NeedleReport>;
  /**
   * The needle as the probe sees it, or null with none: tip (limb frame), tissueAtTip,
   * inPlane, tipVisible, angleToBeamDeg, and contacts (everything met since insertion: kind,
   * insertedMm, structure — in `structureAt`'s names with every nerve whole).
   */
  needle(): NeedleReport | null;
  /**
   * Injects `ml` through the needle at the syringe's rate: resolves with the volume injected, the
   * plane's opening pressure (psi) and the total injected this attempt. Refused (nothing
   * injected): a volume that is not a positive finite number, more than the 10 ml syringe still
   * holds, no needle in tissue. A live action.
   */
  inject(ml: number): Promise<{ injectedMl: number; openingPressurePsi: number; totalMl: number }>;
  /** The injectate's figures (see FluidReport); all 0 before any injection. */
  fluid(): FluidReport;
  /** A small turn of the needle about its skin puncture (≤ 10°) to a new unit direction; resolves with the needle's report. A live action. */
  redirectNeedle(direction: Vec3): Promise<NeedleReport>;
  /**
   * Runs a registered user action by id — the very action its key, its button and the needle pad
   * run, by the same step — and resolves once the worker's session has answered and the frame is
   * drawn; its refusal rejects (no needle: 'no-needle'). Ids: probe slide-left/right/up/down (1 mm;
   * -fast 5 mm), rotate-ccw/cw (5°), toggle-axis, tilt-forward/back (2°), press/release (1 mm),
   * depth-more/less (5 mm), gain-up/down (2 dB), focus-deeper/shallower (2 mm),
   * toggle-image-mode; needle-advance/withdraw (1 mm), needle-steeper/shallower (2°), inject
   * (0.5 ml); the needle pad's needle-advance-fine/withdraw-fine (0.5 mm), needle-advance-page/
   * withdraw-page (5 mm), needle-steeper-fine/shallower-fine (1°). An unknown id rejects with
   * 'invalid-argument' naming the registered ones. A live action.
   */
  action(id: string): Promise<void>;

  // the attempt
  /** Saves the frame on screen to the attempt (an 'image-saved' event); resolves with its id. Refused once the attempt is finished. */
  saveImage(): Promise<string>;
  /** Ends the attempt and scores it (scoring.md): total, items (each with points, maxPoints, reason and advice as messages) and safety events. */
  finish(): Promise<AttemptResult>;
  /**
   * Trainee name and mode of the attempt under way (add-on: set before the first event that counts).
   * A mode switch after something was scored starts a new attempt: the promise settles once its
   * knee is built and the session has answered.
   */
  setAttempt(a: { trainee?: string; mode?: AttemptMode }): Promise<void>;
  /** Test hooks (the API exists only with ?automation): killWorker ends the simulation worker at once, mid-request; the app restarts it and rebuilds the attempt. */
  faults: { killWorker(): void };
  /** The attempts stored in this browser. */
  attempts: {
    /** Every stored attempt's summary (see AttemptSummary), newest first. */
    list(): Promise<AttemptSummary[]>;
    /** One stored attempt as the exchange file's JSON text. */
    export(id: string): Promise<string>;
    /** Imports an exchange file's JSON text (rescored on import); resolves with the attempt's id (the existing one for a duplicate); not an attempt: 'invalid-import'. */
    import(json: string): Promise<string>;
  };
}

/** A scored item: its reason and advice are messages (a key and values; window.sim's error messages are in English). */
export type ScoreItemReport = ScoreItem;
/** A safety event of a scored attempt: its kind, when (tMs), the penalty, the cap on the total it sets (critical events), and its description as a message. */
export type SafetyEventReport = SafetyEvent;

declare global {
  interface Window {
    sim?: SimAutomation;
  }
}
