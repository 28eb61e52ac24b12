import { describe, expect, it } from 'vitest';
import { FrameMaker } from '../imaging/frame';
import { imageGeometry } from '../imaging/imageGeometry';
import { placeProbe } from '../probe/placement';
import { probeFrame, ScanGeometry } from '../probe/scanGeometry';
import { FluidSpread } from '../fluid/spread';
import { fluidEffects } from '../fluid/fluidEffects';
import { defaultScannerSettings } from './scannerSettings';
import { nerveAtHead } from '../fluid/nerveAtHeadFixture';
import { BModeImager } from './bmode';
import { posteriorEnhancement } from './posteriorEnhancement';

// The image after the seed's 2.5 ml above and 2.5 ml below the CPN, through the worker's path
// (FrameMaker with the spread's tissue warp and the fluid's effects): one nerve, floating in fluid.
const { knee, volume, site, nerve, radius, fromNerve } = nerveAtHead();
const spread = new FluidSpread(volume, 1, knee.cpn);
for (const side of [1, -1]) for (let v = 0; v < 2.5 - 1e-9; v += 0.1) spread.inject(fromNerve(side * (radius + 1.2)), 0.1);
const effects = fluidEffects(knee, volume, spread.field, spread.filledBox, site);
const settings = { ...defaultScannerSettings, timeSeconds: 0 };
const pose = placeProbe(knee, { centre: knee.projectOntoSkin(nerve.centre), rotationDeg: (Math.atan2(nerve.tangent.y, nerve.tangent.x) * 180) / Math.PI - 90, compressionMm: 1 });
const after = {
  fluid: spread.field.fill,
  tissueWarp: spread.warp,
  nerveDeformation: { swelling: effects.swelling, lift: effects.displacement.nerveLift },
  adhesionReleased: effects.displacement.adhesionReleased,
};
const frame = new FrameMaker(knee, volume).bModeFrame(pose, settings, after);
const scan = new ScanGeometry(knee, probeFrame(knee, pose), imageGeometry(settings.depthMm));
const rowMm = scan.image.sampleSpacingMm;

/** Mean pixel of rows along the image column through `col`, ±2 columns (speckle averaged). */
function profile(col: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < frame.height; r++) {
    let sum = 0;
    for (let c = col - 2; c <= col + 2; c++) sum += frame.pixels[r * frame.width + c];
    out.push(sum / 5);
  }
  return out;
}

/** Runs (start row, length) of rows whose mean is at or under `dark`. */
function darkRuns(values: number[], from: number, to: number, dark: number): { start: number; length: number }[] {
  const runs: { start: number; length: number }[] = [];
  for (let r = from; r < to; r++) {
    if (values[r] > dark) continue;
    const last = runs[runs.length - 1];
    if (last && last.start + last.length === r) last.length++;
    else runs.push({ start: r, length: 1 });
  }
  return runs;
}

/**
 * Maximal runs [from, to) of rows brighter than `dark` with ≥ `fluidMm` of dark rows right above
 * and right below. A dark run on to the image's foot is a bone's shadow, not fluid: the cortex
 * over it (under the cuff on the fibular head) does not float.
 */
function floatingSections(values: number[], dark: number, fluidMm: number): { from: number; to: number }[] {
  const runs = darkRuns(values, 0, values.length, dark).filter((r) => r.length * rowMm >= fluidMm && r.start + r.length < values.length);
  const out: { from: number; to: number }[] = [];
  for (let k = 0; k + 1 < runs.length; k++) {
    const from = runs[k].start + runs[k].length;
    const to = runs[k + 1].start;
    // Echogenic all through (a dark gap of ≥ 0.3 mm would make it two things).
    if (darkRuns(values, from, to, dark).every((r) => r.length * rowMm < 0.3)) out.push({ from, to });
  }
  return out;
}

describe('the short axis after the seed’s 2.5 + 2.5 ml', () => {
  const moved = spread.warp.displacedPoint(nerve.centre);
  const at = scan.toImage(moved);
  const col = Math.round(at.col);
  const values = profile(col);
  const DARK = 30;
  const nerveSections = floatingSections(values, DARK, 0.5).filter(({ from, to }) => (to - from) * rowMm >= radius && (to - from) * rowMm <= 2 * radius + 1.2);

  it('shows the nerve once along the line through it, floating in anechoic fluid (≥ 0.5 mm above and below), where its tissue was carried', () => {
    expect(frame.width).toBe(scan.image.cols);
    expect(nerveSections).toHaveLength(1);
    // The probe rides on the lifted skin, so the image shows it deeper, by at most the warp's largest shift.
    const { from, to } = nerveSections[0];
    const centreRow = (from + to) / 2;
    expect(centreRow).toBeGreaterThanOrEqual(at.row - 1 / rowMm);
    expect(centreRow).toBeLessThanOrEqual(at.row + (spread.warp.maxShiftMm + 1) / rowMm);
  });

  it('has a bright rim: the section’s edges (epineurium) brighter than its middle', () => {
    const { from, to } = nerveSections[0];
    const rim = Math.round(0.6 / rowMm);
    const edge = Math.max(...values.slice(from, from + rim), ...values.slice(to - rim, to));
    const mid = Math.round((from + to) / 2);
    const middle = values.slice(mid - Math.round(0.4 / rowMm), mid + Math.round(0.4 / rowMm) + 1);
    expect(edge).toBeGreaterThan(middle.reduce((a, b) => a + b, 0) / middle.length);
  });
});

describe('under the halo', () => {
  it('the tissue under the injectate is brighter than beside it (posterior enhancement) without a saturated band (< 2 % at 255)', () => {
    const under = posteriorEnhancement(new BModeImager(knee, volume), knee, volume, pose, settings, after);
    expect(under.linesUnderFluid).toBeGreaterThan(20);
    expect(under.meanGreyBelow).toBeGreaterThan(under.meanGreyBeside);
    expect(under.saturatedBelow).toBeLessThan(0.02);
  });
});
