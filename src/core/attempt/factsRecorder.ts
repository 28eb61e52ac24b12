import type { KneeAnatomy } from '../anatomy/knee';
import type { LabelVolume } from '../anatomy/voxelise';
import type { TissueType } from '../anatomy/tissues';
import type { ProbePose } from '../probe/pose';
import { probeFrame, ScanGeometry, type ProbeFrame } from '../probe/scanGeometry';
import { classifyView } from '../probe/viewClass';
import { imageGeometry, DEFAULT_DEPTH_MM } from '../imaging/imageGeometry';
import { type NeedleState, type NeedleStep, needleVisibility, needleTip } from '../needle/needle';
import type { FluidSpread, InjectionResult } from '../fluid/spread';
import { measureFluid, haloCoverageAt, type FluidMeasures } from '../fluid/measures';
import { voxelIndex, FULL } from '../fluid/fluidField';
import { dot, sub } from '../math/vec3';
import type { AttemptFacts, ContactFact, InjectionFact, NeedleInsertionFact, NeedleMoveFact, SavedImageFact, ViewSample } from './facts';
import type { AttemptMode } from './events';
import { NEAR_NERVE_MM } from '../scoring/rubric';
import { fluidDisplacement } from '../fluid/displacement';
import type { EntrapmentSiteName } from '../cases/caseSchema';
import { ENTRAPMENT_SITE_RANGES_S_MM } from '../cases/entrapment';
import { structureHitAt } from '../anatomy/namedStructure';

/** An injection treats the stretch of nerve within this of its tip. */
const TREATED_REACH_MM = 10;

/** An advance is checked for tip visibility and fluid every this far along. */
const MOVE_SAMPLE_MM = 0.25;
/** The entry counts as medial to the probe when it lies beyond this much of the array's medial half. */
const MEDIAL_ENTRY_FROM_CENTRE_MM = 15;
/** A long-axis saved frame counts nerve stations with injectate beside them every this far. */
const SAVED_FRAME_STATION_MM = 1;

/**
 * A fact, once recorded, never changes: it is frozen, so a replay checkpoint (worker/checkpoint.ts)
 * shares it instead of copying it — copying every fact at every checkpoint made replay quadratic.
 */
function recorded<T extends object>(fact: T): Readonly<T> {
  return Object.freeze(fact);
}

const NO_FLUID: FluidMeasures = { totalMl: 0, haloCoveragePct: 0, spreadProximalMm: 0, spreadDistalMm: 0, superficialMl: 0, deepMl: 0, intraneuralMl: 0 };

/** Collects, event by event, the facts scoring reads (facts.ts). */
export class FactsRecorder {
  private tMs = 0;
  private readonly views: ViewSample[] = [];
  private readonly insertions: NeedleInsertionFact[] = [];
  private readonly needleMoves: NeedleMoveFact[] = [];
  private readonly injections: InjectionFact[] = [];
  private readonly contacts: ContactFact[] = [];
  private readonly savedImages: SavedImageFact[] = [];
  /**
   * The fluid's figures as of the injections recorded: only an injection changes the fluid, so
   * the facts read after every event (the guided checklist) measure it once per injection.
   */
  private fluidFigures: { injections: number; fluid: FluidSpread | null; volume: LabelVolume | null; siteSMm: number | null; measures: FluidMeasures; adhesionReleased: boolean } | null = null;

  constructor(
    private readonly knee: KneeAnatomy,
    private readonly mode: AttemptMode,
    private readonly entrapmentSites: readonly EntrapmentSiteName[] = [],
  ) {}

  at(tMs: number): void {
    this.tMs = Math.max(this.tMs, tMs);
  }

  probeMoved(pose: ProbePose, depthMm = DEFAULT_DEPTH_MM): void {
    const scan = new ScanGeometry(this.knee, probeFrame(this.knee, pose), imageGeometry(depthMm));
    const seen = classifyView(this.knee, scan);
    this.views.push(recorded({
      tMs: this.tMs,
      view: seen.view,
      nerveSMm: seen.crossingSMm ?? (seen.nerveSpanSMm ? (seen.nerveSpanSMm.minMm + seen.nerveSpanSMm.maxMm) / 2 : null),
      nerveSpanSMm: seen.view === 'long-axis' && seen.nerveSpanSMm ? recorded({ ...seen.nerveSpanSMm }) : null,
      compressionMm: pose.compressionMm,
    }));
  }

  needleInserted(needle: NeedleState, probe: ProbePose | null): void {
    const normal = this.knee.skinNormal(needle.entry);
    const angleToSkinDeg = (Math.asin(Math.min(1, Math.max(0, -dot(needle.direction, normal)))) * 180) / Math.PI;
    let entryMedialToProbe = false;
    let directedLateral = false;
    if (probe) {
      const frame = probeFrame(this.knee, probe);
      // The image's left is medial in short axis (the probe's marker end): the array axis points lateral.
      entryMedialToProbe = dot(sub(needle.entry, probe.centre), frame.arrayAxis) <= -MEDIAL_ENTRY_FROM_CENTRE_MM;
      directedLateral = dot(needle.direction, frame.arrayAxis) > 0;
    }
    this.insertions.push(recorded({ tMs: this.tMs, entryMedialToProbe, directedLateral, angleToSkinDeg }));
  }

  needleMoved(before: NeedleState, step: NeedleStep, probe: ProbePose | null, fluid: FluidSpread | null): void {
    const mm = step.state.insertedMm - before.insertedMm;
    let tipVisibleMm = 0;
    let nearNerveMm = 0;
    let nearNerveIntoFluidMm = 0;
    if (mm > 0) {
      const frame: ProbeFrame | null = probe ? probeFrame(this.knee, probe) : null;
      const samples = Math.max(1, Math.ceil(mm / MOVE_SAMPLE_MM));
      const piece = mm / samples;
      for (let i = 1; i <= samples; i++) {
        const state = { ...before, insertedMm: before.insertedMm + piece * i };
        if (frame && needleVisibility(frame, state).tipVisible) tipVisibleMm += piece;
        const tip = needleTip(state);
        if (this.distanceToNerveSurface(tip) < NEAR_NERVE_MM) {
          nearNerveMm += piece;
          if (fluid && this.fluidAt(fluid, tip)) nearNerveIntoFluidMm += piece;
        }
      }
    }
    this.needleMoves.push(recorded({ tMs: this.tMs, mm, tipVisibleMm, nearNerveMm, nearNerveIntoFluidMm }));
    this.addContacts(step);
  }

  needleRedirected(step: NeedleStep): void {
    this.addContacts(step);
  }

  injected(ml: number, result: InjectionResult, tipVisible: boolean, tipTissue: TissueType, tip: { x: number; y: number; z: number }, continuesHold = false): void {
    const nearest = this.knee.cpn.line.closest(tip, TREATED_REACH_MM);
    this.injections.push(recorded({
      ...(continuesHold && this.injections.length > 0 ? { continuesHold: true } : {}),
      tipSMm: nearest ? nearest.sMm : null,
      tMs: this.tMs,
      ml,
      openingPressurePsi: result.openingPressurePsi,
      tipVisible,
      tipTissue,
      intravascular: result.intravascularMl > 0,
      intraneural: result.intraneural,
      tipStructure: structureHitAt(this.knee, tip).structure,
      ...(result.fluidPlane ? { fluidPlane: result.fluidPlane } : {}),
    }));
  }

  imageSaved(imageId: string, probe: ProbePose | null, fluid: FluidSpread | null): void {
    let view: SavedImageFact['view'] = 'no-nerve';
    let halo = 0;
    let along = 0;
    if (probe) {
      const scan = new ScanGeometry(this.knee, probeFrame(this.knee, probe), imageGeometry(DEFAULT_DEPTH_MM));
      const seen = classifyView(this.knee, scan);
      view = seen.view;
      if (fluid && view === 'short-axis' && seen.crossingSMm !== null) halo = 100 * haloCoverageAt(this.knee, fluid.field, seen.crossingSMm);
      if (fluid && view === 'long-axis' && seen.nerveSpanSMm) {
        for (let s = seen.nerveSpanSMm.minMm; s <= seen.nerveSpanSMm.maxMm; s += SAVED_FRAME_STATION_MM) {
          if (haloCoverageAt(this.knee, fluid.field, s) > 0) along += SAVED_FRAME_STATION_MM;
        }
      }
    }
    this.savedImages.push(recorded({ tMs: this.tMs, imageId, view, afterInjection: this.injections.length > 0, haloCoveragePctInImage: halo, fluidAlongNerveMmInImage: along }));
  }

  result(fluid: FluidSpread | null, volume: LabelVolume | null, siteSMm: number | null): AttemptFacts {
    const { measures, adhesionReleased } = this.fluidFiguresFor(fluid, volume, siteSMm);
    return {
      mode: this.mode,
      durationMs: this.tMs,
      views: [...this.views],
      insertions: [...this.insertions],
      needleMoves: [...this.needleMoves],
      injections: [...this.injections],
      contacts: [...this.contacts],
      savedImages: [...this.savedImages],
      fluid: measures,
      injectionSiteSMm: siteSMm,
      entrapmentSites: this.entrapmentSites.map((name) => ({ name, minSMm: ENTRAPMENT_SITE_RANGES_S_MM[name].minMm, maxSMm: ENTRAPMENT_SITE_RANGES_S_MM[name].maxMm })),
      adhesionReleased,
    };
  }

  private fluidFiguresFor(fluid: FluidSpread | null, volume: LabelVolume | null, siteSMm: number | null): { measures: FluidMeasures; adhesionReleased: boolean } {
    const kept = this.fluidFigures;
    if (kept && kept.injections === this.injections.length && kept.fluid === fluid && kept.volume === volume && kept.siteSMm === siteSMm) return kept;
    const measures = fluid && volume && siteSMm !== null ? recorded(measureFluid(this.knee, volume, fluid.field, siteSMm, fluid.filledBox)) : NO_FLUID;
    const adhesionReleased = fluid && volume && this.knee.parameters.adhesionToGastrocnemius ? fluidDisplacement(this.knee, volume, fluid.field, fluid.warp, fluid.filledBox).adhesionReleased : false;
    this.fluidFigures = { injections: this.injections.length, fluid, volume, siteSMm, measures, adhesionReleased };
    return this.fluidFigures;
  }

  private addContacts(step: NeedleStep): void {
    for (const c of step.contacts) this.contacts.push(recorded({ tMs: this.tMs, kind: c.kind, structure: c.structure }));
  }

  private distanceToNerveSurface(p: { x: number; y: number; z: number }): number {
    const c = this.knee.cpn.line.closest(p, NEAR_NERVE_MM + 4);
    if (!c) return Infinity;
    return c.distance - this.knee.cpn.radiusAt(c.sMm);
  }

  private fluidAt(fluid: FluidSpread, p: { x: number; y: number; z: number }): boolean {
    const i = voxelIndex(fluid.field, p);
    return i >= 0 && fluid.field.fill[i] >= FULL / 2;
  }
}
