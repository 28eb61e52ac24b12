import type { KneeAnatomy } from '../anatomy/knee';
import type { LabelVolume } from '../anatomy/voxelise';
import type { FluidField } from './fluidField';
import { measureFluid, intraneuralSpan, type FluidMeasures } from './measures';
import { fluidDisplacement, type FluidDisplacement } from './displacement';
import { type TissueWarp, tissueWarpOf } from './tissueWarp';
import { swellingFor, type NerveSwellingSpan } from '../ultrasound/nerveDeformation';

/** What the injectate has done, as the image draws it and scoring reads it. */
export interface FluidEffects {
  measures: FluidMeasures;
  /** The nerve swollen by fluid inside its epineurium, if any went there. */
  swelling: NerveSwellingSpan | null;
  displacement: FluidDisplacement;
  /** The tissue pushed aside (the image's `tissueWarp`). */
  warp: TissueWarp;
}

/**
 * The injectate's effects from the fluid on the grid: the figures, the intraneural swelling and
 * the nerve carried with the tissue the fluid pushed aside. One function, so the worker and the atlas cannot drift apart.
 */
export function fluidEffects(knee: KneeAnatomy, volume: LabelVolume, field: FluidField, filledBox: { min: number[]; max: number[] }, injectionSiteSMm: number): FluidEffects {
  const warp = tissueWarpOf(field, volume);
  const measures = measureFluid(knee, volume, field, injectionSiteSMm, filledBox);
  let swelling: NerveSwellingSpan | null = null;
  if (measures.intraneuralMl > 0) {
    const span = intraneuralSpan(knee, volume, field, filledBox);
    swelling = span ? swellingFor(measures.intraneuralMl, span.sMinMm, span.sMaxMm) : null;
  }
  return { measures, swelling, displacement: fluidDisplacement(knee, volume, field, warp, filledBox), warp };
}
