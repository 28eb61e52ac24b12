import { describe, expect, it } from 'vitest';
import { KneeAnatomy } from '../anatomy/knee';
import { voxelise } from '../anatomy/voxelise';
import { Label, nameOfLabelId, type LabelName } from '../anatomy/tissues';
import { TubeStructure } from '../anatomy/structure';
import { placeProbe } from '../probe/placement';
import { probeFrame, ScanGeometry } from '../probe/scanGeometry';
import type { ProbePose } from '../probe/pose';
import type { Vec3 } from '../math/vec3';
import { BModeImager, type BModeFrame } from './bmode';
import { defaultScannerSettings, type ScannerSettings } from './scannerSettings';

/**
 * What a musculoskeletal sonographer checks first, measured on the pixels of real frames
 * (anatomy.md, "Numbers a sonographer's eye implies"). Labels come from the exact anatomy at
 * each pixel's centre, so the nerve's parts are known at the image's resolution.
 */
const knee = new KneeAnatomy();
const imager = new BModeImager(knee, voxelise(knee));
const settings = (change: Partial<ScannerSettings> = {}): ScannerSettings => ({ ...defaultScannerSettings, ...change });

interface Analysed {
  frame: BModeFrame;
  scan: ScanGeometry;
  /** Exact label at each pixel (row-major); −1 where the line has no contact. */
  labels: Int16Array;
  grey: (col: number, row: number) => number;
}

function analyse(k: KneeAnatomy, im: BModeImager, pose: ProbePose, s: ScannerSettings = settings()): Analysed {
  const formed = im.form(pose, s);
  const frame = { ...formed, pixels: formed.pixels.slice() };
  const scan = new ScanGeometry(k, probeFrame(k, pose), frame.image);
  const { cols, rows } = frame.image;
  const labels = new Int16Array(cols * rows).fill(-1);
  for (let row = 0; row < rows; row++)
    for (let col = 0; col < cols; col++) {
      const w = scan.worldAt(col, row);
      if (w) labels[row * cols + col] = k.labelAt(w);
    }
  return { frame, scan, labels, grey: (col, row) => frame.pixels[row * cols + col] };
}

/** Pixels of these labels whose neighbours `marginPx` away (4 directions) have them too: no edges. */
function interior(a: Analysed, names: LabelName[], marginPx: number): number[] {
  const { cols, rows } = a.frame.image;
  const wanted = new Set(names.map((n) => Label[n] as number));
  const out: number[] = [];
  for (let row = marginPx; row < rows - marginPx; row++)
    for (let col = marginPx; col < cols - marginPx; col++) {
      const i = row * cols + col;
      if (!wanted.has(a.labels[i])) continue;
      if (!wanted.has(a.labels[i - marginPx]) || !wanted.has(a.labels[i + marginPx]) || !wanted.has(a.labels[i - marginPx * cols]) || !wanted.has(a.labels[i + marginPx * cols])) continue;
      out.push(i);
    }
  return out;
}

/** Grey → echo level in dB at a 60 dB dynamic range (255 greys over 60 dB). */
const DB_PER_GREY = 60 / 255;
/** Mean echo intensity of pixels, in dB (speckle is averaged in intensity, as the eye does). */
function meanDb(pixels: ArrayLike<number>, indices: number[]): number {
  let sum = 0;
  for (const i of indices) sum += 10 ** ((pixels[i] * DB_PER_GREY) / 10);
  return 10 * Math.log10(sum / indices.length);
}

/** A box blur of (2r+1)² pixels: removes speckle, keeps millimetre structure. */
function blurred(frame: BModeFrame, r: number): Float32Array {
  const { cols, rows } = frame.image;
  const out = new Float32Array(cols * rows);
  for (let row = 0; row < rows; row++)
    for (let col = 0; col < cols; col++) {
      let sum = 0;
      let n = 0;
      for (let dy = -r; dy <= r; dy++)
        for (let dx = -r; dx <= r; dx++) {
          const y = row + dy;
          const x = col + dx;
          if (y < 0 || y >= rows || x < 0 || x >= cols) continue;
          sum += frame.pixels[y * cols + x];
          n++;
        }
      out[row * cols + col] = sum / n;
    }
  return out;
}

const percentile = (values: ArrayLike<number>, q: number) => {
  const sorted = Array.from(values).sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))];
};

const overNerve = (k: KneeAnatomy, rotationDeg = 0) => placeProbe(k, { centre: k.landmarks.cpnAtFibularHead, rotationDeg, compressionMm: 1 });
const shortAxis = analyse(knee, imager, overNerve(knee));

describe('the common peroneal nerve', () => {
  it('shows hypoechoic fascicle groups in brighter interfascicular tissue, brighter than muscle, once speckle is blurred away', () => {
    const smooth = blurred(shortAxis.frame, 1);
    const fascicles = interior(shortAxis, ['fascicle'], 1);
    const between = interior(shortAxis, ['interfascicularEpineurium'], 1);
    const muscle = interior(shortAxis, ['gastrocnemiusLateral'], 4);
    expect(fascicles.length).toBeGreaterThan(20);
    expect(between.length).toBeGreaterThan(20);
    const fascicleDb = meanDb(smooth, fascicles);
    const betweenDb = meanDb(smooth, between);
    expect(betweenDb - fascicleDb).toBeGreaterThan(4);
    expect(betweenDb).toBeGreaterThan(meanDb(smooth, muscle) + 1);
  });

  it('has a bright rim (epineurium and sheath) all the way round: brighter than its inside in most sectors', () => {
    const smooth = blurred(shortAxis.frame, 1);
    const { cols } = shortAxis.frame.image;
    const centre = shortAxis.scan.toImage(knee.landmarks.cpnAtFibularHead);
    const inside = interior(shortAxis, ['fascicle', 'interfascicularEpineurium'], 1);
    const insideDb = meanDb(smooth, inside);
    const rim = new Set([Label.epineurium, Label.paraneuralSheath] as number[]);
    let brighter = 0;
    const sectors = 12;
    for (let k = 0; k < sectors; k++) {
      const angle = (2 * Math.PI * (k + 0.5)) / sectors;
      let best = -Infinity;
      for (let r = 0; r < 25; r += 0.5) {
        const col = Math.round(centre.col + Math.cos(angle) * r);
        const row = Math.round(centre.row + Math.sin(angle) * r);
        const i = row * cols + col;
        if (rim.has(shortAxis.labels[i])) best = Math.max(best, smooth[i] * DB_PER_GREY);
      }
      if (best > insideDb + 1) brighter++;
    }
    expect(brighter).toBeGreaterThanOrEqual(9);
  });

  it('is larger when swollen, its fascicles merging, and clearly more hypoechoic (about 6 dB under a normal nerve)', () => {
    const swollen = new KneeAnatomy({ nerveAreaMm2: 16 });
    const swollenFrame = analyse(swollen, new BModeImager(swollen, voxelise(swollen)), overNerve(swollen));
    const nerveParts: LabelName[] = ['fascicle', 'interfascicularEpineurium'];
    const normalInside = interior(shortAxis, nerveParts, 0);
    const swollenInside = interior(swollenFrame, nerveParts, 0);
    expect(swollenInside.length).toBeGreaterThan(1.5 * normalInside.length);
    const darker = meanDb(shortAxis.frame.pixels, normalInside) - meanDb(swollenFrame.frame.pixels, swollenInside);
    expect(darker).toBeGreaterThan(4);
    expect(darker).toBeLessThan(10);
    // Merging: fascicle takes a larger share of the swollen nerve's inside.
    const share = (a: Analysed, idx: number[]) => idx.filter((i) => a.labels[i] === Label.fascicle).length / idx.length;
    expect(share(swollenFrame, swollenInside)).toBeGreaterThan(share(shortAxis, normalInside) + 0.1);
  });
});

describe('bone', () => {
  /** Per column with bone, the brightest grey within 0.6 mm of where the bone begins. */
  function cortexPeaks(a: Analysed): number[] {
    const { cols, rows } = a.frame.image;
    const peaks: number[] = [];
    for (let col = 0; col < cols; col++) {
      let boneRow = -1;
      for (let row = 0; row < rows; row++) {
        const l = a.labels[row * cols + col];
        if (l === Label.fibula || l === Label.tibia || l === Label.femur) {
          boneRow = row;
          break;
        }
      }
      if (boneRow < 5 || boneRow > rows - 5) continue;
      let best = 0;
      for (let row = boneRow - 4; row <= boneRow + 4; row++) best = Math.max(best, a.grey(col, row));
      peaks.push(best);
    }
    return peaks;
  }

  it('is the brightest thing in the image: the cortex saturates, ≥ 30 dB over fat', () => {
    const peaks = cortexPeaks(shortAxis);
    expect(peaks.length).toBeGreaterThan(40);
    const fatDb = meanDb(shortAxis.frame.pixels, interior(shortAxis, ['fat'], 3));
    expect(percentile(peaks, 0.5) * DB_PER_GREY - fatDb).toBeGreaterThanOrEqual(30);
    // Surfaces facing the beam saturate; steep walls, met obliquely, are a little less bright.
    expect(percentile(peaks, 0.75)).toBeGreaterThanOrEqual(254);
    expect(percentile(peaks, 0.5)).toBeGreaterThanOrEqual(235);
  });

  it('stays bright under the biceps tendon: the anisotropy is the tendon’s, not the bone’s', () => {
    const insertion = knee.landmarks.bicepsTendonInsertion;
    const a = analyse(knee, imager, placeProbe(knee, { centre: insertion, rotationDeg: 90, compressionMm: 1 }));
    const { cols, rows } = a.frame.image;
    const underTendon: number[] = [];
    for (let col = 0; col < cols; col++) {
      let tendonSeen = false;
      for (let row = 0; row < rows - 4; row++) {
        const l = a.labels[row * cols + col];
        if (l === Label.bicepsFemorisTendon) tendonSeen = true;
        else if (tendonSeen && l === Label.fibula) {
          let best = 0;
          for (let r = row - 4; r <= row + 4; r++) best = Math.max(best, a.grey(col, r));
          underTendon.push(best);
          break;
        } else if (l !== Label.bicepsFemorisTendon) tendonSeen = false;
      }
    }
    expect(underTendon.length).toBeGreaterThan(10);
    const fatDb = meanDb(a.frame.pixels, interior(a, ['fat'], 3));
    expect(percentile(underTendon, 0.5) * DB_PER_GREY - fatDb).toBeGreaterThanOrEqual(30);
  });

  it('casts a shadow that is dark but holds the scanner’s noise: no exact zeros in tissue or shadow', () => {
    const { pixels } = shortAxis.frame;
    const shadow = interior(shortAxis, ['fibula'], 10);
    expect(shadow.length).toBeGreaterThan(1000);
    const zeros = (idx: number[]) => idx.filter((i) => pixels[i] === 0).length / idx.length;
    expect(zeros(shadow)).toBeLessThan(0.005);
    const all = Array.from(pixels.keys());
    expect(zeros(all)).toBeLessThan(0.005);
    const mean = shadow.reduce((s, i) => s + pixels[i], 0) / shadow.length;
    const spread = Math.sqrt(shadow.reduce((s, i) => s + (pixels[i] - mean) ** 2, 0) / shadow.length);
    expect(mean).toBeLessThan(30);
    expect(spread).toBeGreaterThan(2);
  });
});

describe('display and gain', () => {
  it('reaches near white with the brightest structures (99th percentile ≥ 200 in short axis)', () => {
    expect(percentile(shortAxis.frame.pixels, 0.99)).toBeGreaterThanOrEqual(200);
  });

  it('keeps muscle even with depth at default gain and TGC: within ±3 dB from 2 to 25 mm', () => {
    // Over the calf: gastrocnemius then soleus from ~3 to ~28 mm, no bone above them.
    const a = analyse(knee, imager, placeProbe(knee, { centre: { x: -20, y: -35, z: 30 }, rotationDeg: 0, compressionMm: 1 }), settings({ depthMm: 40 }));
    const muscle = interior(a, ['gastrocnemiusLateral', 'soleus'], 6);
    const { cols, pixelMm } = a.frame.image;
    const bands = new Map<number, number[]>();
    for (const i of muscle) {
      const depthMm = Math.floor(i / cols) * pixelMm;
      if (depthMm < 2 || depthMm > 25) continue;
      const band = Math.floor(depthMm / 4);
      if (!bands.has(band)) bands.set(band, []);
      bands.get(band)!.push(i);
    }
    const levels = [...bands.values()].filter((b) => b.length > 300).map((b) => meanDb(a.frame.pixels, b));
    expect(levels.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...levels) - Math.min(...levels)).toBeLessThanOrEqual(6);
  });

  it('widens or narrows contrast about mid-grey with the dynamic range, instead of moving the black level', () => {
    const p = overNerve(knee);
    // On the scanner's own line data: scan conversion's interpolation would mix in clipped neighbours.
    const wide = imager.form(p, settings({ dynamicRangeDb: 60 })).lineData.slice();
    const narrow = imager.form(p, settings({ dynamicRangeDb: 30 })).lineData.slice();
    let checked = 0;
    let off = 0;
    for (let i = 0; i < wide.length; i++) {
      // Away from the toe and from saturation, halving the range doubles each grey's distance from mid-grey.
      if (wide[i] < 80 || wide[i] > 175) continue;
      checked++;
      if (Math.abs(narrow[i] - 127.5 - 2 * (wide[i] - 127.5)) > 3) off++;
    }
    expect(checked).toBeGreaterThan(1000);
    expect(off / checked).toBeLessThan(0.02);
  });
});

describe('speckle', () => {
  it('is structured in muscle (envelope mean/std ≈ 1.6, below the 1.91 of fully developed speckle) with the scanner’s own cell size', () => {
    // Envelope statistics on the scanner's line data, over the calf muscles well inside their borders.
    const p = placeProbe(knee, { centre: { x: -20, y: -35, z: 30 }, rotationDeg: 0, compressionMm: 1 });
    const f = imager.form(p, settings({ depthMm: 40 }));
    const scan = new ScanGeometry(knee, probeFrame(knee, p), f.acquisition);
    const envelopes: number[] = [];
    const inMuscle = (line: number, sample: number) => {
      const w = scan.worldAt(line, sample);
      return w !== null && knee.labelAt(w) === Label.gastrocnemiusLateral;
    };
    for (let line = 4; line < f.acquisition.cols - 4; line += 2)
      for (let sample = 12; sample < f.acquisition.rows - 12; sample += 2) {
        if (!inMuscle(line, sample) || !inMuscle(line - 3, sample) || !inMuscle(line + 3, sample) || !inMuscle(line, sample - 12) || !inMuscle(line, sample + 12)) continue;
        envelopes.push(10 ** (((f.lineData[line * f.acquisition.rows + sample] - 127.5) * DB_PER_GREY) / 20));
      }
    expect(envelopes.length).toBeGreaterThan(2000);
    const mean = envelopes.reduce((a, b) => a + b, 0) / envelopes.length;
    const sd = Math.sqrt(envelopes.reduce((a, b) => a + (b - mean) ** 2, 0) / envelopes.length);
    expect(mean / sd).toBeGreaterThan(1.35);
    expect(mean / sd).toBeLessThan(1.9);
  });
});

describe('tendon anisotropy', () => {
  const tendon = knee.structures.find((s) => s.name === 'biceps femoris tendon') as TubeStructure;
  // Short axis of the tendon where it runs along the skin: tilting rocks the beam along its fibres.
  const centre: Vec3 = { x: 7, y: 26, z: 22 };
  const offPerpendicularDeg = (tiltDeg: number) => {
    const frame = probeFrame(knee, placeProbe(knee, { centre, rotationDeg: 0, tiltDeg, compressionMm: 1 }));
    const c = tendon.line.closest(frame.pose.centre, 40)!;
    const f = tendon.line.tangent(c.segment);
    const b = frame.beamAxis;
    return (Math.asin(Math.abs(f.x * b.x + f.y * b.y + f.z * b.z)) * 180) / Math.PI;
  };
  let perpendicularTilt = 0;
  for (let t = -15; t <= 15; t += 0.5) if (offPerpendicularDeg(t) < offPerpendicularDeg(perpendicularTilt)) perpendicularTilt = t;
  const tendonOverMuscleDb = (extraTiltDeg: number) => {
    const a = analyse(knee, imager, placeProbe(knee, { centre, rotationDeg: 0, tiltDeg: perpendicularTilt + extraTiltDeg, compressionMm: 1 }));
    const t = interior(a, ['bicepsFemorisTendon'], 2);
    const m = interior(a, ['gastrocnemiusLateral'], 4);
    expect(t.length).toBeGreaterThan(100);
    return meanDb(a.frame.pixels, t) - meanDb(a.frame.pixels, m);
  };

  it('is 10–15 dB over muscle with the beam perpendicular to its fibres', () => {
    expect(offPerpendicularDeg(perpendicularTilt)).toBeLessThan(1);
    const db = tendonOverMuscleDb(0);
    expect(db).toBeGreaterThanOrEqual(9);
    expect(db).toBeLessThanOrEqual(16);
  });

  it('is about isoechoic to muscle 5° off, and hypoechoic but never below about −10 dB at 15°', () => {
    const at5 = tendonOverMuscleDb(5);
    expect(Math.abs(at5)).toBeLessThanOrEqual(3.5);
    const at15 = tendonOverMuscleDb(15);
    expect(at15).toBeLessThan(-3);
    expect(at15).toBeGreaterThanOrEqual(-11);
  });
});

it('names every label it measures (a renamed label must not silently empty a mask)', () => {
  for (const name of ['fascicle', 'interfascicularEpineurium', 'epineurium', 'paraneuralSheath', 'fat', 'fibula', 'gastrocnemiusLateral', 'soleus', 'bicepsFemorisTendon'] as LabelName[]) expect(nameOfLabelId(Label[name])).toBe(name);
});
