import type { Vec3 } from '../math/vec3';
import type { Box } from './sdf';
import type { KneeAnatomy } from './knee';
import { Label, type LabelId } from './tissues';
import { surroundingsRegion } from './kneeGeometry';
import { NOT_COVERED, SurroundingsBuilder, surroundingsLabelAt } from './surroundingsVolume';
import { FineGridBuilder, UNFILLED, fineGridPending, buildFineGridStep } from './fineGrid';
import { surroundingsPending, buildSurroundingsStep } from './surroundingsVolume';

export { SURROUNDINGS_BRICK, NOT_COVERED, surroundingsLabelAt, surroundingsPending, buildSurroundingsStep, completeSurroundings } from './surroundingsVolume';
export { UNFILLED, fineGridPending, fillFineGridBox, buildFineGridStep, completeFineGrid } from './fineGrid';

/** Structure labels on a regular grid: what the image, the needle and the fluid sample. */
export interface LabelVolume {
  /** Centre of voxel (0, 0, 0) in the limb frame. */
  origin: Vec3;
  spacingMm: number;
  nx: number;
  ny: number;
  nz: number;
  /** index = ix + nx * (iy + ny * iz) */
  labels: Uint8Array;
  /**
   * The limb round the fine grid, coarser and stored sparsely: what the image shows where the
   * probe's footprint and depth reach beyond `labels` (an edge pose, 60 mm deep). The needle and
   * the fluid work only in the fine grid.
   */
  surroundings?: SurroundingsVolume;
  /**
   * While the fine grid is still being filled (`fineGridLater`): its builder. Blocks not filled
   * yet hold UNFILLED; a frame fills those it reads first, and anything else that reads the volume
   * completes it (`completeFineGrid`) before. Such a volume is not to be copied or stored.
   */
  fineGridPending?: FineGridBuilder;
}

/**
 * A label volume in bricks of BRICK³ voxels: a brick that holds one label is stored as that
 * label in `table` (as −label − 1), any other as BRICK³ bytes in `bricks` (its index in `table`).
 * Most of a limb is the inside of something, so this holds a large region in a few MiB.
 */
export interface SurroundingsVolume {
  /** Centre of voxel (0, 0, 0) in the limb frame. */
  origin: Vec3;
  spacingMm: number;
  nx: number;
  ny: number;
  nz: number;
  /** Bricks along each axis: ceil(n / BRICK). */
  bx: number;
  by: number;
  bz: number;
  /** Per brick, index = bx + this.bx * (by + this.by * bz): a brick number (≥ 0) or −label − 1. */
  table: Int32Array;
  /** Mixed bricks, BRICK³ bytes each: index = x + BRICK * (y + BRICK * z) within the brick. */
  bricks: Uint8Array;
  /**
   * While the volume is still being built (`surroundingsLater`): its builder. The table then
   * marks bricks not filled yet, and a lookup fills them first; such a volume is not to be
   * copied or stored until `completeSurroundings` (or `buildSurroundingsStep`) has finished it.
   */
  pending?: SurroundingsBuilder;
}

export interface VoxeliseOptions {
  spacingMm?: number;
  region?: Box;
  /** Called with the fraction done (0–1) as the volume fills. */
  onProgress?: (fraction: number) => void;
  /**
   * The coarse volume of the limb round the fine one (default: `surroundingsRegion` at
   * SURROUNDINGS_SPACING_MM, or twice a coarser fine spacing); false for none.
   */
  surroundings?: { region: Box; spacingMm: number } | false;
  /**
   * Return once the fine grid is filled, the surroundings still to build: they fill themselves
   * where they are first read, and `buildSurroundingsStep` / `completeSurroundings` fill the rest
   * (the same bytes as a build in one go). Progress then counts the fine grid alone.
   */
  surroundingsLater?: boolean;
  /**
   * Return with the fine grid still to fill too (see FineGridBuilder): the knee's volume at once,
   * filled where it is first read. No progress is reported then.
   */
  fineGridLater?: boolean;
}

export const DEFAULT_VOXEL_SPACING_MM = 0.25;
/** Fine enough for skin, fascia and bone 20–60 mm from the nerve; a 45 mm footprint at the edge of the probe's range reads it. */
export const SURROUNDINGS_SPACING_MM = 0.5;

/**
 * Fills the label volume block by block (see BlockFiller): most of the knee is the inside of
 * something, so most voxels are never evaluated. Then the coarse surroundings, now or later.
 */
export function voxelise(knee: KneeAnatomy, options: VoxeliseOptions = {}): LabelVolume {
  const spacing = options.spacingMm ?? DEFAULT_VOXEL_SPACING_MM;
  if (!(spacing > 0.05 && spacing <= 4)) throw new RangeError(`Voxel spacing must be from 0.05 to 4 mm, got ${spacing}`);
  const region = options.region ?? knee.region;
  const nx = Math.max(1, Math.round((region.max.x - region.min.x) / spacing));
  const ny = Math.max(1, Math.round((region.max.y - region.min.y) / spacing));
  const nz = Math.max(1, Math.round((region.max.z - region.min.z) / spacing));
  const origin = { x: region.min.x + spacing / 2, y: region.min.y + spacing / 2, z: region.min.z + spacing / 2 };
  const volume: LabelVolume = { origin, spacingMm: spacing, nx, ny, nz, labels: new Uint8Array(nx * ny * nz) };
  const around = options.surroundings === false ? null : (options.surroundings ?? { region: surroundingsRegion, spacingMm: Math.max(SURROUNDINGS_SPACING_MM, 2 * spacing) });
  // The share of the progress bar each part takes, roughly as their times.
  const later = around !== null && options.surroundingsLater === true;
  const fineShare = around && !later ? 0.6 : 1;
  const fine = new FineGridBuilder(volume, knee);
  if (options.fineGridLater) {
    volume.labels.fill(UNFILLED);
    volume.fineGridPending = fine;
  } else fine.finish((f) => options.onProgress?.(f * fineShare));
  if (around) {
    const builder = new SurroundingsBuilder(knee, around.region, around.spacingMm, region);
    volume.surroundings = later ? builder.volume : builder.finish((f) => options.onProgress?.(fineShare + (1 - fineShare) * f));
  }
  return volume;
}

/** Whether any of the volume is still to fill, fine grid or surroundings. */
export function volumePending(volume: LabelVolume): boolean {
  return fineGridPending(volume) || surroundingsPending(volume);
}

/**
 * Fills one more top block of a volume built later: of the fine grid first, the one nearest
 * `near` (mm; the probe), then of the surroundings. True once the whole volume is complete.
 */
export function buildVolumeStep(volume: LabelVolume, near: Vec3 | null): boolean {
  if (fineGridPending(volume)) {
    buildFineGridStep(volume, 1, near);
    return !volumePending(volume);
  }
  return buildSurroundingsStep(volume, 1);
}

/** Bytes a volume holds, surroundings included. */
export function volumeBytes(volume: LabelVolume): number {
  const s = volume.surroundings;
  return volume.labels.byteLength + (s ? s.table.byteLength + s.bricks.byteLength : 0);
}

/** Label of the voxel nearest to p: the fine grid, else the surroundings, else `Label.outside`. */
export function labelAtVoxel(volume: LabelVolume, p: Vec3): LabelId {
  const ix = Math.round((p.x - volume.origin.x) / volume.spacingMm);
  const iy = Math.round((p.y - volume.origin.y) / volume.spacingMm);
  const iz = Math.round((p.z - volume.origin.z) / volume.spacingMm);
  if (ix < 0 || iy < 0 || iz < 0 || ix >= volume.nx || iy >= volume.ny || iz >= volume.nz) {
    const l = surroundingsLabelAt(volume, p.x, p.y, p.z);
    return (l === NOT_COVERED ? Label.outside : l) as LabelId;
  }
  return volume.labels[ix + volume.nx * (iy + volume.ny * iz)] as LabelId;
}
