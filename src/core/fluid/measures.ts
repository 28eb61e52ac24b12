import type { KneeAnatomy } from '../anatomy/knee';
import type { LabelVolume } from '../anatomy/voxelise';
import { tissueOfLabelId } from '../anatomy/tissues';
import { type Vec3, cross, normalize, dot, sub } from '../math/vec3';
import { type FluidField, voxelIndex, voxelCentre, unitMl, FULL } from './fluidField';

/** scoring.md's definitions, as named constants. */
export const HALO_SECTORS = 36; // 10° each
export const HALO_REACH_MM = 1.5; // injectate within this of the epineurium counts
export const HALO_SECTION_STEP_MM = 1;
export const HALO_SECTION_HALF_SPAN_MM = 5;
export const SPREAD_MIN_COVERAGE = 0.5;
/** A voxel at least half full counts as holding injectate. */
const FLUID_PRESENT = FULL / 2;

export interface FluidMeasures {
  totalMl: number;
  haloCoveragePct: number;
  spreadProximalMm: number;
  spreadDistalMm: number;
  superficialMl: number;
  deepMl: number;
  intraneuralMl: number;
}

/** Two unit axes across the nerve at a section (perpendicular to its tangent and to each other). */
export function crossSectionAxes(t: Vec3): { u: Vec3; v: Vec3 } {
  const u = normalize(Math.abs(t.z) < 0.9 ? cross(t, { x: 0, y: 0, z: 1 }) : cross(t, { x: 1, y: 0, z: 0 }));
  return { u, v: cross(t, u) };
}

/**
 * Share of 10° sectors round the nerve at arc length s with injectate within 1.5 mm outside the
 * epineurium (scoring.md: halo coverage at a cross-section), 0–1.
 */
export function haloCoverageAt(knee: KneeAnatomy, fluid: FluidField, sMm: number): number {
  const nerve = knee.nerveAt(sMm);
  if (!nerve) return 0;
  const { u, v } = crossSectionAxes(nerve.tangent);
  const radius = Math.sqrt(nerve.areaMm2 / Math.PI);
  const step = fluid.grid.spacingMm;
  let covered = 0;
  for (let sector = 0; sector < HALO_SECTORS; sector++) {
    let found = false;
    for (let a = 0; a < 3 && !found; a++) {
      const angle = ((sector + (a + 0.5) / 3) * 2 * Math.PI) / HALO_SECTORS;
      const dx = Math.cos(angle);
      const dy = Math.sin(angle);
      for (let r = radius; r <= radius + HALO_REACH_MM + 1e-9 && !found; r += step) {
        const p = { x: nerve.centre.x + (u.x * dx + v.x * dy) * r, y: nerve.centre.y + (u.y * dx + v.y * dy) * r, z: nerve.centre.z + (u.z * dx + v.z * dy) * r };
        const i = voxelIndex(fluid, p);
        if (i >= 0 && fluid.fill[i] >= FLUID_PRESENT) found = true;
      }
    }
    if (found) covered++;
  }
  return covered / HALO_SECTORS;
}

/**
 * The attempt's figures from the fluid on the grid, around the injection site at nerve arc length
 * `siteSMm` (scoring.md): halo (mean over sections every 1 mm across ±5 mm), longitudinal spread
 * (nerve length each way with ≥ 50% halo, connected to the site), volume above and below the
 * nerve's centre (toward and away from the skin), volume inside the epineurium.
 */
export function measureFluid(knee: KneeAnatomy, volume: LabelVolume, fluid: FluidField, siteSMm: number, filledBox?: { min: number[]; max: number[] }): FluidMeasures {
  let halo = 0;
  let sections = 0;
  for (let ds = -HALO_SECTION_HALF_SPAN_MM; ds <= HALO_SECTION_HALF_SPAN_MM; ds += HALO_SECTION_STEP_MM) {
    halo += haloCoverageAt(knee, fluid, siteSMm + ds);
    sections++;
  }
  const spreadOneWay = (direction: 1 | -1) => {
    let length = 0;
    for (let ds = HALO_SECTION_STEP_MM; ; ds += HALO_SECTION_STEP_MM) {
      const s = siteSMm + direction * ds;
      if (!knee.nerveAt(s) || haloCoverageAt(knee, fluid, s) < SPREAD_MIN_COVERAGE) break;
      length = ds;
    }
    return length;
  };
  const site = knee.nerveAt(siteSMm);
  const up = site ? knee.skinNormal(knee.projectOntoSkin(site.centre)) : { x: 0, y: 0, z: 1 };
  const ml = unitMl(fluid);
  let totalMl = 0;
  let superficialMl = 0;
  let deepMl = 0;
  let intraneuralMl = 0;
  // Only the box that holds fluid need be read (the whole grid is 36 M voxels), in 2×2×2 blocks:
  // above or below is decided once per block (the nerve's nearest point is the costly part).
  const { nx, ny, nz } = fluid.grid;
  const lo = filledBox ? filledBox.min : [0, 0, 0];
  const hi = filledBox ? filledBox.max : [nx - 1, ny - 1, nz - 1];
  for (let bz = lo[2]; bz <= hi[2]; bz += 2) for (let by = lo[1]; by <= hi[1]; by += 2) for (let bx = lo[0]; bx <= hi[0]; bx += 2) {
    let blockMl = 0;
    for (let z = bz; z <= Math.min(bz + 1, hi[2]); z++) for (let y = by; y <= Math.min(by + 1, hi[1]); y++) for (let x = bx; x <= Math.min(bx + 1, hi[0]); x++) {
      const i = x + nx * (y + ny * z);
      const f = fluid.fill[i];
      if (f === 0) continue;
      const amount = f * ml;
      blockMl += amount;
      const tissue = tissueOfLabelId(volume.labels[i]);
      if (tissue === 'nerve' || tissue === 'epineurium') intraneuralMl += amount;
    }
    if (blockMl === 0) continue;
    totalMl += blockMl;
    if (site) {
      // Above or below the nerve: relative to the nearest point of the nerve near the site.
      const p = voxelCentre(fluid, bx + nx * (by + ny * bz));
      const h = fluid.grid.spacingMm / 2;
      const centreOfBlock = { x: p.x + h, y: p.y + h, z: p.z + h };
      const c = knee.cpn.line.closest(centreOfBlock, 40);
      const centre = c ? knee.cpn.line.pointAt(knee.cpn.line.sampleAtS(c.sMm) ?? 0) : site.centre;
      if (dot(sub(centreOfBlock, centre), up) > 0) superficialMl += blockMl;
      else deepMl += blockMl;
    }
  }
  return {
    totalMl,
    haloCoveragePct: (100 * halo) / sections,
    spreadProximalMm: spreadOneWay(1),
    spreadDistalMm: spreadOneWay(-1),
    superficialMl,
    deepMl,
    intraneuralMl,
  };
}


/** The stretch of the CPN (arc lengths) holding injectate inside its epineurium, or null. */
export function intraneuralSpan(knee: KneeAnatomy, volume: LabelVolume, fluid: FluidField, filledBox: { min: number[]; max: number[] }): { sMinMm: number; sMaxMm: number } | null {
  const { nx, ny } = fluid.grid;
  let sMinMm = Infinity;
  let sMaxMm = -Infinity;
  for (let z = filledBox.min[2]; z <= filledBox.max[2]; z++) for (let y = filledBox.min[1]; y <= filledBox.max[1]; y++) for (let x = filledBox.min[0]; x <= filledBox.max[0]; x++) {
    const i = x + nx * (y + ny * z);
    if (fluid.fill[i] === 0) continue;
    const tissue = tissueOfLabelId(volume.labels[i]);
    if (tissue !== 'nerve' && tissue !== 'epineurium') continue;
    const c = knee.cpn.line.closest(voxelCentre(fluid, i), 6);
    if (!c) continue;
    sMinMm = Math.min(sMinMm, c.sMm);
    sMaxMm = Math.max(sMaxMm, c.sMm);
  }
  return sMinMm <= sMaxMm ? { sMinMm, sMaxMm } : null;
}
