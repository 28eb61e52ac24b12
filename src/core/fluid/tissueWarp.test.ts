import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Label, tissueOfLabelId } from '../anatomy/tissues';
import type { Vec3 } from '../math/vec3';
import { FluidSpread } from './spread';
import { displacedTissueAt } from './tissueWarp';
import { warpBalance } from './warpBalance';
import { voxelIndex, unitMl } from './fluidField';
import { nerveAtHead } from './nerveAtHeadFixture';

// The displaced anatomy after injections, read through the one lookup the image, the needle and
// automation use (tissueWarp.ts).
const { knee, volume, nerve, up, radius, fromNerve } = nerveAtHead();

function injectInSteps(spread: FluidSpread, tip: Vec3, ml: number) {
  for (let v = 0; v < ml - 1e-9; v += 0.1) spread.inject(tip, 0.1);
}

/** What lies along +Z (the warp's axis) through the nerve's resting centre, from dz0 to dz1 mm (its epineurium counted as nerve). */
function columnThroughNerve(spread: FluidSpread, dz0: number, dz1: number, stepMm = 0.05): string[] {
  const out: string[] = [];
  for (let dz = dz0; dz <= dz1; dz += stepMm) {
    const t = displacedTissueAt(knee, spread.warp, { x: nerve.centre.x, y: nerve.centre.y, z: nerve.centre.z + dz });
    out.push(t === 'epineurium' ? 'nerve' : t);
  }
  return out;
}

/**
 * Lengths (mm) of the runs of one tissue along a column, in order; slivers under 0.2 mm (the
 * analytic epineurium's rim beyond the nerve's voxel surface) are dropped and their neighbours joined.
 */
function runs(column: string[], stepMm = 0.05): { tissue: string; mm: number }[] {
  const raw: { tissue: string; mm: number }[] = [];
  for (const t of column) {
    if (raw.length && raw[raw.length - 1].tissue === t) raw[raw.length - 1].mm += stepMm;
    else raw.push({ tissue: t, mm: stepMm });
  }
  const out: { tissue: string; mm: number }[] = [];
  for (const r of raw) {
    if (r.mm < 0.2 + 1e-9) continue;
    if (out.length && out[out.length - 1].tissue === r.tissue) out[out.length - 1].mm += r.mm;
    else out.push({ ...r });
  }
  return out;
}

describe('the seed’s 2.5 + 2.5 ml push the tissue aside', () => {
  const spread = new FluidSpread(volume, 1, knee.cpn);
  injectInSteps(spread, fromNerve(radius + 1.2), 2.5);
  const afterAbove = spread.warp.displacedPoint(nerve.centre).z - nerve.centre.z;
  injectInSteps(spread, fromNerve(-(radius + 1.2)), 2.5);

  it('keeps the injectate (to 1e-6 ml) and every tissue’s volume (within 1 %): nothing relabelled away', () => {
    expect(Math.abs(spread.gridMl() - 5)).toBeLessThan(1e-6 + 50 * unitMl(spread.field));
    const books = warpBalance(spread.warp, volume, spread.filledBox, 2);
    expect(Math.abs(books.displacedTissueMl - books.restTissueMl)).toBeLessThan(0.01 * books.restTissueMl);
    // Per label the error is the fluid's blended edge, and the tissue pinned between the fluid
    // and the fibular head, which the columns compress where a body would let it flow sideways:
    // a few % of the injectate at most.
    expect(Math.abs(books.worstLabelDifferenceMl)).toBeLessThan(0.3);
    expect(Math.abs(books.fluidMl - 5)).toBeLessThan(0.1);
  });

  it('over the fibular head the bone holds: the fluid lifts the soft tissue, the cortex stays (within 0.2 mm)', () => {
    // (Away from bone, fluid above the nerve pushes it deeper: displacement.test.ts.)
    expect(afterAbove).toBeGreaterThan(-0.3);
    const under = { ...nerve.centre };
    while (tissueOfLabelId(volume.labels[voxelIndex(spread.field, under)]) !== 'bone' && under.z > nerve.centre.z - 20) under.z -= 0.25;
    expect(tissueOfLabelId(volume.labels[voxelIndex(spread.field, under)])).toBe('bone');
    expect(Math.abs(spread.warp.displacedPoint(under).z - under.z)).toBeLessThan(0.2);
  });

  it('leaves the nerve floating in the halo: fluid on both sides of it, tissue beyond', () => {
    const r = runs(columnThroughNerve(spread, -12, 12));
    const nerveRun = r.findIndex((x) => x.tissue === 'nerve');
    expect(nerveRun).toBeGreaterThan(0);
    expect(r[nerveRun - 1].tissue).toBe('fluid');
    expect(r[nerveRun + 1].tissue).toBe('fluid');
    for (const side of [r[nerveRun - 1], r[nerveRun + 1]]) {
      expect(side.mm).toBeGreaterThanOrEqual(1);
      expect(side.mm).toBeLessThanOrEqual(8);
    }
    // Beyond the fluid, the sheath it lies in, then the fat it pushed aside.
    expect(r[nerveRun - 2].tissue).toBe('sheath');
    expect(r[nerveRun + 2].tissue).toBe('sheath');
  });
});

describe('the nerve lifts off the gastrocnemius with fluid under it', () => {
  const spread = new FluidSpread(volume, 2, knee.cpn);
  injectInSteps(spread, fromNerve(-(radius + 1.2)), 2.5);

  it('rises, with fluid between it and the muscle deep to it', () => {
    expect(spread.warp.displacedPoint(nerve.centre).z - nerve.centre.z).toBeGreaterThan(0.2);
    const r = runs(columnThroughNerve(spread, -12, 8));
    const nerveRun = r.findIndex((x) => x.tissue === 'nerve');
    expect(r[nerveRun - 1].tissue).toBe('fluid');
    expect(r[nerveRun - 1].mm).toBeGreaterThanOrEqual(1.5);
  });
});

describe('a subcutaneous bleb lifts the skin', () => {
  it('the skin over it moves out by the bleb’s half', () => {
    const spread = new FluidSpread(volume, 1, knee.cpn);
    const skin = knee.projectOntoSkin(nerve.centre);
    // 2 mm under the skin, 25 mm along the limb from the nerve's site (1 ml under the skin
    // spreads as a flat bleb some 12 mm across).
    const tip = { x: skin.x - up.x * 2, y: skin.y + 25, z: skin.z - up.z * 2 };
    expect(tissueOfLabelId(volume.labels[voxelIndex(spread.field, tip)])).toBe('fat');
    spread.inject(tip, 1);
    const skinOver = { x: tip.x, y: tip.y, z: tip.z + 2 / up.z };
    const moved = spread.warp.displacedPoint(skinOver).z - skinOver.z;
    expect(moved).toBeGreaterThan(0.3);
    // The nerve, 25 mm away along the limb, does not move.
    expect(Math.abs(spread.warp.displacedPoint(nerve.centre).z - nerve.centre.z)).toBeLessThan(0.05);
  });
});

describe('random injection sequences (fast-check)', () => {
  const insideNerve = (i: number) => volume.labels[i] === Label.fascicle || volume.labels[i] === Label.interfascicularEpineurium;
  it('conserve the injectate and the tissue, and never put fluid inside the epineurium unless the tip was inside', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            // Where the tip is: across and along the nerve, within 9 mm of its centre.
            acrossMm: fc.double({ min: -9, max: 9, noNaN: true }),
            alongMm: fc.double({ min: -6, max: 6, noNaN: true }),
            ml: fc.double({ min: 0.05, max: 0.8, noNaN: true }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        fc.integer({ min: 1, max: 1000 }),
        (injections, seed) => {
          const spread = new FluidSpread(volume, seed, knee.cpn);
          let total = 0;
          let tipInside = false;
          for (const { acrossMm, alongMm, ml } of injections) {
            const p = fromNerve(acrossMm);
            const tip = { x: p.x + nerve.tangent.x * alongMm, y: p.y + nerve.tangent.y * alongMm, z: p.z + nerve.tangent.z * alongMm };
            const i = voxelIndex(spread.field, tip);
            if (!Number.isFinite(volume.labels[i]) || tissueOfLabelId(volume.labels[i]) === 'bone' || tissueOfLabelId(volume.labels[i]) === 'vessel') continue;
            try {
              spread.inject(tip, ml);
            } catch (error) {
              if (error instanceof RangeError) continue;
              throw error;
            }
            total += ml;
            if (insideNerve(i)) tipInside = true;
          }
          // Exact in fill units: the rounding of each injection to a unit at most.
          expect(Math.abs(spread.gridMl() - total)).toBeLessThanOrEqual(1e-6 + injections.length * unitMl(spread.field));
          if (!tipInside) {
            const { min, max } = spread.filledBox;
            const { nx, ny } = spread.field.grid;
            for (let z = min[2]; z <= max[2]; z++)
              for (let y = min[1]; y <= max[1]; y++)
                for (let x = min[0]; x <= max[0]; x++) {
                  const i = x + nx * (y + ny * z);
                  if (spread.field.fill[i] > 0) expect(insideNerve(i)).toBe(false);
                }
          }
          if (total > 0) {
            const books = warpBalance(spread.warp, volume, spread.filledBox, 1);
            expect(Math.abs(books.displacedTissueMl - books.restTissueMl)).toBeLessThan(0.01 * books.restTissueMl);
          }
        },
      ),
      { numRuns: 8, seed: 12 },
    );
  });
});
