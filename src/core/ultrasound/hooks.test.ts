import { describe, expect, it } from 'vitest';
import { KneeAnatomy } from '../anatomy/knee';
import { voxelise } from '../anatomy/voxelise';
import { placeProbe } from '../probe/placement';
import { probeFrame, ScanGeometry } from '../probe/scanGeometry';
import { BModeImager } from './bmode';
import { defaultScannerSettings } from './scannerSettings';
import type { NeedleSegment } from './echoField';
import type { Vec3 } from '../math/vec3';

/** The needle and fluid issue draws through these hooks; here they are tried with synthetic inputs. */
const knee = new KneeAnatomy();
const volume = voxelise(knee);
const imager = new BModeImager(knee, volume);
const settings = { ...defaultScannerSettings };
// Over the calf muscles, with soft tissue to ~25 mm deep (no bone shadow to hide the enhancement).
const pose = placeProbe(knee, { centre: { x: -20, y: -35, z: 30 }, rotationDeg: 0, compressionMm: 1 });
const axes = probeFrame(knee, pose);
const along = (p: Vec3, axis: Vec3, k: number): Vec3 => ({ x: p.x + axis.x * k, y: p.y + axis.y * k, z: p.z + axis.z * k });
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

/** An in-plane needle from the medial (marker) end of the probe, `angleDeg` to the skin. */
function needleAt(angleDeg: number, outOfPlaneMm = 0): NeedleSegment {
  const a = (angleDeg * Math.PI) / 180;
  const entry = along(along(pose.centre, axes.arrayAxis, -20), axes.elevationAxis, outOfPlaneMm);
  const direction = { x: axes.arrayAxis.x * Math.cos(a) + axes.beamAxis.x * Math.sin(a), y: axes.arrayAxis.y * Math.cos(a) + axes.beamAxis.y * Math.sin(a), z: axes.arrayAxis.z * Math.cos(a) + axes.beamAxis.z * Math.sin(a) };
  return { entry, tip: along(entry, direction, 22 / Math.max(Math.cos(a), Math.sin(a))), diameterMm: 0.5 };
}

/**
 * Mean grey along the needle's path under the skin (the brightest pixel within ±3 rows at each
 * point: the echo comes from the shaft's front wall, a radius above its axis).
 */
function brightnessAlong(needle: NeedleSegment, tipOnly = false) {
  const frame = imager.form(pose, settings, { needle });
  const pixels = frame.pixels.slice();
  const scan = new ScanGeometry(knee, probeFrame(knee, pose), frame.image);
  const values: number[] = [];
  for (let t = tipOnly ? 0.9 : 0.35; t <= (tipOnly ? 1 : 0.85); t += 0.02) {
    const q = { x: needle.entry.x + (needle.tip.x - needle.entry.x) * t, y: needle.entry.y + (needle.tip.y - needle.entry.y) * t, z: needle.entry.z + (needle.tip.z - needle.entry.z) * t };
    const at = scan.toImage(q);
    const col = Math.round(at.col);
    let best = 0;
    for (let dr = -3; dr <= 3; dr++) best = Math.max(best, pixels[(Math.round(at.row) + dr) * frame.image.cols + col] ?? 0);
    values.push(best);
  }
  return mean(values);
}

describe('needle hook', () => {
  const background = brightnessAlong(needleAt(20, 6)); // the same path with the needle far out of the slice
  it('draws an in-plane needle bright, brighter at 20° than at 50° to the skin', () => {
    const shallow = brightnessAlong(needleAt(20));
    const steep = brightnessAlong(needleAt(50));
    expect(shallow).toBeGreaterThan(background + 60);
    expect(shallow).toBeGreaterThan(steep + 20);
  });
  it('does not draw a needle 2 mm out of plane', () => {
    expect(brightnessAlong(needleAt(20, 2))).toBeLessThan(background + 12);
  });
  it('puts a reverberation tail below the shaft', () => {
    const frame = imager.form(pose, settings, { needle: needleAt(20) });
    const pixels = frame.pixels.slice();
    const without = imager.form(pose, settings).pixels.slice();
    const scan = new ScanGeometry(knee, probeFrame(knee, pose), frame.image);
    const n = needleAt(20);
    const mid = scan.toImage({ x: (n.entry.x + n.tip.x) / 2, y: (n.entry.y + n.tip.y) / 2, z: (n.entry.z + n.tip.z) / 2 });
    const below = (p: Uint8Array) => {
      const v: number[] = [];
      for (let dr = 4; dr < 12; dr++) for (let dc = -3; dc <= 3; dc++) v.push(p[(Math.round(mid.row) + dr) * frame.image.cols + Math.round(mid.col) + dc]);
      return mean(v);
    };
    expect(below(pixels)).toBeGreaterThan(below(without) + 10);
  });
});

describe('a pressed probe', () => {
  it('leaves the needle straight in the image: steel does not bend with the tissue', () => {
    const pressed = placeProbe(knee, { centre: pose.centre, rotationDeg: 0, compressionMm: 6 });
    const frame = imager.form(pressed, settings, { needle: needleAt(25) });
    const plain = imager.form(pressed, settings).pixels;
    const { cols, rows } = frame.image;
    // Row of the shaft's top edge in each column where the needle added brightness.
    const points: { col: number; row: number }[] = [];
    for (let col = 0; col < cols; col++) {
      let best = -1;
      for (let row = 0; row < rows && best < 0; row++) if (frame.pixels[row * cols + col] - plain[row * cols + col] > 60) best = row;
      if (best >= 0) points.push({ col, row: best });
    }
    expect(points.length).toBeGreaterThan(40);
    // Least-squares line through them; a bent shaft leaves its middle third off the line one way
    // and its ends the other (speckle only scatters points both ways).
    const mc = mean(points.map((p) => p.col));
    const mr = mean(points.map((p) => p.row));
    const slope = points.reduce((a, p) => a + (p.col - mc) * (p.row - mr), 0) / points.reduce((a, p) => a + (p.col - mc) ** 2, 0);
    const residual = points.map((p) => p.row - (mr + slope * (p.col - mc)));
    const third = Math.floor(points.length / 3);
    const bowRows = mean(residual.slice(third, 2 * third)) - mean([...residual.slice(0, third), ...residual.slice(2 * third)]);
    expect(Math.abs(bowRows)).toBeLessThan(0.4);
  });
});

describe('fluid hook', () => {
  it('draws injectate anechoic with enhancement below it', () => {
    // A 3 mm-radius pocket of fluid 8 mm deep under the probe.
    const centre = along(pose.centre, axes.beamAxis, 8);
    const fluid = new Uint8Array(volume.labels.length);
    const r = 3;
    const h = volume.spacingMm;
    for (let z = -r; z <= r; z += h) for (let y = -r; y <= r; y += h) for (let x = -r; x <= r; x += h) {
      if (x * x + y * y + z * z > r * r) continue;
      const ix = Math.round((centre.x + x - volume.origin.x) / h);
      const iy = Math.round((centre.y + y - volume.origin.y) / h);
      const iz = Math.round((centre.z + z - volume.origin.z) / h);
      fluid[ix + volume.nx * (iy + volume.ny * iz)] = 255;
    }
    const frame = imager.form(pose, settings, { fluid });
    const pixels = frame.pixels.slice();
    const scan = new ScanGeometry(knee, probeFrame(knee, pose), frame.image);
    const c = scan.toImage(centre);
    const px = (dc: number, dr: number) => pixels[(Math.round(c.row) + dr) * frame.image.cols + Math.round(c.col) + dc];
    const region = (c0: number, c1: number, r0: number, r1: number) => {
      const v: number[] = [];
      for (let dr = r0; dr < r1; dr++) for (let dc = c0; dc < c1; dc++) v.push(px(dc, dr));
      return mean(v);
    };
    const rPx = r / frame.image.pixelMm;
    expect(region(-8, 8, -8, 8)).toBeLessThan(0.3 * region(rPx + 10, rPx + 30, -10, 10));
    expect(region(-8, 8, rPx + 5, rPx + 35)).toBeGreaterThan(1.1 * region(rPx + 15, rPx + 31, rPx + 5, rPx + 35));
  });
});

describe('moving vessels', () => {
  const artery = knee.landmarks.poplitealArtery;
  const over = (compressionMm: number) => placeProbe(knee, { centre: { x: artery.x + 5, y: artery.y, z: artery.z + 24 }, rotationDeg: 0, compressionMm });
  /** Dark (lumen) pixels within 3 mm of a vessel's centre. */
  function lumenPixels(centre: Vec3, compressionMm: number, timeSeconds = 0.2 * 60 / 68): number {
    const p = over(compressionMm);
    const frame = imager.form(p, { ...settings, depthMm: 40, timeSeconds });
    const pixels = frame.pixels.slice();
    const scan = new ScanGeometry(knee, probeFrame(knee, p), frame.image);
    const c = scan.toImage(centre);
    let dark = 0;
    for (let dr = -20; dr <= 20; dr++) for (let dc = -26; dc <= 26; dc++) if ((pixels[(Math.round(c.row) + dr) * frame.image.cols + Math.round(c.col) + dc] ?? 255) < 12) dark++;
    return dark;
  }

  it('the popliteal vein closes under probe pressure that leaves the artery open', () => {
    const veinCentre = { x: -41, y: artery.y, z: 12.9 };
    expect(knee.tissueAt(veinCentre)).toBe('vessel');
    const veinOpen = lumenPixels(veinCentre, 0);
    const veinPressed = lumenPixels(veinCentre, 5);
    const arteryOpen = lumenPixels(artery, 0);
    const arteryPressed = lumenPixels(artery, 5);
    expect(veinPressed).toBeLessThan(0.4 * veinOpen);
    expect(arteryPressed).toBeGreaterThan(0.7 * arteryOpen);
  });

  it('the artery pulses: wider in systole than in diastole, the same at the same phase', () => {
    const systole = lumenPixels(artery, 0, (0.2 * 60) / 68);
    const diastole = lumenPixels(artery, 0, (0.7 * 60) / 68);
    expect(systole).toBeGreaterThan(diastole * 1.1);
    // The same phase a beat later: the same lumen (only the receiver noise differs from frame to frame).
    expect(Math.abs(lumenPixels(artery, 0, (0.2 * 60) / 68 + 60 / 68) - systole)).toBeLessThan(0.08 * systole);
  });
});
