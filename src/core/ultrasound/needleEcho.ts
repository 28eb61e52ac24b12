import type { ScanGeometry } from '../probe/scanGeometry';
import type { ScannerSettings } from './scannerSettings';

export interface NeedleSegment {
  /** Where the shaft enters the skin (or any point on the shaft nearer the hub). */
  entry: { x: number; y: number; z: number };
  tip: { x: number; y: number; z: number };
  diameterMm: number;
}

/** Steel reflects almost everything; relative to tissue backscatter it is very bright. */
const NEEDLE_ECHO = 60;
/** Specular lobe of the shaft: brightest with the beam perpendicular, faint past ~60°. */
const NEEDLE_LOBE_RAD = (32 * Math.PI) / 180;
const NEEDLE_STEP_MM = 0.05;
const REVERBERATIONS = 5;
const REVERBERATION_DECAY = 0.42;

/**
 * The needle where it lies within the slice: a bright line whose brightness falls as the beam
 * leaves perpendicular to the shaft, with reverberation echoes below it spaced by its diameter
 * (the comet tail). The tip shows only if it is itself in the slice.
 */
export function addNeedle(needle: NeedleSegment, scan: ScanGeometry, settings: ScannerSettings, re: Float32Array, sliceHalf: Float32Array): void {
  const lines = scan.image.cols;
  const samples = scan.image.rows;
  const dx = needle.tip.x - needle.entry.x;
  const dy = needle.tip.y - needle.entry.y;
  const dz = needle.tip.z - needle.entry.z;
  const length = Math.hypot(dx, dy, dz);
  if (length === 0) return;
  const beam = scan.frame.beamAxis;
  const offPerpendicular = Math.asin(Math.min(1, Math.abs((beam.x * dx + beam.y * dy + beam.z * dz) / length)));
  const lobe = Math.exp(-((offPerpendicular / NEEDLE_LOBE_RAD) ** 2)) + 0.01;
  const radius = needle.diameterMm / 2;
  const reverberationSamples = needle.diameterMm / scan.image.sampleSpacingMm;
  // Shown at the level the scanner's time-gain compensation expects at that depth.
  const nominalDecayPerMm = (2 * 0.75 * settings.frequencyMHz * 0.1 * Math.LN10) / 20;
  // Steel does not bend when the probe presses the tissue: the shaft is the straight line between
  // where its ends are imaged (mapping every point through the compression would curve it).
  const from = scan.toImage(needle.entry);
  const to = scan.toImage(needle.tip);
  const steps = Math.ceil(length / NEEDLE_STEP_MM);
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const col = from.col + (to.col - from.col) * t;
    const row = from.row + (to.row - from.row) * t;
    const outOfPlaneMm = from.outOfPlaneMm + (to.outOfPlaneMm - from.outOfPlaneMm) * t;
    const line = Math.round(col - 0.5);
    const sample = Math.round(row - 0.5);
    if (line < 0 || line >= lines || sample < 0 || sample >= samples) continue;
    const half = sliceHalf[sample] * 2;
    const outOfSlice = Math.abs(outOfPlaneMm) - radius;
    if (outOfSlice > half) continue;
    const inSlice = outOfSlice <= 0 ? 1 : Math.exp(-((outOfSlice / (half * 0.5)) ** 2));
    const depthMm = (sample + 0.5) * scan.image.sampleSpacingMm;
    let amplitude = ((NEEDLE_ECHO * lobe * inSlice * NEEDLE_STEP_MM) / scan.image.lineSpacingMm) * Math.exp(-nominalDecayPerMm * depthMm);
    const base = line * samples;
    re[base + sample] += amplitude;
    for (let k = 1; k <= REVERBERATIONS; k++) {
      amplitude *= REVERBERATION_DECAY;
      const s = Math.round(sample + k * reverberationSamples);
      if (s >= samples) break;
      re[base + s] += amplitude;
    }
  }
}

