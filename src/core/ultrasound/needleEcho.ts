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
  const steps = Math.ceil(length / NEEDLE_STEP_MM);
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const q = { x: needle.entry.x + dx * t, y: needle.entry.y + dy * t, z: needle.entry.z + dz * t };
    const at = scan.toImage(q);
    const line = Math.round(at.col - 0.5);
    const sample = Math.round(at.row - 0.5);
    if (line < 0 || line >= lines || sample < 0 || sample >= samples) continue;
    const half = sliceHalf[sample] * 2;
    const outOfSlice = Math.abs(at.outOfPlaneMm) - radius;
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

