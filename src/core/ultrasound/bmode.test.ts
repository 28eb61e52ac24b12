import { describe, expect, it } from 'vitest';
import { KneeAnatomy } from '../anatomy/knee';
import { voxelise, labelAtVoxel } from '../anatomy/voxelise';
import { tissueOfLabelId } from '../anatomy/tissues';
import { placeProbe } from '../probe/placement';
import { probeFrame, ScanGeometry } from '../probe/scanGeometry';
import { BModeImager, type BModeFrame } from './bmode';
import { defaultScannerSettings, type ScannerSettings } from './scannerSettings';
import type { ProbePose } from '../probe/pose';
import type { Vec3 } from '../math/vec3';

const knee = new KneeAnatomy();
const volume = voxelise(knee);
const imager = new BModeImager(knee, volume);
const settings = (change: Partial<ScannerSettings> = {}): ScannerSettings => ({ ...defaultScannerSettings, ...change });
const pose = (centre: Vec3, rotationDeg: number, extra: Partial<ProbePose> = {}) => placeProbe(knee, { centre, rotationDeg, compressionMm: 1, ...extra });
const copy = (f: BModeFrame) => ({ ...f, pixels: f.pixels.slice() });

/** Tissue at each display pixel's centre, through the same mapping the image uses. */
function tissueMap(p: ProbePose, frame: BModeFrame): (col: number, row: number) => string {
  const scan = new ScanGeometry(knee, probeFrame(knee, p), frame.image);
  return (col, row) => {
    const w = scan.worldAt(col, row);
    return w ? tissueOfLabelId(labelAtVoxel(volume, w)) : 'none';
  };
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

/** Speckle only: each pixel minus the mean of its 9 × 9 neighbourhood (removes anatomy's shapes). */
function speckleOf(frame: BModeFrame, col0: number, col1: number, row0: number, row1: number, shiftCols = 0): number[] {
  const { cols } = frame.image;
  const out: number[] = [];
  for (let row = row0; row < row1; row++) {
    for (let col = col0; col < col1; col++) {
      let local = 0;
      for (let dy = -4; dy <= 4; dy++) for (let dx = -4; dx <= 4; dx++) local += frame.pixels[(row + dy) * cols + col + dx - shiftCols];
      out.push(frame.pixels[row * cols + col - shiftCols] - local / 81);
    }
  }
  return out;
}

function correlation(a: number[], b: number[]): number {
  const ma = mean(a);
  const mb = mean(b);
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('B-mode image', () => {
  it('is dark in the acoustic shadow below the fibular cortex (< 40% of the band above it), with the scanner’s noise in it, not black', () => {
    const p = pose(knee.landmarks.cpnAtFibularHead, 0);
    const s = settings();
    const frame = copy(imager.form(p, s));
    const tissueAt = tissueMap(p, frame);
    const above: number[] = [];
    const below: number[] = [];
    let columns = 0;
    for (let col = 150; col < 260; col += 5) {
      let boneRow = -1;
      for (let row = 0; row < frame.image.rows; row++) {
        if (tissueAt(col, row) === 'bone') {
          boneRow = row;
          break;
        }
      }
      if (boneRow < 30 || boneRow > frame.image.rows - 40) continue;
      columns++;
      for (let r = boneRow - 20; r < boneRow - 4; r++) above.push(frame.pixels[r * frame.image.cols + col]);
      for (let r = boneRow + 8; r < boneRow + 35; r++) below.push(frame.pixels[r * frame.image.cols + col]);
    }
    expect(columns).toBeGreaterThan(5);
    expect(mean(below)).toBeLessThan(0.4 * mean(above));
    expect(below.filter((g) => g === 0).length / below.length).toBeLessThan(0.01);
    const spread = Math.sqrt(mean(below.map((g) => (g - mean(below)) ** 2)));
    expect(spread).toBeGreaterThan(2);
  });

  it('shows a vessel anechoic, with enhancement below it', () => {
    const artery = knee.landmarks.poplitealArtery;
    const p = pose({ x: artery.x + 5, y: artery.y, z: artery.z + 24 }, 0);
    const s = settings({ depthMm: 40, focusMm: 25 });
    const frame = copy(imager.form(p, s));
    const scan = new ScanGeometry(knee, probeFrame(knee, p), frame.image);
    const c = scan.toImage(artery);
    const col = Math.round(c.col);
    const row = Math.round(c.row);
    const px = (x: number, y: number) => frame.pixels[y * frame.image.cols + x];
    const lumen: number[] = [];
    for (let dy = -6; dy <= 6; dy++) for (let dx = -6; dx <= 6; dx++) lumen.push(px(col + dx, row + dy));
    const beside: number[] = [];
    const below: number[] = [];
    const radiusPx = 3 / 0.15;
    for (let dy = radiusPx + 6; dy < radiusPx + 30; dy++) {
      for (let dx = -8; dx <= 8; dx++) {
        below.push(px(col + dx, row + dy));
        beside.push(px(col + dx + 70, row + dy));
        beside.push(px(col + dx - 70, row + dy));
      }
    }
    const around: number[] = [];
    for (let dy = -10; dy <= 10; dy++) for (let dx = 28; dx < 40; dx++) around.push(px(col + dx, row + dy), px(col - dx, row + dy));
    expect(mean(lumen)).toBeLessThan(0.35 * mean(around));
    expect(mean(below)).toBeGreaterThan(1.1 * mean(beside));
  });

  it('keeps speckle fixed in tissue: a 0.3 mm slide shifts it, 2 mm out of plane replaces it', () => {
    const base = pose({ x: -22, y: 30, z: 30 }, 0);
    const s = settings();
    const f0 = copy(imager.form(base, s));
    const scan = new ScanGeometry(knee, probeFrame(knee, base), f0.image);
    const frame = probeFrame(knee, base);
    const slid = { ...base, centre: { x: base.centre.x + frame.arrayAxis.x * 0.3, y: base.centre.y + frame.arrayAxis.y * 0.3, z: base.centre.z + frame.arrayAxis.z * 0.3 } };
    const f1 = copy(imager.form(slid, s));
    const outOfPlane = { ...base, centre: knee.projectOntoSkin({ x: base.centre.x + frame.elevationAxis.x * 2, y: base.centre.y + frame.elevationAxis.y * 2, z: base.centre.z + frame.elevationAxis.z * 2 }) };
    const f2 = copy(imager.form(outOfPlane, s));
    expect(scan.entryMm.every((e) => !Number.isNaN(e))).toBe(true);
    const shift = Math.round(0.3 / f0.image.pixelMm);
    const a = speckleOf(f0, 60, 240, 40, 160);
    const b = speckleOf(f1, 60, 240, 40, 160, shift);
    const c = speckleOf(f2, 60, 240, 40, 160);
    expect(correlation(a, b)).toBeGreaterThan(0.8);
    expect(correlation(a, c)).toBeLessThan(0.3);
  });

  it('darkens the biceps tendon when the beam leaves perpendicular (anisotropy: ≥ 40% at 12°)', () => {
    const centre = { x: 6, y: 22, z: 17 };
    const s = settings({ depthMm: 20, focusMm: 6 });
    const tendonBrightness = (tiltDeg: number) => {
      // Short axis of the tendon: tilting rocks the beam along its fibres.
      const p = pose(centre, 0, { tiltDeg });
      const frame = copy(imager.form(p, s));
      const tissueAt = tissueMap(p, frame);
      const values: number[] = [];
      for (let row = 0; row < frame.image.rows; row += 2) {
        for (let col = 0; col < frame.image.cols; col += 2) {
          if (tissueAt(col, row) === 'tendon') values.push(frame.pixels[row * frame.image.cols + col]);
        }
      }
      return { brightness: mean(values), pixels: values.length };
    };
    const tilts = [-8, -6, -4, -2, 0, 2, 4, 6, 8];
    const measured = tilts.map((t) => ({ t, ...tendonBrightness(t) }));
    const best = measured.reduce((a, b) => (b.brightness > a.brightness ? b : a));
    expect(best.pixels).toBeGreaterThan(50);
    const off = tendonBrightness(best.t + (best.t > 0 ? -12 : 12));
    expect(off.brightness).toBeLessThan(0.6 * best.brightness);
  });

  it('shows a swollen nerve larger and darker than a normal one', () => {
    const swollen = new KneeAnatomy({ nerveAreaMm2: 16, fascicleAreaFraction: 0.5 });
    const swollenImager = new BModeImager(swollen, voxelise(swollen));
    const measure = (k: KneeAnatomy, im: BModeImager) => {
      const p = placeProbe(k, { centre: k.landmarks.cpnAtFibularHead, rotationDeg: 0, compressionMm: 1 });
      const frame = copy(im.form(p, settings()));
      const scan = new ScanGeometry(k, probeFrame(k, p), frame.image);
      const c = scan.toImage(k.landmarks.cpnAtFibularHead);
      const values: number[] = [];
      for (let dy = -6; dy <= 6; dy++) for (let dx = -6; dx <= 6; dx++) values.push(frame.pixels[(Math.round(c.row) + dy) * frame.image.cols + Math.round(c.col) + dx]);
      return mean(values);
    };
    expect(swollen.nerveAt(swollen.nerveSAtLevel(-5))!.areaMm2).toBeGreaterThan(knee.nerveAt(knee.nerveSAtLevel(-5))!.areaMm2 * 1.8);
    expect(measure(swollen, swollenImager)).toBeLessThan(measure(knee, imager));
  });

  it('trades penetration for resolution with frequency: deep echoes are weaker at 18 MHz than at 8', () => {
    // Over the calf muscles, above the tibia: soft tissue all the way down the image.
    const p = pose({ x: -20, y: -35, z: 30 }, 0);
    const deepOverShallow = (frequencyMHz: number) => {
      const frame = copy(imager.form(p, settings({ depthMm: 25, frequencyMHz, focusMm: 12 })));
      const band = (from: number, to: number) => {
        const values: number[] = [];
        for (let row = Math.round(frame.image.rows * from); row < frame.image.rows * to; row++) for (let col = 50; col < 250; col++) values.push(frame.pixels[row * frame.image.cols + col]);
        return mean(values);
      };
      return band(0.75, 0.95) / band(0.15, 0.35);
    };
    expect(deepOverShallow(18)).toBeLessThan(deepOverShallow(8));
  });

  it('gives identical bytes for identical inputs', () => {
    const p = pose(knee.landmarks.cpnAtFibularHead, 0);
    const a = copy(imager.form(p, settings()));
    const other = new BModeImager(knee, volume);
    const b = other.form(p, settings());
    expect(Buffer.from(b.pixels).equals(Buffer.from(a.pixels))).toBe(true);
  });
});
