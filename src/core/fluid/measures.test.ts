import { describe, expect, it } from 'vitest';
import { KneeAnatomy } from '../anatomy/knee';
import { voxelise } from '../anatomy/voxelise';
import { emptyFluid, voxelCentre, FULL, type FluidField } from './fluidField';
import { measureFluid, haloCoverageAt } from './measures';
import { distance, dot, sub } from '../math/vec3';

const knee = new KneeAnatomy();
const volume = voxelise(knee, { spacingMm: 0.25 });
const site = knee.nerveSAtLevel(-5);

/**
 * Fills voxels whose centre satisfies `inside` (near the nerve only, for speed). `r` is the
 * distance from the centre line scaled to the oval nerve's circle of equal area: the nerve's
 * surface is at r = radius in every direction.
 */
function fluidWhere(inside: (p: { x: number; y: number; z: number }, s: number, r: number) => boolean): FluidField {
  const field = emptyFluid(volume);
  const centre = knee.nerveAt(site)!.centre;
  for (let i = 0; i < field.fill.length; i++) {
    const p = voxelCentre(field, i);
    if (distance(p, centre) > 16) continue;
    const c = knee.cpn.line.closest(p, 6);
    let r = Number.POSITIVE_INFINITY;
    if (c) {
      const { halfWidthMm, halfThicknessMm } = knee.cpn.sectionAt(c.sMm);
      r = Math.hypot(c.widthOffset / halfWidthMm, c.thicknessOffset / halfThicknessMm) * knee.cpn.radiusAt(c.sMm);
    }
    const inFluid = c ? inside(p, c.sMm, r) : inside(p, Number.NaN, r);
    if (inFluid) field.fill[i] = FULL;
  }
  return field;
}

const radius = Math.sqrt(8.4 / Math.PI);

describe('fluid measures (scoring.md)', () => {
  it('a uniform shell round the nerve is a 100% halo with spread along it', () => {
    const shell = fluidWhere((_p, s, r) => Math.abs(s - site) <= 11 && r > radius + 0.35 && r < radius + 1.2);
    const m = measureFluid(knee, volume, shell, site);
    expect(m.haloCoveragePct).toBeGreaterThan(97);
    expect(m.spreadProximalMm + m.spreadDistalMm).toBeGreaterThanOrEqual(20);
    expect(m.intraneuralMl).toBe(0);
    expect(m.superficialMl).toBeGreaterThan(0.3 * m.totalMl);
    expect(m.deepMl).toBeGreaterThan(0.3 * m.totalMl);
  });

  it('a crescent on the skin side is about a 50% halo, all superficial', () => {
    const up = knee.skinNormal(knee.projectOntoSkin(knee.nerveAt(site)!.centre));
    const crescent = fluidWhere((p, s, r) => {
      if (Math.abs(s - site) > 8 || r < radius + 0.35 || r > radius + 1.2) return false;
      const c = knee.nerveAt(s)!.centre;
      return dot(sub(p, c), up) > 0;
    });
    const coverage = haloCoverageAt(knee, crescent, site);
    expect(coverage).toBeGreaterThan(0.4);
    expect(coverage).toBeLessThan(0.62);
    const m = measureFluid(knee, volume, crescent, site);
    expect(m.deepMl).toBeLessThan(0.05 * m.totalMl);
  });

  it('fluid 8 mm from the nerve is no halo and no spread', () => {
    const centre = knee.nerveAt(site)!.centre;
    const away = fluidWhere((p) => distance(p, { ...centre, x: centre.x - 8 }) < 2.5);
    const m = measureFluid(knee, volume, away, site);
    expect(m.totalMl).toBeGreaterThan(0.05);
    expect(m.haloCoveragePct).toBe(0);
    expect(m.spreadProximalMm + m.spreadDistalMm).toBe(0);
  });

  it('counts fluid inside the epineurium as intraneural', () => {
    const inside = fluidWhere((_p, s, r) => Math.abs(s - site) < 3 && r < radius * 0.6);
    const m = measureFluid(knee, volume, inside, site);
    expect(m.intraneuralMl).toBeGreaterThan(0.9 * m.totalMl);
  });
});
