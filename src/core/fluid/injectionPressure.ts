import { Label, type TissueType } from '../anatomy/tissues';
import { ENTRY_PRESSURE_PSI, ENTRY_PRESSURE_SCATTER } from './entryPressure';
import { TIP_IN_SHEATH_MM } from './paraneuralSpace';

/**
 * What the in-line manometer reads: the pressure at the needle tip. Two parts, each from the
 * plane the tip is in:
 *
 * - the **opening pressure** — what it takes to start flow. The spread reports the highest entry
 *   pressure its front met; the plane sets the floor under it (a tip in the nerve cannot read less
 *   than the nerve takes to open, however much of it is already filled), so the numbers stay on
 *   anatomy.md's: perineural 4–8 psi (Gadsden 2014: 8 ± 2 at 1 mm; Krol: 6 ± 2.4 extraneural),
 *   muscle higher, against the nerve 21 ± 4 and ≥ 15 in 35/36, intraneural 19.7 ± 6 (Krol).
 * - the **flow term** — once open, the tissue resists the flow through it: a linear resistance,
 *   pressure = opening + R × rate. Loose planes take the flow easily (Vermeylen 2017: outside the
 *   nerve a slow rise to a plateau); dense tissue and the nerve's inside hardly (inside: a steep
 *   rise to a peak). The needle's own resistance is left out: the manometer's figure here is the
 *   tip's, as scoring.md defines opening pressure.
 *
 * Pure and deterministic: the same tip, front and rate give the same reading in live play and replay.
 */
export type InjectionPlane = 'paraneural' | 'loose' | 'muscle' | 'dense' | 'againstNerve' | 'intraneural' | 'vessel';

export interface PlanePressure {
  /** Least opening pressure a tip in this plane can read (psi). */
  openingFloorPsi: number;
  /** Pressure per unit of flow once the plane is open (psi per ml/s). */
  resistancePsiPerMlPerS: number;
}

/** The lower edge of an entry pressure once its seeded scatter is taken off. */
const lowest = (label: number) => ENTRY_PRESSURE_PSI[label] * (1 - ENTRY_PRESSURE_SCATTER);

/** anatomy.md: needle against or inside the nerve reads ≥ 15 psi (Gadsden 2014, 35 of 36). */
const NERVE_FLOOR_PSI = 15;
/** anatomy.md: perineural 4–8 psi; a tip in the opened sheath never reads below its lower end. */
const PERINEURAL_FLOOR_PSI = 4;

export const PLANE_PRESSURE: Readonly<Record<InjectionPlane, PlanePressure>> = {
  // 1 ml/s adds 1.5 psi: the sheath's 4–6 psi plus the flow stays inside anatomy.md's 4–8, also
  // for the second bolus of the seed's 2.5 + 2.5 ml, once the first has stretched the sheath.
  paraneural: { openingFloorPsi: PERINEURAL_FLOOR_PSI, resistancePsiPerMlPerS: 1.5 },
  // Subcutaneous and intermuscular fat, scar: opens at fat's entry pressure, lobules resist more than the sheath.
  loose: { openingFloorPsi: lowest(Label.fat), resistancePsiPerMlPerS: 3 },
  // Fibres and fascia: at 1 ml/s a muscle reads about 15 — fast injection there turns the gauge red.
  muscle: { openingFloorPsi: lowest(Label.gastrocnemiusLateral), resistancePsiPerMlPerS: 4 },
  // Tendon, ligament, skin.
  dense: { openingFloorPsi: lowest(Label.bicepsFemorisTendon), resistancePsiPerMlPerS: 8 },
  againstNerve: { openingFloorPsi: NERVE_FLOOR_PSI, resistancePsiPerMlPerS: 8 },
  // Fascicles in their tight epineurium: the steepest rise.
  intraneural: { openingFloorPsi: NERVE_FLOOR_PSI, resistancePsiPerMlPerS: 12 },
  // A lumen takes the injectate away with the blood.
  vessel: { openingFloorPsi: 0, resistancePsiPerMlPerS: 0.5 },
};

/**
 * A tip this close to the epineurium (mm, outside it) indents it: the spread's nerve-contact
 * distance, so the gauge and the front agree on when the needle is against the nerve.
 */
export const AGAINST_NERVE_MM = 0.15;

/** Injection rates the syringe accepts (ml/s): a slow drip to a hard push. */
export const MIN_INJECTION_RATE_ML_PER_S = 0.1;
export const MAX_INJECTION_RATE_ML_PER_S = 3;
/** A rate for injections recorded without one (logs from before rates were recorded). */
export const DEFAULT_INJECTION_RATE_ML_PER_S = 1;

/**
 * The plane the tip is in, from the tissue at the tip and its distance outside the CPN's
 * epineurium (0 inside the nerve, Infinity far from it). As the spread sees it: any tip within
 * TIP_IN_SHEATH_MM of the epineurium (and outside it) has pierced the paraneural sheath.
 */
export function injectionPlane(tissue: TissueType, distanceOutsideEpineuriumMm: number): InjectionPlane {
  if (Number.isNaN(distanceOutsideEpineuriumMm)) throw new RangeError('The distance from the epineurium must be a number (Infinity when far from the nerve).');
  if (tissue === 'nerve') return 'intraneural';
  if (tissue === 'vessel') return 'vessel';
  if (tissue === 'epineurium' || distanceOutsideEpineuriumMm <= AGAINST_NERVE_MM) return 'againstNerve';
  if (distanceOutsideEpineuriumMm <= TIP_IN_SHEATH_MM) return 'paraneural';
  switch (tissue) {
    case 'muscle':
      return 'muscle';
    case 'tendon':
    case 'skin':
    case 'bone':
      return 'dense';
    default:
      return 'loose';
  }
}

/** The opening pressure a tip in `plane` reads, given what the spread's front met (psi). */
export function openingPressureInPlanePsi(plane: InjectionPlane, frontOpeningPsi: number): number {
  if (!Number.isFinite(frontOpeningPsi) || frontOpeningPsi < 0) throw new RangeError(`An opening pressure must be a finite number ≥ 0 psi, got ${frontOpeningPsi}.`);
  return Math.max(frontOpeningPsi, PLANE_PRESSURE[plane].openingFloorPsi);
}

/** The manometer's reading while injecting at `rateMlPerS`: the opening pressure plus the plane's flow resistance. */
export function injectionPressurePsi(plane: InjectionPlane, openingPsi: number, rateMlPerS: number): number {
  assertInjectionRate(rateMlPerS);
  if (!Number.isFinite(openingPsi) || openingPsi < 0) throw new RangeError(`An opening pressure must be a finite number ≥ 0 psi, got ${openingPsi}.`);
  return openingPsi + PLANE_PRESSURE[plane].resistancePsiPerMlPerS * rateMlPerS;
}

export function isInjectionRate(rateMlPerS: unknown): rateMlPerS is number {
  return typeof rateMlPerS === 'number' && Number.isFinite(rateMlPerS) && rateMlPerS >= MIN_INJECTION_RATE_ML_PER_S && rateMlPerS <= MAX_INJECTION_RATE_ML_PER_S;
}

export function assertInjectionRate(rateMlPerS: unknown): asserts rateMlPerS is number {
  if (!isInjectionRate(rateMlPerS)) {
    throw new RangeError(`An injection rate must be ${MIN_INJECTION_RATE_ML_PER_S}–${MAX_INJECTION_RATE_ML_PER_S} ml/s, got ${String(rateMlPerS)}.`);
  }
}
