import { describe, expect, it } from 'vitest';
import { FluidSpread } from './spread';
import { measureFluid } from './measures';
import { injectateNearNerveShare } from './haloFigures';
import { spindleProfile, spindleFigures, type SpindleSection } from './spindleFigures';
import { nerveAtHead } from './nerveAtHeadFixture';

describe('spindle figures from a profile', () => {
  const section = (sMm: number, aboveMm: number, belowMm: number): SpindleSection => ({ sMm, aboveMm, belowMm });

  it('measures the wet run round the site, its reach each way and its taper', () => {
    const profile = [section(-3, 0, 0), section(-2, 1, 0), section(-1, 2, 2), section(0, 3, 3), section(1, 2, 2), section(2, 0, 1), section(3, 0, 0), section(4, 3, 3)];
    const f = spindleFigures(profile, 0);
    expect(f.lengthMm).toBe(5);
    expect(f.proximalMm).toBe(2.5);
    expect(f.distalMm).toBe(2.5);
    expect(f.bothSidesMm).toBe(3);
    expect(f.endsMm).toBeLessThan(f.middleMm);
  });

  it('is empty where the site is dry', () => {
    expect(spindleFigures([section(0, 0, 0), section(10, 3, 3)], 0).lengthMm).toBe(0);
  });
});

// The seed's hydrodissection at the fibular head in 0.1 ml press-and-hold steps (as the UI sends
// them): 2.5 ml with the tip 1.2 mm superficial to the nerve, then 2.5 ml 1.2 mm deep to it.
describe('the seed’s 2.5 + 2.5 ml seen in long axis', () => {
  const { knee, volume, site, radius, up, fromNerve } = nerveAtHead();
  const spread = new FluidSpread(volume, 1, knee.cpn);
  for (const k of [radius + 1.2, -(radius + 1.2)]) for (let v = 0; v < 2.5 - 1e-9; v += 0.1) spread.inject(fromNerve(k), 0.1);
  const profile = spindleProfile(knee, spread.field, site, up, 70, 1);
  const f = spindleFigures(profile, site);

  it('tracks along the sheath as a spindle ≥ 20 mm long, wet above and below the nerve over ≥ 20 mm', () => {
    expect(f.lengthMm).toBeGreaterThanOrEqual(20);
    expect(f.bothSidesMm).toBeGreaterThanOrEqual(20);
    expect(Math.min(f.proximalMm, f.distalMm)).toBeGreaterThanOrEqual(5);
  });

  it('is 1–4 mm thick above and below the nerve at and round the injection site', () => {
    for (const x of profile.filter((p) => Math.abs(p.sMm - site) <= 5)) {
      expect(x.aboveMm, `above at ${x.sMm - site} mm`).toBeGreaterThanOrEqual(1);
      expect(x.aboveMm, `above at ${x.sMm - site} mm`).toBeLessThanOrEqual(4);
      expect(x.belowMm, `below at ${x.sMm - site} mm`).toBeGreaterThanOrEqual(1);
      expect(x.belowMm, `below at ${x.sMm - site} mm`).toBeLessThanOrEqual(4);
    }
    // Nowhere along it thicker than the stretched sheath: no lakes.
    expect(Math.max(...profile.map((p) => Math.max(p.aboveMm, p.belowMm)))).toBeLessThanOrEqual(4);
  });

  it('tapers toward its ends', () => {
    expect(f.endsMm).toBeLessThan(0.7 * f.middleMm);
  });

  it('keeps ≥ 70% of the injectate within 5 mm of the epineurium and ≥ 1.5 ml on each side', () => {
    expect(injectateNearNerveShare(knee.cpn, spread.field, spread.filledBox, 5)).toBeGreaterThanOrEqual(0.7);
    const m = measureFluid(knee, volume, spread.field, site, spread.filledBox);
    expect(m.superficialMl).toBeGreaterThanOrEqual(1.5);
    expect(m.deepMl).toBeGreaterThanOrEqual(1.5);
  });
});
