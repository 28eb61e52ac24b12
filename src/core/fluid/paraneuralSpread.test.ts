import { describe, expect, it } from 'vitest';
import { FluidSpread } from './spread';
import { measureFluid, crossSectionAxes } from './measures';
import { haloThicknessBySector, injectateNearNerveShare } from './haloFigures';
import { fluidFractionAt } from './fluidSample';
import { ParaneuralSpace } from './paraneuralSpace';
import { nerveAtHead } from './nerveAtHeadFixture';

// The seed's technique at the fibular head (scriptedAttempt.ts): 2.5 ml with the tip 1.2 mm
// superficial to the nerve, then 2.5 ml 1.2 mm deep to it, in 0.1 ml press-and-hold steps.
const { knee, volume, site, nerve, radius, fromNerve } = nerveAtHead();

function injectInSteps(spread: FluidSpread, tip: ReturnType<typeof fromNerve>, ml: number) {
  let pressure = 0;
  for (let v = 0; v < ml - 1e-9; v += 0.1) pressure = Math.max(pressure, spread.inject(tip, 0.1).openingPressurePsi);
  return pressure;
}

describe('2.5 ml above + 2.5 ml below the nerve in its sheath (the seed’s hydrodissection)', () => {
  const spread = new FluidSpread(volume, 1, knee.cpn);
  const abovePsi = injectInSteps(spread, fromNerve(radius + 1.2), 2.5);
  const afterFirst = measureFluid(knee, volume, spread.field, site, spread.filledBox);
  const belowPsi = injectInSteps(spread, fromNerve(-(radius + 1.2)), 2.5);
  const after = measureFluid(knee, volume, spread.field, site, spread.filledBox);

  it('conserves the injectate to 1e-6 ml', () => {
    expect(Math.abs(spread.gridMl() - 5)).toBeLessThan(1e-6 + 50 * (volume.spacingMm ** 3 * 1e-3) / 255);
  });

  it('keeps ≥ 1.5 ml of each bolus on the side it was placed', () => {
    expect(afterFirst.superficialMl).toBeGreaterThanOrEqual(1.5);
    expect(after.deepMl - afterFirst.deepMl).toBeGreaterThanOrEqual(1.5);
  });

  it('makes a halo 1–4 mm thick in ≥ 75% of the 10° sectors at the injection site', () => {
    const thickness = haloThicknessBySector(knee, spread.field, site);
    expect(thickness.filter((t) => t >= 1 && t <= 4).length / thickness.length).toBeGreaterThanOrEqual(0.75);
    expect(after.haloCoveragePct).toBeGreaterThanOrEqual(90);
  });

  it('keeps ≥ 70% of the injectate within 5 mm of the epineurium, as a spindle ≥ 20 mm along the sheath', () => {
    expect(injectateNearNerveShare(knee.cpn, spread.field, spread.filledBox, 5)).toBeGreaterThanOrEqual(0.7);
    expect(after.spreadProximalMm + after.spreadDistalMm).toBeGreaterThanOrEqual(20);
    expect(after.intraneuralMl).toBe(0);
  });

  it('opens at perineural pressures (4–10 psi)', () => {
    expect(Math.min(abovePsi, belowPsi)).toBeGreaterThanOrEqual(3);
    expect(Math.max(abovePsi, belowPsi)).toBeLessThanOrEqual(10);
  });

  it('has a smooth boundary: the fraction falls from full to empty across about a voxel', () => {
    // Outward from the nerve toward the skin, through the halo's outer edge.
    let inside = -1;
    let outside = -1;
    for (let r = radius; r < radius + 10; r += 0.02) {
      const f = fluidFractionAt(spread.field, fromNerve(r));
      if (f >= 0.99 && outside < 0) inside = r;
      if (inside > 0 && f <= 0.01) {
        outside = r;
        break;
      }
    }
    expect(inside).toBeGreaterThan(0);
    expect(outside - inside).toBeGreaterThan(0.1);
    expect(outside - inside).toBeLessThan(3 * volume.spacingMm);
  });
});

describe('wrong planes', () => {
  it('subcutaneous: a tip in the fat under the skin, 12 mm beside the nerve, raises a bleb and no halo', () => {
    const { u } = crossSectionAxes(nerve.tangent);
    const skin = knee.projectOntoSkin({ x: nerve.centre.x - u.x * 12, y: nerve.centre.y - u.y * 12, z: nerve.centre.z - u.z * 12 });
    const normal = knee.skinNormal(skin);
    const tip = { x: skin.x - normal.x * 2.5, y: skin.y - normal.y * 2.5, z: skin.z - normal.z * 2.5 };
    expect(knee.tissueAt(tip)).toBe('fat');
    expect(new ParaneuralSpace(knee.cpn, volume).distanceAtMm(tip.x, tip.y, tip.z)).toBeGreaterThan(2.2);
    const spread = new FluidSpread(volume, 1, knee.cpn);
    const psi = injectInSteps(spread, tip, 2);
    expect(measureFluid(knee, volume, spread.field, site, spread.filledBox).haloCoveragePct).toBeLessThan(25);
    expect(psi).toBeGreaterThan(6);
    expect(Math.abs(spread.gridMl() - 2)).toBeLessThan(1e-3);
  });
});
