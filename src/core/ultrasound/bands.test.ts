import { describe, expect, it } from 'vitest';
import { KneeAnatomy } from '../anatomy/knee';
import { voxelise } from '../anatomy/voxelise';
import { placeProbe } from '../probe/placement';
import { probeFrame } from '../probe/scanGeometry';
import { BModeImager, SCAN_LINES, samplesForDepth } from './bmode';
import { defaultScannerSettings } from './scannerSettings';
import type { NeedleSegment } from './echoField';

/** Workers each form a band of scan lines: the bands must put together the frame form() makes. */
const knee = new KneeAnatomy();
const volume = voxelise(knee);
const head = knee.nerveAt(0)!.centre;
const pose = placeProbe(knee, { centre: head, rotationDeg: 0, compressionMm: 1 });
const axes = probeFrame(knee, pose);
const settings = { ...defaultScannerSettings, depthMm: 40, timeSeconds: 1.25 };
const samples = samplesForDepth(settings.depthMm);
const entry = { x: pose.centre.x - axes.arrayAxis.x * 20, y: pose.centre.y - axes.arrayAxis.y * 20, z: pose.centre.z - axes.arrayAxis.z * 20 };
const needle: NeedleSegment = { entry, tip: { x: head.x - axes.beamAxis.x * 2, y: head.y - axes.beamAxis.y * 2, z: head.z - axes.beamAxis.z * 2 }, diameterMm: 0.5 };

function composed(cuts: number[], options: { needle?: NeedleSegment }): Uint8Array {
  const out = new Uint8Array(SCAN_LINES * samples);
  // One imager per band, as one per worker: nothing carried over from a neighbour's lines.
  for (let i = 0; i + 1 < cuts.length; i++) {
    const band = new Uint8Array((cuts[i + 1] - cuts[i]) * samples);
    new BModeImager(knee, volume).formLines(pose, settings, options, samples, cuts[i], cuts[i + 1], band);
    out.set(band, cuts[i] * samples);
  }
  return out;
}

describe('a frame formed in bands of scan lines', () => {
  it('is byte for byte the frame formed whole (2 and 3 bands, with and without a needle)', () => {
    for (const options of [{}, { needle }]) {
      const whole = new BModeImager(knee, volume).form(pose, settings, options, samples).lineData.slice();
      expect(composed([0, 128, SCAN_LINES], options)).toEqual(whole);
      expect(composed([0, 1, 100, SCAN_LINES], options)).toEqual(whole);
    }
    // The needle is in the frame: the comparison covers its echo.
    const plain = new BModeImager(knee, volume).form(pose, settings, {}, samples).lineData;
    const withNeedle = new BModeImager(knee, volume).form(pose, settings, { needle }, samples).lineData;
    expect(plain).not.toEqual(withNeedle);
  });

  it('refuses a band outside the frame or a buffer too small for it, writing nothing', () => {
    const imager = new BModeImager(knee, volume);
    const out = new Uint8Array(10 * samples).fill(7);
    expect(() => imager.formLines(pose, settings, {}, samples, 250, 260, out)).toThrow(RangeError);
    expect(() => imager.formLines(pose, settings, {}, samples, 20, 10, out)).toThrow(RangeError);
    expect(() => imager.formLines(pose, settings, {}, samples, 0, 11, out)).toThrow(RangeError);
    expect(out.every((v) => v === 7)).toBe(true);
  });
});
