import type { KneeAnatomy } from '../anatomy/knee';
import type { LabelVolume } from '../anatomy/voxelise';
import type { ProbePose } from '../probe/pose';
import { probeFrame, ScanGeometry } from '../probe/scanGeometry';
import { acquisitionGeometry } from '../imaging/imageGeometry';
import { EchoField, type EchoOptions } from './echoField';
import { SCAN_LINES, samplesForDepth, type BModeImager } from './bmode';
import type { ScannerSettings } from './scannerSettings';
import { probeLiftMm, probeRideMm } from './echoGeometry';
import { displacedTissueAt } from '../fluid/tissueWarp';

export interface PosteriorEnhancement {
  /** Scan lines that cross injectate with tissue under it. */
  linesUnderFluid: number;
  /** Mean grey of the soft tissue `fromMm`–`toMm` under the deepest injectate of each line (bone excluded). */
  meanGreyBelow: number;
  /** Share of those samples at 255. */
  saturatedBelow: number;
  /** Mean grey at the same depths in lines that meet no injectate above them. */
  meanGreyBeside: number;
}

/** How far before a cortex (mm) its echo, spread over the pulse, still brightens the image. */
const CORTEX_ECHO_MM = 0.5;

/** Injectate runs shorter than this are edges grazed by a line, not fluid it crosses. */
const MIN_RUN_MM = 0.5;

/**
 * The tissue under the injectate in one frame, against the same depths beside it: how a reader
 * sees posterior enhancement. Injectate is where the echo field, before the point-spread
 * function, holds no diffuse echo (anechoic: its quadrature part is exactly zero; vessels still
 * scatter a little), in runs that tissue follows. Measured on the scanner's line × sample grid.
 */
export function posteriorEnhancement(imager: BModeImager, knee: KneeAnatomy, volume: LabelVolume, pose: ProbePose, settings: ScannerSettings, options: EchoOptions, fromMm = 0.5, toMm = 3): PosteriorEnhancement {
  const samples = samplesForDepth(settings.depthMm);
  const acquisition = acquisitionGeometry(settings.depthMm, SCAN_LINES, samples);
  const scan = new ScanGeometry(knee, probeFrame(knee, pose), acquisition);
  const echoes = new EchoField();
  echoes.form(knee, volume, scan, settings, options);
  const grey = imager.form(pose, settings, options, samples).lineData;
  const ss = acquisition.sampleSpacingMm;
  // What lies at a sample, as the echo pass reads it (on the probe riding the bulged skin, through the warp).
  const warp = options.tissueWarp?.active ? options.tissueWarp : null;
  const ride = probeRideMm(scan, probeLiftMm(warp, scan));
  const isBoneAt = (line: number, sample: number): boolean => {
    const p = scan.worldAt(line, sample);
    if (p === null) return false;
    const at = { x: p.x + ride.x, y: p.y + ride.y, z: p.z + ride.z };
    return (warp ? displacedTissueAt(knee, warp, at) : knee.tissueAt(at)) === 'bone';
  };
  const minRun = Math.round(MIN_RUN_MM / ss);
  const below = new Int32Array(SCAN_LINES * samples);
  // Per line, the first sample under its first injectate run (samples when none).
  const firstUnder = new Int32Array(SCAN_LINES).fill(samples);
  for (let line = 0; line < SCAN_LINES; line++) {
    const im = echoes.im.subarray(line * samples, (line + 1) * samples);
    let s = 0;
    while (s < samples && im[s] === 0) s++; // coupling gel over the skin
    let deepestEnd = 0;
    while (s < samples) {
      if (im[s] !== 0) {
        s++;
        continue;
      }
      let end = s;
      while (end < samples && im[end] === 0) end++;
      if (end - s >= minRun && end < samples) {
        if (firstUnder[line] === samples) firstUnder[line] = s;
        deepestEnd = end;
      }
      s = end;
    }
    // Under the deepest run only: between runs lies what floats in the fluid (the nerve), not what
    // is behind it; and soft tissue clear of bone only: a cortex close under the fluid is bright in
    // its own right, and its echo spreads over the pulse's length before it.
    if (deepestEnd > 0)
      for (let k = deepestEnd + Math.round(fromMm / ss); k < Math.min(samples, deepestEnd + Math.round(toMm / ss)) && im[k] !== 0; k++) {
        if (isBoneAt(line, k + Math.round(CORTEX_ECHO_MM / ss))) break;
        below[line * samples + k] = 1;
      }
  }
  let n = 0;
  let sum = 0;
  let saturated = 0;
  const lines = new Set<number>();
  const depthCount = new Int32Array(samples);
  for (let i = 0; i < below.length; i++) {
    if (below[i] === 0) continue;
    n++;
    sum += grey[i];
    if (grey[i] === 255) saturated++;
    lines.add(Math.floor(i / samples));
    depthCount[i % samples]++;
  }
  // Beside: the same depths, weighted as often as they occur under the fluid, in lines with no injectate above.
  let besideSum = 0;
  let besideWeight = 0;
  for (let s = 0; s < samples; s++) {
    if (depthCount[s] === 0) continue;
    let m = 0;
    let c = 0;
    for (let line = 0; line < SCAN_LINES; line++) {
      if (firstUnder[line] <= s || echoes.im[line * samples + s] === 0) continue;
      m += grey[line * samples + s];
      c++;
    }
    if (c === 0) continue;
    besideSum += (m / c) * depthCount[s];
    besideWeight += depthCount[s];
  }
  return { linesUnderFluid: lines.size, meanGreyBelow: n ? sum / n : 0, saturatedBelow: n ? saturated / n : 0, meanGreyBeside: besideWeight ? besideSum / besideWeight : 0 };
}
