import type { NeedleContact } from '../needle/needle';
import type { StructureName } from '../anatomy/namedStructure';
import type { ViewClass } from '../probe/viewClass';
import type { FluidMeasures } from '../fluid/measures';
import type { FluidPlane } from '../fluid/fluidPlane';
import type { AttemptMode } from './events';

/**
 * What the reducer learnt from an attempt's events, in the terms scoring.md speaks. Scoring is a
 * pure function of these facts, so every item can be tested with a hand-made set of them, and the
 * same facts come out of live play and replay.
 */

/** One probe pose held from `tMs` until the next sample (or the end of the attempt). */
export interface ViewSample {
  tMs: number;
  view: ViewClass;
  /** Arc length (s, mm; 0 = fibular head apex level, + proximal) of the nerve at the image centre; null when not in the image. */
  nerveSMm: number | null;
  /** In a long-axis view, the stretch of nerve inside the image (s range); else null. */
  nerveSpanSMm: { minMm: number; maxMm: number } | null;
  compressionMm: number;
  /** The needle was moving (advanced or withdrawn) while this pose was held. */
  probeMovedDuringNeedleMotion?: boolean;
}

/** A needle placed on the skin (each new insertion is a new pass). */
export interface NeedleInsertionFact {
  tMs: number;
  /** The entry point lies on the probe's medial side (beyond the array's medial half). */
  entryMedialToProbe: boolean;
  /** The needle points lateral (its direction has a lateral component along the array). */
  directedLateral: boolean;
  /** Angle between the shaft and the skin surface, degrees. */
  angleToSkinDeg: number;
}

/** One advance or withdrawal of the needle. */
export interface NeedleMoveFact {
  tMs: number;
  /** Signed: + advance, − withdraw (mm actually moved, after bone stops). */
  mm: number;
  /** Of an advance, the length moved with the tip visible in the image (mm). */
  tipVisibleMm: number;
  /** Of an advance, the length moved with the tip within 5 mm of the nerve surface (mm). */
  nearNerveMm: number;
  /** Of that near-nerve length, how much went into fluid-opened tissue (mm). */
  nearNerveIntoFluidMm: number;
}

export interface InjectionFact {
  tMs: number;
  ml: number;
  openingPressurePsi: number;
  tipVisible: boolean;
  tipTissue: string;
  /** The tip was in a vessel: the injectate went into the circulation. */
  intravascular: boolean;
  /** Injectate went inside the epineurium with this injection. */
  intraneural: boolean;
  /** Arc length of the nerve nearest the tip (which stretch of nerve this injection treated); null far from it. */
  tipSMm?: number | null;
  /** The structure the tip was in (which vessel took an intravascular injection); absent in hand-made facts. */
  tipStructure?: StructureName;
  /** A later step of one press-and-hold: the trainee gave one injection, recorded in steps. */
  continuesHold?: boolean;
  /** The plane this injection's fluid went into (fluid/fluidPlane.ts); absent in hand-made facts and where no fluid is simulated. */
  fluidPlane?: FluidPlane;
}

/** The injections as the trainee gave them: a press-and-hold's steps are one, blind if any step was. */
export function injectionsGiven(steps: readonly InjectionFact[]): { tipVisible: boolean }[] {
  const given: { tipVisible: boolean }[] = [];
  for (const step of steps) {
    const held = step.continuesHold ? given.at(-1) : undefined;
    if (held) held.tipVisible &&= step.tipVisible;
    else given.push({ tipVisible: step.tipVisible });
  }
  return given;
}

export interface ContactFact {
  tMs: number;
  kind: NeedleContact;
  /** Which structure was met: the target CPN, another nerve, which vessel or bone. */
  structure: StructureName;
}

export interface SavedImageFact {
  tMs: number;
  imageId: string;
  view: ViewClass;
  /** Saved after the first injection. */
  afterInjection: boolean;
  /** Halo coverage (%) of the nerve's cross-section in the frame (short-axis frames), else 0. */
  haloCoveragePctInImage: number;
  /** Length of nerve (mm) with fluid beside it inside the frame (long-axis frames), else 0. */
  fluidAlongNerveMmInImage: number;
}

export interface AttemptFacts {
  mode: AttemptMode;
  durationMs: number;
  views: ViewSample[];
  insertions: NeedleInsertionFact[];
  needleMoves: NeedleMoveFact[];
  injections: InjectionFact[];
  contacts: ContactFact[];
  savedImages: SavedImageFact[];
  /** The final fluid, measured round the first injection's site (scoring.md definitions). */
  fluid: FluidMeasures;
  /** Arc length of the CPN at the first injection (the debrief's cross-sections are taken there); null before any. */
  injectionSiteSMm?: number | null;
  /** The case's entrapment sites (scoring checks that each was treated); absent or empty for a normal knee. */
  entrapmentSites?: { name: string; minSMm: number; maxSMm: number }[];
  /** Fluid opened the plane of the scar binding the nerve to the gastrocnemius (adhered cases). */
  adhesionReleased?: boolean;
}
