import { Label } from '../anatomy/tissues';
import { acousticsByLabel, TEXTURE_CODE } from './tissueAcoustics';

/** The echo loop's per-tissue tables and constants (echoField.ts), by label id for the inner loops. */
export const ECHO = new Float32Array(acousticsByLabel.map((a) => a.echogenicity));
export const ATTENUATION = new Float32Array(acousticsByLabel.map((a) => a.attenuationDbPerCmMHz));
export const IMPEDANCE = new Float32Array(acousticsByLabel.map((a) => a.impedanceMRayl));
export const TEXTURE = new Uint8Array(acousticsByLabel.map((a) => TEXTURE_CODE[a.texture]));
export const LOBE_RAD = new Float32Array(acousticsByLabel.map((a) => (a.specularLobeDeg * Math.PI) / 180));

/** Scatterer lattice pitch in tissue (finer than any resolution cell). */
export const LATTICE_PER_MM = 6;
/** Muscle and tendon scatterers are strung out this many lattice cells along the fibres. */
export const FIBRE_ELONGATION = 4;
/** Specular echoes relative to diffuse backscatter. */
export const SPECULAR_GAIN = 55;
/** Share of a specular echo repeated in the next sample. */
export const RING_DECAY = 0.55;
/** Rough interfaces still return some echo off-perpendicular. */
export const DIFFUSE_INTERFACE = 3;
/**
 * Bone: the cortex is the strongest reflector in the body and rough at the wavelength, so it
 * returns a strong echo at any angle the beam meets it, with a short ring-down in the cortex.
 */
export const BONE_SPECULAR_GAIN = 400;
export const BONE_DIFFUSE_GAIN = 200;
export const BONE_RING_DECAY = 0.8;
/** A tissue's texture gain is looked up again this far down a scan line (its finest detail is ~0.15 mm). */
export const TEXTURE_REUSE_MM = 0.09;
/** Perineural fat: this far round the CPN's sheath, this much more echogenic than other fat. */
export const PERINEURAL_FAT_MM = 0.5;
export const PERINEURAL_FAT_GAIN = 2;
/** The beam's width where it meets a bone wall (about its lateral resolution, mm). */
export const BEAM_WIDTH_MM = 0.4;

// Label ids as plain numbers: the inner loop runs 130 000 times a frame.
export const OUTSIDE = Label.outside;
export const ARTERY = Label.poplitealArtery;
export const GENICULAR = Label.genicularArtery;
export const VEIN = Label.poplitealVein;
export const FAT = Label.fat;
export const FLUID = Label.fluid;
export const BEYOND_VOLUME = Label.deepMuscle;
export const TENDON = Label.bicepsFemorisTendon;
export const LIGAMENT = Label.lateralCollateralLigament;
export const INTERFASCICULAR = Label.interfascicularEpineurium;
export const FASCICLE = Label.fascicle;
export const PERIMYSIAL = TEXTURE_CODE.perimysial;
export const IS_BONE = new Uint8Array(ECHO.length);
for (const l of [Label.fibula, Label.tibia, Label.femur]) IS_BONE[l] = 1;
export const IS_VESSEL = new Uint8Array(ECHO.length);
for (const l of [ARTERY, GENICULAR, VEIN]) IS_VESSEL[l] = 1;
export const IS_FIBROUS = new Uint8Array(ECHO.length);
IS_FIBROUS[TENDON] = 1;
IS_FIBROUS[LIGAMENT] = 1;
