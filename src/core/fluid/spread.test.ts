import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KneeAnatomy } from '../anatomy/knee';
import { voxelise, labelAtVoxel } from '../anatomy/voxelise';
import { Label } from '../anatomy/tissues';
import { FluidSpread } from './spread';
import { measureFluid } from './measures';
import { unitMl } from './fluidField';

const knee = new KneeAnatomy();
const volume = voxelise(knee);
const site = knee.nerveSAtLevel(-12);
const nerve = knee.nerveAt(site)!;
const up = knee.skinNormal(knee.projectOntoSkin(nerve.centre));
const radius = Math.sqrt(nerve.areaMm2 / Math.PI);
/** A point on the line from the nerve's centre toward the skin (negative: deep to it). */
const fromNerve = (mm: number) => ({ x: nerve.centre.x + up.x * mm, y: nerve.centre.y + up.y * mm, z: nerve.centre.z + up.z * mm });

describe('injectate spread by invasion percolation', () => {
  it('good technique — 2.5 ml above and 2.5 ml below the nerve — opens a halo along the sheath at low pressure', () => {
    const spread = new FluidSpread(volume, 1, knee.cpn);
    const above = spread.inject(fromNerve(radius + 0.6), 2.5);
    const below = spread.inject(fromNerve(-(radius + 0.6)), 2.5);
    const m = measureFluid(knee, volume, spread.field, site);
    expect(m.haloCoveragePct).toBeGreaterThanOrEqual(90);
    expect(m.spreadProximalMm + m.spreadDistalMm).toBeGreaterThanOrEqual(20);
    expect(Math.max(above.openingPressurePsi, below.openingPressurePsi)).toBeLessThanOrEqual(10);
    expect(m.intraneuralMl).toBe(0);
  });

  it('a tip 8 mm away in muscle makes no useful halo', () => {
    const spread = new FluidSpread(volume, 1, knee.cpn);
    const tip = { ...knee.landmarks.gastrocnemiusLateral, y: nerve.centre.y };
    expect(knee.tissueAt(tip)).toBe('muscle');
    const result = spread.inject(tip, 5);
    expect(result.openingPressurePsi).toBeGreaterThan(8);
    expect(measureFluid(knee, volume, spread.field, site).haloCoveragePct).toBeLessThan(40);
  });

  it('a tip inside the nerve meets ≥ 15 psi and fills the nerve', () => {
    const spread = new FluidSpread(volume, 1, knee.cpn);
    const result = spread.inject(fromNerve(0), 0.5);
    expect(knee.tissueAt(fromNerve(0))).toBe('nerve');
    expect(result.openingPressurePsi).toBeGreaterThanOrEqual(15);
    expect(result.intraneural).toBe(true);
    expect(measureFluid(knee, volume, spread.field, site).intraneuralMl).toBeGreaterThan(0.1);
  });

  it('a tip against the epineurium meets ≥ 15 psi', () => {
    const spread = new FluidSpread(volume, 1, knee.cpn);
    // The nerve is oval, flatter toward the skin: its surface on this line is a half-thickness
    // out; the 0.2 mm epineurium is thinner than a voxel, so take the point whose voxel is it.
    const surface = knee.cpn.sectionAt(site).halfThicknessMm;
    const offsets = [0.1, 0.05, 0.15, 0.2, 0.0];
    const tip = fromNerve(surface - (offsets.find((d) => labelAtVoxel(volume, fromNerve(surface - d)) === Label.epineurium) ?? 0.1));
    expect(knee.tissueAt(tip)).toBe('epineurium');
    expect(spread.inject(tip, 0.2).openingPressurePsi).toBeGreaterThanOrEqual(15);
  });

  it('injectate in a vessel goes away with the blood', () => {
    const spread = new FluidSpread(volume, 1, knee.cpn);
    const result = spread.inject(knee.landmarks.poplitealArtery, 1);
    expect(result.intravascularMl).toBe(1);
    expect(spread.gridMl()).toBe(0);
  });
});

describe('invariants (fast-check)', () => {
  const tips = fc.record({ along: fc.double({ min: -2.5, max: 2.5, noNaN: true }), ml: fc.double({ min: 0.01, max: 0.6, noNaN: true }) });

  it('conserves volume: injected = fluid in the grid + intravascular, to 1e-6 ml', () => {
    fc.assert(
      fc.property(fc.array(tips, { minLength: 1, maxLength: 4 }), (shots) => {
        const spread = new FluidSpread(volume, 3, knee.cpn);
        for (const { along, ml } of shots) spread.inject(fromNerve(along < 0 ? along - radius - 0.4 : along + radius + 0.4), ml);
        return Math.abs(spread.totalInjectedMl - spread.gridMl() - spread.intravascularMl) <= 1e-6 + shots.length * unitMl(spread.field);
      }),
      { numRuns: 8 },
    );
  });

  it('the same seed and injections give the same fluid voxels', () => {
    fc.assert(
      fc.property(tips, ({ along, ml }) => {
        const a = new FluidSpread(volume, 5, knee.cpn);
        const b = new FluidSpread(volume, 5, knee.cpn);
        const tip = fromNerve(along + radius + 0.5);
        a.inject(tip, ml);
        b.inject(tip, ml);
        return Buffer.from(a.field.fill).equals(Buffer.from(b.field.fill));
      }),
      { numRuns: 5 },
    );
  });

  it('puts no fluid inside fascicles unless the tip was inside the nerve', () => {
    fc.assert(
      fc.property(tips, ({ along, ml }) => {
        const spread = new FluidSpread(volume, 7, knee.cpn);
        spread.inject(fromNerve(along < 0 ? along - radius - 0.4 : along + radius + 0.4), ml * 4);
        for (let i = 0; i < volume.labels.length; i++) if (spread.field.fill[i] > 0 && volume.labels[i] === Label.fascicle) return false;
        return true;
      }),
      // The example: a tip in the fat 2 mm deep to the nerve, once the sheath's wall made the fat
      // round it dearer than forcing the epineurium (found by this property in CI).
      { numRuns: 5, examples: [[{ along: -1.642720846992078, ml: 0.046324226409313725 }]] },
    );
  });
});

describe('the fluid surface for the 3D view', () => {
  it('is a closed mesh around the injectate, none before it', async () => {
    const { fluidSurface } = await import('./fluidSurface');
    const spread = new FluidSpread(volume, 1, knee.cpn);
    expect(fluidSurface(spread)).toBeNull();
    spread.inject(fromNerve(radius + 0.6), 1);
    const mesh = fluidSurface(spread)!;
    expect(mesh.indices.length).toBeGreaterThan(300);
    // Every vertex lies within a few mm of the nerve where the fluid went.
    for (let v = 0; v < mesh.positions.length; v += 3) {
      const d = Math.hypot(mesh.positions[v] - nerve.centre.x, mesh.positions[v + 1] - nerve.centre.y, mesh.positions[v + 2] - nerve.centre.z);
      expect(d).toBeLessThan(40);
    }
  });
});
