import { Label, tissueOfLabelId } from '../anatomy/tissues';

/**
 * The spread's pressures (psi) and tissue tables (spread.ts): what each plane costs to open and
 * to push fluid along, and which labels the stretched sheath pushes aside, are muscle or nerve.
 */

/** Pressure to push fluid into a lumen: blood takes it away at once. */
export const INTRAVASCULAR_PRESSURE_PSI = 2;
/**
 * Pushing fluid further from the tip costs more (the opened plane resists and the fluid must
 * flow through it): a pressure drop per mm of distance from the tip. Without it a loose sheath
 * would carry a few drops along the whole nerve.
 */
export const PRESSURE_PER_MM_FROM_TIP_PSI = 0.4;

/**
 * The subcutis's fat lies in lobules between septa that run with the skin: injectate there spreads
 * along the skin far more easily than down through the layers, so it lifts a bleb.
 */
export const SUBCUTIS_ALONG_PSI_PER_MM = 0.3;
export const SUBCUTIS_DEPTH_PSI_PER_MM = 2;

/**
 * The paraneural space, once the tip is in it, opens at the sheath's low pressure (4–6 psi on
 * the manometer, anatomy.md) and costs more the further it is stretched from the epineurium, so
 * it fills as a cuff that thickens slowly: the halo. Along the nerve the opened space conducts
 * the fluid easily (the spindle); round the nerve less so, so each bolus stays mostly on the side
 * it was placed (the seed's "2.5 ml above, 2.5 ml below").
 */
export const PARANEURAL_OPENING_PSI = 2.5;
export const PARANEURAL_STRETCH_PSI_PER_MM = 1.0;
export const PARANEURAL_ALONG_PSI_PER_MM = 0.15;
export const PARANEURAL_AROUND_PSI_PER_MM = 0.7;
/**
 * Fluid from outside the sheath must break through it to reach the paraneural space: only a tip
 * that pierced the sheath inflates it, so fluid placed outside (a bleb under the skin, fat beside
 * the nerve) spreads in its own plane and makes no halo.
 */
export const SHEATH_CROSSING_PSI = 25;
/**
 * Fluid in the stretched sheath leaks out into the fat beside it only once the sheath is tight:
 * the fat pressed against it (SHEATH_WALL_MM thick) opens this much harder. A property of the
 * voxel, not of the path to it, so the leak has no unopened pockets left behind. High enough
 * that 5 ml stays in the stretched sheath (a 1–4 mm halo and spindle, no lakes in the fat); it
 * orders the front but is not read on the manometer (the tip's plane opened at the sheath's).
 */
export const SHEATH_LEAK_PSI = 9;

/**
 * A tip touching the nerve (within this of the epineurium) must indent it to inject: the
 * manometer reads the nerve's resistance, 21 ± 4 psi (Gadsden 2014), before fluid escapes beside it.
 */
export const NERVE_CONTACT_MM = 0.15;
export const NERVE_CONTACT_OPENING_PSI = 20;

/** Tissue the stretched sheath pushes aside rather than fluid entering it. */
export const OPENABLE = new Uint8Array(32);
for (const l of [Label.fat, Label.paraneuralSheath, Label.adhesion, Label.deepMuscle, Label.bicepsFemorisMuscle, Label.gastrocnemiusLateral, Label.soleus, Label.peroneusLongus, Label.fluid]) OPENABLE[l] = 1;
export const IS_MUSCLE = new Uint8Array(32);
for (const l of [Label.deepMuscle, Label.bicepsFemorisMuscle, Label.gastrocnemiusLateral, Label.soleus, Label.peroneusLongus]) IS_MUSCLE[l] = 1;
/** Labels of the nerve itself (fluid there is intraneural). */
export const IS_NERVE_TISSUE = new Uint8Array(32);
for (let l = 0; l < IS_NERVE_TISSUE.length; l++) if (tissueOfLabelId(l) === 'nerve') IS_NERVE_TISSUE[l] = 1;
export const IS_NERVE_INSIDE = new Uint8Array(32);
IS_NERVE_INSIDE[Label.interfascicularEpineurium] = 1;
IS_NERVE_INSIDE[Label.fascicle] = 1;
/** A voxel's sheath code (ParaneuralSpace.codeAt) where it is not in the paraneural space at all: Infinity. */
export const NOT_IN_SPACE = 256;
