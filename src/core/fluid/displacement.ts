import type { KneeAnatomy } from '../anatomy/knee';
import type { LabelVolume } from '../anatomy/voxelise';
import { Label } from '../anatomy/tissues';
import { type FluidField, voxelIndex, FULL } from './fluidField';
import { crossSectionAxes } from './measures';

/**
 * Tissue pushed aside by the injectate. The spread model puts fluid into voxels the tissue held;
 * here the nerve is moved away from the fluid beside it (a crescent under the nerve lifts it, a
 * full halo leaves it floating where it was), and scar binding the nerve to the lateral
 * gastrocnemius counts as released once fluid has opened the plane it occupies.
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

const SECTORS = 36;
/** Fluid counts as beside the nerve when it starts within this of the epineurium. */
const CONTACT_MM = 1.5;
/** A fluid layer thicker than this pushes no harder (the tissue beyond gives way). */
const MAX_LAYER_MM = 6;
/** The nerve moves at most this far: it is tethered above and below the fluid. */
export const MAX_NERVE_LIFT_MM = 2.5;
/** Scar with injectate in this share of it no longer binds the nerve to the muscle. */
export const ADHESION_RELEASE_SHARE = 0.35;
const STATION_STEP_MM = 1;
const FLUID_PRESENT = FULL / 2;

const fluidAt = (fluid: FluidField, x: number, y: number, z: number): boolean => {
  const i = voxelIndex(fluid, { x, y, z });
  return i >= 0 && fluid.fill[i] >= FLUID_PRESENT;
};

/** Net push on the nerve at arc length s: minus the fluid-layer thickness summed round it. */
function pushAt(knee: KneeAnatomy, fluid: FluidField, sMm: number): { x: number; y: number; z: number } | null {
  const nerve = knee.nerveAt(sMm);
  if (!nerve) return null;
  const { u, v } = crossSectionAxes(nerve.tangent);
  const radius = Math.sqrt(nerve.areaMm2 / Math.PI);
  const step = fluid.grid.spacingMm;
  let px = 0;
  let py = 0;
  let pz = 0;
  for (let sector = 0; sector < SECTORS; sector++) {
    const angle = ((sector + 0.5) * 2 * Math.PI) / SECTORS;
    const ex = u.x * Math.cos(angle) + v.x * Math.sin(angle);
    const ey = u.y * Math.cos(angle) + v.y * Math.sin(angle);
    const ez = u.z * Math.cos(angle) + v.z * Math.sin(angle);
    let layer = 0;
    let started = false;
    for (let r = radius; r <= radius + MAX_LAYER_MM; r += step) {
      const wet = fluidAt(fluid, nerve.centre.x + ex * r, nerve.centre.y + ey * r, nerve.centre.z + ez * r);
      if (wet) {
        started = true;
        layer += step;
      } else if (started || r > radius + CONTACT_MM) break;
    }
    px -= ex * layer;
    py -= ey * layer;
    pz -= ez * layer;
  }
  // A one-sided crescent of thickness t moves the nerve about 0.64 t (2/π of it).
  const k = 2 / SECTORS;
  return { x: px * k, y: py * k, z: pz * k };
}

function nerveLift(knee: KneeAnatomy, fluid: FluidField, filledBox: { min: number[]; max: number[] }): NerveLift | null {
  const { origin, spacingMm: h } = fluid.grid;
  const margin = MAX_LAYER_MM + 3;
  const lo = filledBox.min.map((v, a) => [origin.x, origin.y, origin.z][a] + v * h - margin);
  const hi = filledBox.max.map((v, a) => [origin.x, origin.y, origin.z][a] + v * h + margin);
  const line = knee.cpn.line;
  const stations: { s: number; push: { x: number; y: number; z: number } }[] = [];
  const sFirst = Math.ceil(line.sOfSample(0));
  const sLast = Math.floor(line.sOfSample(line.count - 1));
  for (let s = sFirst; s <= sLast; s += STATION_STEP_MM) {
    const n = knee.nerveAt(s);
    if (!n) continue;
    const c = n.centre;
    if (c.x < lo[0] || c.y < lo[1] || c.z < lo[2] || c.x > hi[0] || c.y > hi[1] || c.z > hi[2]) continue;
    const push = pushAt(knee, fluid, s);
    if (push) stations.push({ s, push });
  }
  if (stations.length === 0) return null;
  const firstSMm = stations[0].s;
  const count = stations[stations.length - 1].s - firstSMm + 1;
  const raw = new Array<number>(count * 3).fill(0);
  for (const { s, push } of stations) {
    const i = (s - firstSMm) * 3;
    raw[i] = push.x;
    raw[i + 1] = push.y;
    raw[i + 2] = push.z;
  }
  // Smooth along the nerve (a nerve bends gently), then cap the displacement.
  const offsets = new Array<number>(count * 3).fill(0);
  let any = false;
  for (let i = 0; i < count; i++) {
    let x = 0;
    let y = 0;
    let z = 0;
    let w = 0;
    for (let j = Math.max(0, i - 2); j <= Math.min(count - 1, i + 2); j++) {
      x += raw[j * 3];
      y += raw[j * 3 + 1];
      z += raw[j * 3 + 2];
      w++;
    }
    const length = Math.hypot(x, y, z) / w;
    const scale = length > MAX_NERVE_LIFT_MM ? MAX_NERVE_LIFT_MM / length : 1;
    offsets[i * 3] = (x / w) * scale;
    offsets[i * 3 + 1] = (y / w) * scale;
    offsets[i * 3 + 2] = (z / w) * scale;
    if (length > 0.05) any = true;
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

export function fluidDisplacement(knee: KneeAnatomy, volume: LabelVolume, fluid: FluidField, filledBox: { min: number[]; max: number[] }): FluidDisplacement {
  if (filledBox.min[0] > filledBox.max[0]) return { nerveLift: null, adhesionReleased: false, adhesionOpenedShare: 0 };
  const share = knee.parameters.adhesionToGastrocnemius ? adhesionOpenedShare(volume, fluid, filledBox) : 0;
  return { nerveLift: nerveLift(knee, fluid, filledBox), adhesionReleased: share >= ADHESION_RELEASE_SHARE, adhesionOpenedShare: share };
}
