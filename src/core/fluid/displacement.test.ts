import { describe, expect, it } from 'vitest';
import { KneeAnatomy } from '../anatomy/knee';
import { voxelise } from '../anatomy/voxelise';
import { FluidSpread } from './spread';
import { fluidDisplacement, liftAt, MAX_NERVE_LIFT_MM } from './displacement';
import { dot, normalize } from '../math/vec3';
import { voxelCentre } from './fluidField';

/** Tissue pushed aside: the nerve moves off the fluid beside it; scar gives way to fluid. */
describe('fluid pushes tissue aside', () => {
  const knee = new KneeAnatomy({ adhesionToGastrocnemius: true });
  const volume = voxelise(knee);
  const site = knee.nerveSAtLevel(0);
  const nerve = knee.nerveAt(site)!;
  const up = knee.skinNormal(knee.projectOntoSkin(nerve.centre));
  const radius = Math.sqrt(nerve.areaMm2 / Math.PI);
  const fromNerve = (mm: number) => ({ x: nerve.centre.x + up.x * mm, y: nerve.centre.y + up.y * mm, z: nerve.centre.z + up.z * mm });
  /** The nerve's move at the site, and its part toward the fluid near it (negative: pushed away). */
  const liftAtSite = (spread: FluidSpread) => {
    const moved = fluidDisplacement(knee, volume, spread.field, spread.warp, spread.filledBox);
    const offset = moved.nerveLift ? liftAt(moved.nerveLift, site, { x: 0, y: 0, z: 0 }) : { x: 0, y: 0, z: 0 };
    // Centroid of the injectate within 6 mm of the nerve's centre at the site.
    let cx = 0, cy = 0, cz = 0, n = 0;
    for (let i = 0; i < spread.field.fill.length; i++) {
      if (spread.field.fill[i] < 128) continue;
      const p = voxelCentre(spread.field, i);
      if (Math.hypot(p.x - nerve.centre.x, p.y - nerve.centre.y, p.z - nerve.centre.z) > 6) continue;
      cx += p.x; cy += p.y; cz += p.z; n++;
    }
    const toFluid = normalize({ x: cx / n - nerve.centre.x, y: cy / n - nerve.centre.y, z: cz / n - nerve.centre.z });
    return { moved, liftMm: Math.hypot(offset.x, offset.y, offset.z), towardFluidMm: dot(offset, toFluid), towardSkinMm: dot(offset, up) };
  };

  it('nothing moves before any injection', () => {
    const spread = new FluidSpread(volume, 1, knee.cpn);
    const moved = fluidDisplacement(knee, volume, spread.field, spread.warp, spread.filledBox);
    expect(moved.nerveLift).toBeNull();
    expect(moved.adhesionReleased).toBe(false);
  });

  it('fluid injected deep to the nerve pushes it away from the fluid, and opens the scar', () => {
    const spread = new FluidSpread(volume, 1, knee.cpn);
    spread.inject(fromNerve(-(radius + 0.6)), 2.5);
    const { moved, liftMm, towardFluidMm } = liftAtSite(spread);
    // The paraneural space carries most of a bolus round the nerve (a cuff only a little thicker
    // on the bolus's side: here ~0.25 mm), and the tissue either side of a layer shares its
    // thickness (tissueWarp.ts), so the nerve moves by half the difference, not the whole layer:
    // away from the fluid, by about a tenth of a millimetre. What lifts it off the gastrocnemius
    // is the fluid between them (tissueWarp.test.ts).
    expect(liftMm).toBeGreaterThan(0.1);
    expect(liftMm).toBeLessThanOrEqual(MAX_NERVE_LIFT_MM + 1e-9);
    expect(towardFluidMm).toBeLessThan(-0.05);
    expect(moved.adhesionReleased).toBe(true);
  });

  it('fluid above the nerve pushes it deeper', () => {
    const spread = new FluidSpread(volume, 1, knee.cpn);
    spread.inject(fromNerve(radius + 0.6), 1.5);
    const { towardFluidMm, towardSkinMm } = liftAtSite(spread);
    expect(towardFluidMm).toBeLessThan(-0.15);
    expect(towardSkinMm).toBeLessThan(0);
  });

  it('a little fluid beside the nerve is not enough to free it', () => {
    const spread = new FluidSpread(volume, 1, knee.cpn);
    spread.inject(fromNerve(radius + 0.6), 0.1);
    expect(liftAtSite(spread).moved.adhesionReleased).toBe(false);
  });
});
