import { describe, expect, it } from 'vitest';
import { KneeAnatomy } from '../anatomy/knee';
import { voxelise } from '../anatomy/voxelise';
import { placeProbe } from '../probe/placement';
import { probeFrame, ScanGeometry } from '../probe/scanGeometry';
import { BModeImager } from './bmode';
import { defaultScannerSettings } from './scannerSettings';
import type { NeedleSegment } from './needleEcho';
import type { Vec3 } from '../math/vec3';

/**
 * The needle as it comes out of the whole pipeline (echo field, point-spread function, log
 * compression), read on the scanner's own line × sample grid. Everything is measured against
 * the same frame formed without the needle, so the tissue's calibration does not matter.
 */
const knee = new KneeAnatomy();
const volume = voxelise(knee);
const imager = new BModeImager(knee, volume);
const settings = { ...defaultScannerSettings };
// Over the calf muscles: soft tissue to ~25 mm deep, no bone under the needle.
const pose = placeProbe(knee, { centre: { x: -20, y: -35, z: 30 }, rotationDeg: 0, compressionMm: 1 });
const axes = probeFrame(knee, pose);
const along = (p: Vec3, axis: Vec3, k: number): Vec3 => ({ x: p.x + axis.x * k, y: p.y + axis.y * k, z: p.z + axis.z * k });
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const DIAMETER_MM = 0.51; // 25 G
const DEPTH_MM = 10;
/** Display: dynamic range over 255 grey levels. */
const GREY_PER_DB = 255 / settings.dynamicRangeDb;
const amplitudeOf = (grey: number) => 10 ** (grey / GREY_PER_DB / 20);
const dbOf = (amplitude: number) => 20 * Math.log10(amplitude);

/** An in-plane needle centred 10 mm under the probe's centre, `angleDeg` to the skin, 16 mm across the image. */
function needleAt(angleDeg: number, outOfPlaneMm = 0): NeedleSegment {
  const a = (angleDeg * Math.PI) / 180;
  const direction = { x: axes.arrayAxis.x * Math.cos(a) + axes.beamAxis.x * Math.sin(a), y: axes.arrayAxis.y * Math.cos(a) + axes.beamAxis.y * Math.sin(a), z: axes.arrayAxis.z * Math.cos(a) + axes.beamAxis.z * Math.sin(a) };
  const mid = along(along(pose.centre, axes.beamAxis, DEPTH_MM), axes.elevationAxis, outOfPlaneMm);
  const half = 8 / Math.cos(a);
  return { entry: along(mid, direction, -half), tip: along(mid, direction, half), diameterMm: DIAMETER_MM };
}

const plain = imager.form(pose, settings).lineData.slice();

interface Imaged {
  grey: Uint8Array;
  samples: number;
  sampleMm: number;
  /** The scan lines the needle crosses, with the sample of its axis on each, from the hub end to the tip. */
  crossings: { line: number; row: number; t: number }[];
}

function image(needle: NeedleSegment): Imaged {
  const frame = imager.form(pose, settings, { needle });
  const acq = frame.acquisition;
  const scan = new ScanGeometry(knee, probeFrame(knee, pose), acq);
  const a = scan.toImage(needle.entry);
  const b = scan.toImage(needle.tip);
  const crossings: Imaged['crossings'] = [];
  for (let line = Math.ceil(a.col); line < b.col - 1; line++) {
    const t = (line + 0.5 - a.col) / (b.col - a.col);
    crossings.push({ line, row: a.row + (b.row - a.row) * t, t });
  }
  return { grey: frame.lineData.slice(), samples: acq.rows, sampleMm: acq.sampleSpacingMm, crossings };
}

const at = (grey: Uint8Array, im: Imaged, line: number, s: number) => grey[line * im.samples + s];
const peakNear = (grey: Uint8Array, im: Imaged, line: number, centre: number, reach: number) => {
  let best = { s: Math.round(centre), grey: -1 };
  for (let s = Math.round(centre - reach); s <= Math.round(centre + reach); s++) if (at(grey, im, line, s) > best.grey) best = { s, grey: at(grey, im, line, s) };
  return best;
};
const middle = (im: Imaged) => im.crossings.filter((c) => c.t > 0.3 && c.t < 0.7);

/**
 * The shaft's echo and each reverberation below it, along every line through the middle of the
 * shaft: mean amplitude (dB, from grey) of the peak near each expected depth, and the same
 * measure in the frame without the needle (speckle's own peaks: the floor an echo must clear).
 */
function echoTrain(im: Imaged, count = 7) {
  const spacing = DIAMETER_MM / im.sampleMm;
  const echo = new Array<number>(count).fill(0);
  const floor = new Array<number>(count).fill(0);
  const position = new Array<number>(count).fill(0);
  const lines = middle(im);
  for (const c of lines) {
    const shaft = peakNear(im.grey, im, c.line, c.row - 0.3 * spacing, 0.5 * spacing);
    for (let k = 0; k < count; k++) {
      const p = k === 0 ? shaft : peakNear(im.grey, im, c.line, shaft.s + k * spacing, 2);
      echo[k] += amplitudeOf(p.grey) / lines.length;
      floor[k] += amplitudeOf(peakNear(plain, im, c.line, shaft.s + k * spacing, 2).grey) / lines.length;
      position[k] += (p.s - shaft.s) / lines.length;
    }
  }
  return { echoDb: echo.map(dbOf), floorDb: floor.map(dbOf), position, spacing };
}

/** Mean grey of the shaft's peak along the middle of the shaft, and the same measure without the needle. */
function shaftBrightness(im: Imaged) {
  const spacing = DIAMETER_MM / im.sampleMm;
  const lines = middle(im);
  const withNeedle = mean(lines.map((c) => peakNear(im.grey, im, c.line, c.row, spacing).grey));
  const without = mean(lines.map((c) => peakNear(plain, im, c.line, c.row, spacing).grey));
  return { withNeedle, without, excess: withNeedle - without };
}

describe('needle echo', () => {
  const at20 = image(needleAt(20));
  const at45 = image(needleAt(45));
  const train20 = echoTrain(at20);
  const train45 = echoTrain(at45);

  it('shows the shaft near-white, far above the muscle round it', () => {
    const b = shaftBrightness(at20);
    expect(b.withNeedle).toBeGreaterThan(215);
    expect(b.excess).toBeGreaterThan(30 * GREY_PER_DB);
  });

  it('puts a comet tail below the shaft at 20°: echoes a needle diameter apart, each ≤ 0.75 of the one before', () => {
    const visible = train20.echoDb.filter((db, k) => db > train20.floorDb[k] + 6).length;
    expect(visible).toBeGreaterThanOrEqual(4);
    for (let k = 1; k < visible; k++) {
      expect(train20.echoDb[k] - train20.echoDb[k - 1]).toBeLessThan(dbOf(0.75));
      expect(train20.position[k] - train20.position[k - 1]).toBeCloseTo(train20.spacing, -0.5);
    }
    // Fading out: the tail does not run on for ever.
    expect(visible).toBeLessThanOrEqual(6);
  });

  it('reverberates more at 20° than at 45°, where the shaft is dimmer and the tail faint', () => {
    // (At 45° the shaft's own echo, smeared in depth by the lateral beam width, reaches toward the
    // first reverberation: only a loose bound on that one.)
    const first20 = train20.echoDb[1] - train20.echoDb[0];
    const first45 = train45.echoDb[1] - train45.echoDb[0];
    expect(first45).toBeLessThan(first20 - 3);
    expect(train45.echoDb[0]).toBeLessThan(train20.echoDb[0] - 6);
    const visible = (t: typeof train20) => t.echoDb.filter((db, k) => db > t.floorDb[k] + 6).length;
    expect(visible(train45)).toBeLessThanOrEqual(2);
    expect(visible(train45)).toBeLessThan(visible(train20) - 2);
  });

  it('keeps the shaft thin: about the axial resolution, well under a millimetre', () => {
    const widths = middle(at20).map((c) => {
      const peak = peakNear(at20.grey, at20, c.line, c.row, 3);
      const background = mean(Array.from({ length: 10 }, (_, i) => at(plain, at20, c.line, peak.s - 12 - i)));
      const half = background + (peak.grey - background) / 2;
      let top = peak.s;
      while (at(at20.grey, at20, c.line, top - 1) > half) top--;
      let bottom = peak.s;
      while (at(at20.grey, at20, c.line, bottom + 1) > half) bottom++;
      return (bottom - top + 1) * at20.sampleMm;
    });
    expect(mean(widths)).toBeLessThan(0.6);
  });

  it('shows the bevel brighter than the shaft, even at 45°', () => {
    const tipPeak = (im: Imaged) => Math.max(...im.crossings.filter((c) => c.t > 0.93).map((c) => peakNear(im.grey, im, c.line, c.row, 6).grey));
    expect(tipPeak(at45)).toBeGreaterThan(shaftBrightness(at45).withNeedle + 5 * GREY_PER_DB);
    expect(tipPeak(at20)).toBeGreaterThanOrEqual(shaftBrightness(at20).withNeedle);
  });

  it('casts a faint shadow below the shaft and its tail, fading out of the plane', () => {
    /** Mean amplitude (dB) 4–7 mm below the shaft on the lines it crosses, with the needle and without. */
    const shadowDb = (im: Imaged) => {
      const withNeedle: number[] = [];
      const without: number[] = [];
      for (const c of middle(im)) {
        for (let s = Math.round(c.row + 4 / im.sampleMm); s < c.row + 7 / im.sampleMm; s++) {
          withNeedle.push(amplitudeOf(at(im.grey, im, c.line, s)));
          without.push(amplitudeOf(at(plain, im, c.line, s)));
        }
      }
      return dbOf(mean(withNeedle)) - dbOf(mean(without));
    };
    const inPlane = shadowDb(at20);
    expect(inPlane).toBeLessThan(dbOf(0.8));
    expect(inPlane).toBeGreaterThan(dbOf(0.45));
    const aside = shadowDb(image(needleAt(20, 1.5)));
    expect(aside).toBeGreaterThan(inPlane + 1);
    expect(aside).toBeGreaterThan(dbOf(0.9));
  });

  it('fades smoothly and monotonically as the needle leaves the slice', () => {
    const offsets = [0, 0.25, 0.5, 0.75, 1, 1.5];
    const excess = offsets.map((o) => shaftBrightness(image(needleAt(20, o))).excess);
    for (let i = 1; i < offsets.length; i++) expect(excess[i]).toBeLessThanOrEqual(excess[i - 1] + 2);
    // No step: each quarter millimetre keeps at least half of what the previous showed.
    for (let i = 1; i < 5; i++) expect(excess[i]).toBeGreaterThan(0.5 * excess[i - 1]);
    expect(excess[4]).toBeLessThan(0.8 * excess[0]);
    expect(shaftBrightness(image(needleAt(20, 2.5))).excess).toBeLessThan(6);
  });

  it('is deterministic', () => {
    expect(image(needleAt(20)).grey).toEqual(at20.grey);
  });
});
