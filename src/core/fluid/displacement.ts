import type { KneeAnatomy } from '../anatomy/knee';
import type { LabelVolume } from '../anatomy/voxelise';
import { Label } from '../anatomy/tissues';
import { type FluidField, FULL } from './fluidField';
import type { TissueWarp } from './tissueWarp';

/**
 * What the displaced tissue means for the nerve: the image draws the CPN analytically, so its
 * centre line is moved with the tissue the warp (tissueWarp.ts) pushes aside (a crescent under the
 * nerve lifts it, a full halo leaves it floating where it was, fluid above pushes it deeper), and
 * scar binding the nerve to the lateral gastrocnemius counts as released once fluid has opened
 * the plane it occupies.
 */

/** Nerve centre offsets along the CPN, one every `stepMm` from `firstSMm` (x, y, z triples, mm). */
export interface NerveLift {
  firstSMm: number;
  stepMm: number;
  offsets: number[];
}

export interface FluidDisplacement {
  nerveLift: NerveLift | null;
  /** Fluid has opened the plane of the scar between the nerve and the gastrocnemius. */
  adhesionReleased: boolean;
  /** Share of the scar band holding injectate, 0–1. */
  adhesionOpenedShare: number;
}

/**
 * A bound on the nerve's move, only against a runaway: the nerve must move exactly as the tissue
 * round it (the image draws both), and 5 ml lifts it up to about 6 mm over bone.
 */
export const MAX_NERVE_LIFT_MM = 8;
/** Scar with injectate in this share of it no longer binds the nerve to the muscle. */
export const ADHESION_RELEASE_SHARE = 0.35;
const STATION_STEP_MM = 1;
const FLUID_PRESENT = FULL / 2;
/** Stations this far beyond the fluid's box along the nerve still get their offset (zero there). */
const MARGIN_MM = 3;

/**
 * The nerve's centre line where the displaced tissue (tissueWarp.ts) has carried it: at each
 * station, the shift of the column through the nerve's centre, smoothed along the nerve (the
 * nerve bends gently) — the same shift the warp gives the tissue round it, so the fluid under the
 * nerve touches it and the nerve floats in a full halo.
 */
function nerveLift(knee: KneeAnatomy, fluid: FluidField, warp: TissueWarp, filledBox: { min: number[]; max: number[] }): NerveLift | null {
  const { origin, spacingMm: h } = fluid.grid;
  const lo = filledBox.min.map((v, a) => [origin.x, origin.y, origin.z][a] + v * h - MARGIN_MM);
  const hi = filledBox.max.map((v, a) => [origin.x, origin.y, origin.z][a] + v * h + MARGIN_MM);
  const line = knee.cpn.line;
  const stations: { s: number; shift: number }[] = [];
  const sFirst = Math.ceil(line.sOfSample(0));
  const sLast = Math.floor(line.sOfSample(line.count - 1));
  for (let s = sFirst; s <= sLast; s += STATION_STEP_MM) {
    const f = line.sampleAtS(s);
    if (f === null) continue;
    const c = line.pointAt(f);
    if (c.x < lo[0] || c.y < lo[1] || c.z < lo[2] || c.x > hi[0] || c.y > hi[1] || c.z > hi[2]) continue;
    stations.push({ s, shift: warp.displacedPoint(c).z - c.z });
  }
  if (stations.length === 0) return null;
  const firstSMm = stations[0].s;
  const count = stations[stations.length - 1].s - firstSMm + 1;
  const raw = new Array<number>(count).fill(0);
  for (const { s, shift } of stations) raw[s - firstSMm] = shift;
  const offsets = new Array<number>(count * 3).fill(0);
  let any = false;
  for (let i = 0; i < count; i++) {
    let sum = 0;
    let w = 0;
    for (let j = Math.max(0, i - 1); j <= Math.min(count - 1, i + 1); j++) {
      sum += raw[j];
      w++;
    }
    const z = Math.max(-MAX_NERVE_LIFT_MM, Math.min(MAX_NERVE_LIFT_MM, sum / w));
    offsets[i * 3 + 2] = z;
    if (Math.abs(z) > 0.05) any = true;
  }
  return any ? { firstSMm, stepMm: STATION_STEP_MM, offsets } : null;
}

/** The nerve's offset at arc length s (linear between stations, zero outside), written into out. */
export function liftAt(lift: NerveLift, sMm: number, out: { x: number; y: number; z: number }): { x: number; y: number; z: number } {
  const f = (sMm - lift.firstSMm) / lift.stepMm;
  const count = lift.offsets.length / 3;
  if (f < 0 || f > count - 1) {
    out.x = 0;
    out.y = 0;
    out.z = 0;
    return out;
  }
  const i = Math.min(count - 2, Math.floor(f));
  const w = count === 1 ? 0 : f - i;
  const a = i * 3;
  const b = count === 1 ? a : a + 3;
  out.x = lift.offsets[a] * (1 - w) + lift.offsets[b] * w;
  out.y = lift.offsets[a + 1] * (1 - w) + lift.offsets[b + 1] * w;
  out.z = lift.offsets[a + 2] * (1 - w) + lift.offsets[b + 2] * w;
  return out;
}

const adhesionVoxelCount = new WeakMap<LabelVolume, number>();

function adhesionOpenedShare(volume: LabelVolume, fluid: FluidField, filledBox: { min: number[]; max: number[] }): number {
  let total = adhesionVoxelCount.get(volume);
  if (total === undefined) {
    total = 0;
    for (let i = 0; i < volume.labels.length; i++) if (volume.labels[i] === Label.adhesion) total++;
    adhesionVoxelCount.set(volume, total);
  }
  if (total === 0) return 0;
  const { nx, ny } = fluid.grid;
  let opened = 0;
  for (let z = filledBox.min[2]; z <= filledBox.max[2]; z++) for (let y = filledBox.min[1]; y <= filledBox.max[1]; y++) for (let x = filledBox.min[0]; x <= filledBox.max[0]; x++) {
    const i = x + nx * (y + ny * z);
    if (volume.labels[i] === Label.adhesion && fluid.fill[i] >= FLUID_PRESENT) opened++;
  }
  return opened / total;
}

export function fluidDisplacement(knee: KneeAnatomy, volume: LabelVolume, fluid: FluidField, warp: TissueWarp, filledBox: { min: number[]; max: number[] }): FluidDisplacement {
  if (filledBox.min[0] > filledBox.max[0]) return { nerveLift: null, adhesionReleased: false, adhesionOpenedShare: 0 };
  const share = knee.parameters.adhesionToGastrocnemius ? adhesionOpenedShare(volume, fluid, filledBox) : 0;
  return { nerveLift: nerveLift(knee, fluid, warp, filledBox), adhesionReleased: share >= ADHESION_RELEASE_SHARE, adhesionOpenedShare: share };
}
