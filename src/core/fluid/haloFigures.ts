import type { KneeAnatomy } from '../anatomy/knee';
import type { NerveStructure } from '../anatomy/nerve';
import { type FluidField, voxelCentre, FULL } from './fluidField';
import { fluidFractionAt } from './fluidSample';
import { crossSectionAxes, HALO_SECTORS, HALO_REACH_MM } from './measures';
import { type TissueWarp, displacedTissueAt } from './tissueWarp';

/** Rays are stepped this finely (a tenth of a voxel's 0.25 mm would be finer than the field). */
export const RAY_STEP_MM = 0.05;
export const RAY_MAX_MM = 12;

/**
 * Thickness (mm) of the anechoic rim in each 10° sector round the nerve at arc length s: along
 * the sector's mid ray, the run of injectate (fraction ≥ ½) that starts within 1.5 mm of the
 * epineurium (scoring.md's halo reach); 0 where none does. Sector 0 starts at the cross-section's
 * first axis and they run round the nerve.
 */
export function haloThicknessBySector(knee: KneeAnatomy, fluid: FluidField, sMm: number): number[] {
  const nerve = knee.nerveAt(sMm);
  if (!nerve) throw new RangeError(`No nerve at s = ${sMm} mm`);
  const { u, v } = crossSectionAxes(nerve.tangent);
  const out: number[] = [];
  const p = { x: 0, y: 0, z: 0 };
  for (let sector = 0; sector < HALO_SECTORS; sector++) {
    const angle = ((sector + 0.5) * 2 * Math.PI) / HALO_SECTORS;
    const dx = u.x * Math.cos(angle) + v.x * Math.sin(angle);
    const dy = u.y * Math.cos(angle) + v.y * Math.sin(angle);
    const dz = u.z * Math.cos(angle) + v.z * Math.sin(angle);
    // The epineurium along this ray (the nerve is an ellipse, not the circle of its area).
    let surface = 0;
    for (let r = 0; r < RAY_MAX_MM; r += RAY_STEP_MM) {
      p.x = nerve.centre.x + dx * r;
      p.y = nerve.centre.y + dy * r;
      p.z = nerve.centre.z + dz * r;
      if (knee.cpn.distance(p, 2) + knee.cpn.sheathThicknessMm >= 0) {
        surface = r;
        break;
      }
    }
    out.push(
      rimThicknessMm(surface, (r) => {
        p.x = nerve.centre.x + dx * r;
        p.y = nerve.centre.y + dy * r;
        p.z = nerve.centre.z + dz * r;
        return fluidFractionAt(fluid, p) >= 0.5;
      }),
    );
  }
  return out;
}

/**
 * Along a ray from the nerve's centre whose epineurium is at `surfaceMm`: the length of the first
 * run of injectate (`wetAt(r)`) that starts within `HALO_REACH_MM` of the surface, 0 if none does.
 */
export function rimThicknessMm(surfaceMm: number, wetAt: (rMm: number) => boolean): number {
  let start = -1;
  for (let r = Math.max(0, surfaceMm); r < surfaceMm + RAY_MAX_MM; r += RAY_STEP_MM) {
    const wet = wetAt(r);
    if (wet && start < 0) {
      if (r - surfaceMm > HALO_REACH_MM) return 0;
      start = r;
    }
    if (!wet && start >= 0) return r - start;
  }
  return start < 0 ? 0 : surfaceMm + RAY_MAX_MM - start;
}

/** Share (0–1) of the injectate on the grid lying within `withinMm` outside the nerve's epineurium. */
export function injectateNearNerveShare(nerve: NerveStructure, fluid: FluidField, box: { min: number[]; max: number[] }, withinMm: number): number {
  const { nx, ny } = fluid.grid;
  let near = 0;
  let all = 0;
  for (let z = box.min[2]; z <= box.max[2]; z++) for (let y = box.min[1]; y <= box.max[1]; y++) for (let x = box.min[0]; x <= box.max[0]; x++) {
    const i = x + nx * (y + ny * z);
    const f = fluid.fill[i];
    if (f === 0) continue;
    all += f;
    if (nerve.distance(voxelCentre(fluid, i), withinMm + 1) + nerve.sheathThicknessMm <= withinMm) near += f;
  }
  return all === 0 ? 0 : near / all / (FULL / FULL);
}

/**
 * The same on the displaced anatomy (tissueWarp.ts), what the image shows: rays from where the
 * warp carried the nerve's centre at s, the nerve's surface where the displaced tissue stops being
 * nerve, the rim the run of injectate that starts within `HALO_REACH_MM` of it.
 */
export function displacedHaloThicknessBySector(knee: KneeAnatomy, warp: TissueWarp, sMm: number): number[] {
  const nerve = knee.nerveAt(sMm);
  if (!nerve) throw new RangeError(`No nerve at s = ${sMm} mm`);
  const centre = warp.displacedPoint(nerve.centre);
  const { u, v } = crossSectionAxes(nerve.tangent);
  const out: number[] = [];
  for (let sector = 0; sector < HALO_SECTORS; sector++) {
    const angle = ((sector + 0.5) * 2 * Math.PI) / HALO_SECTORS;
    const d = { x: u.x * Math.cos(angle) + v.x * Math.sin(angle), y: u.y * Math.cos(angle) + v.y * Math.sin(angle), z: u.z * Math.cos(angle) + v.z * Math.sin(angle) };
    const at = (r: number) => displacedTissueAt(knee, warp, { x: centre.x + d.x * r, y: centre.y + d.y * r, z: centre.z + d.z * r });
    let surface = -1;
    for (let r = 0; r < RAY_MAX_MM; r += RAY_STEP_MM) {
      const t = at(r);
      if (t !== 'nerve' && t !== 'epineurium') {
        surface = r;
        break;
      }
    }
    out.push(surface < 0 ? 0 : rimThicknessMm(surface, (r) => at(r) === 'fluid'));
  }
  return out;
}
