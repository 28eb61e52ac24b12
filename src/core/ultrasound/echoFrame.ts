import type { KneeAnatomy } from '../anatomy/knee';
import type { LabelVolume } from '../anatomy/voxelise';
import type { ScanGeometry } from '../probe/scanGeometry';
import type { TissueWarp } from '../fluid/tissueWarp';
import { ATTENUATION, FAT, IS_VESSEL } from './echoTables';
import { probeLiftMm, probeRideMm } from './echoGeometry';
import { volumeLabelReader } from './volumeReader';
import type { ScannerSettings } from './scannerSettings';
import { sliceHalfThicknessMm } from './beamShape';
import type { VesselDynamics } from './vesselDynamics';
import { TissueMotion } from './tissueMotion';
import { NerveDeformation } from './nerveDeformation';
import type { EchoOptions } from './echoOptions';
import { FibreDirections } from './tendonFibres';
import { CpnImaging } from './nerveImaging';

/**
 * Voxel or limb coordinates (0–2) of the sample a rarely taken call in the echo loop is about,
 * its depth (3) and its offset across the slice (4–6). The loop hands these over in memory, not
 * as arguments: a number passed to a call the compiler does not inline is boxed, and the
 * compiler makes that box ahead of the branch, on every sample (~16 MB of garbage a frame).
 */
export const SAMPLE_SCRATCH = new Float64Array(7);

/** What the echo loop (echoField.ts) reads for one frame, set up once before its first line. */
export interface EchoFrame {
  /** The active tissue warp, or null. */
  warp: TissueWarp | null;
  /** Injectate share per voxel when there is no warp, or null. */
  fluid: Uint8Array | null;
  motion: TissueMotion;
  deformation: NerveDeformation | null;
  cpn: CpnImaging;
  fibres: FibreDirections;
  /** Label from voxel coordinates, through warp, injectate and the surroundings. */
  labelAtVoxelCoords: (vx: number, vy: number, vz: number) => number;
  /** The same from limb coordinates (mm). */
  labelAt: (x: number, y: number, z: number) => number;
  /** Label at the limb point (mm) in SAMPLE_SCRATCH[0–2]. */
  labelAtScratch: () => number;
  /** Label at the voxel coordinates in SAMPLE_SCRATCH[0–2]. */
  labelAtScratchVoxel: () => number;
  /** `l`, or fat where a vessel's moving wall (pulse, collapse) leaves the limb point in SAMPLE_SCRATCH[0–2] outside its lumen. */
  withMovingWallsAtScratch: (l: number) => number;
  /** Half the offset across the slice of its two scatterer positions, per sample (mm). */
  sliceHalf: Float32Array;
  /** Round-trip attenuation per mm of each tissue at this frequency, as an amplitude factor's log. */
  lnDecayPerMm: Float32Array;
  /** How far the dragged skin has moved the fat at each sample's depth (mm, along the array). */
  fatShiftBySample: Float32Array;
  /**
   * How far the probe, rigid, rides on the skin the injectate has lifted under it (mm, limb frame;
   * zero without fluid): back along its own beam, pressing the bulge to its mean height, so every
   * line is read from there and the fluid over the nerve is not pushed out above the face.
   */
  ride: { x: number; y: number; z: number };
}

/** Sets up one frame of the echo loop; `vessels` is brought to the settings' time and the probe's pressure. */
export function echoFrame(knee: KneeAnatomy, volume: LabelVolume, scan: ScanGeometry, settings: ScannerSettings, options: EchoOptions, vessels: VesselDynamics): EchoFrame {
  const samples = scan.image.rows;
  const warp = options.tissueWarp?.active ? options.tissueWarp : null;
  const fluid = warp === null ? (options.fluid ?? null) : null;
  const tissueDepth = scan.tissueDepthMm;
  const sliceHalf = new Float32Array(samples);
  for (let s = 0; s < samples; s++) sliceHalf[s] = sliceHalfThicknessMm((s + 0.5) * scan.image.sampleSpacingMm) * 0.5;
  const lnDecayPerMm = new Float32Array(ATTENUATION.length);
  for (let l = 0; l < ATTENUATION.length; l++) lnDecayPerMm[l] = (2 * ATTENUATION[l] * settings.frequencyMHz * 0.1 * Math.LN10) / 20;
  const motion = new TissueMotion(knee, scan.frame, options.adhesionReleased ?? false);
  // With the warp the nerve moves with its voxels (CpnImaging reads it through the warp): its lift is not added twice.
  const deformationSpec = options.nerveDeformation && warp !== null ? { ...options.nerveDeformation, lift: null } : options.nerveDeformation;
  const deformation = deformationSpec && (deformationSpec.swelling || deformationSpec.lift) ? new NerveDeformation(knee, scan, deformationSpec) : null;
  const fatShiftBySample = new Float32Array(samples);
  for (let s = 0; s < samples; s++) fatShiftBySample[s] = motion.fatShift(tissueDepth[s]);
  vessels.update(settings.timeSeconds, scan.frame.pose.compressionMm);
  const labelAtVoxelCoords = volumeLabelReader(volume, warp, fluid);
  const { origin, spacingMm: h } = volume;
  const inv = 1 / h;
  const at = SAMPLE_SCRATCH;
  const ride = probeRideMm(scan, probeLiftMm(warp, scan));
  return {
    warp,
    fluid,
    motion,
    deformation,
    // Reach for a nerve moved by the dragging probe or pushed aside by fluid.
    cpn: new CpnImaging(knee, scan, (motion.dragging ? 1.5 : 0) + (deformation ? 3 : 0), warp, ride),
    fibres: new FibreDirections(knee, scan.frame.beamAxis),
    labelAtVoxelCoords,
    labelAt: (x, y, z) => labelAtVoxelCoords((x - origin.x) * inv, (y - origin.y) * inv, (z - origin.z) * inv),
    labelAtScratch: () => labelAtVoxelCoords((at[0] - origin.x) * inv, (at[1] - origin.y) * inv, (at[2] - origin.z) * inv),
    labelAtScratchVoxel: () => labelAtVoxelCoords(at[0], at[1], at[2]),
    withMovingWallsAtScratch: (l) => (IS_VESSEL[l] === 1 && !vessels.inLumen(l, at[0], at[1], at[2]) ? FAT : l),
    sliceHalf,
    lnDecayPerMm,
    fatShiftBySample,
    ride,
  };
}
