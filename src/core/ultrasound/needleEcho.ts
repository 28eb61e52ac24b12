import type { ScanGeometry } from '../probe/scanGeometry';
import type { ScannerSettings } from './scannerSettings';
import { sliceHalfThicknessMm } from './beamShape';
import { acousticsByLabel } from './tissueAcoustics';
import { Label } from '../anatomy/tissues';

export interface NeedleSegment {
  /** Where the shaft enters the skin (or any point on the shaft nearer the hub). */
  entry: { x: number; y: number; z: number };
  tip: { x: number; y: number; z: number };
  diameterMm: number;
}

/**
 * Echo of the shaft's wall per scan line it crosses, with the beam perpendicular to the shaft,
 * over the backscatter amplitude of the muscle round it (≈ 44 dB): steel reflects almost
 * everything. The point-spread function and log compression make this thin reflector a
 * near-white line about as thick as the axial resolution.
 */
const SHAFT_OVER_MUSCLE = 160;
/** The tissue the needle lies in, for its backscatter level and the attenuation above the needle. */
const SURROUNDING = acousticsByLabel[Label.bicepsFemorisMuscle];
const NEEDLE_ECHO = SHAFT_OVER_MUSCLE * SURROUNDING.echogenicity;
/** Specular lobe of the shaft: brightest with the beam perpendicular, faint past ~45°. */
const SHAFT_LOBE_RAD = (32 * Math.PI) / 180;
/**
 * Share of the echo that comes back again after one more round trip across the needle
 * (the comet tail), with the beam perpendicular. Each bounce goes through the shaft's specular
 * lobe again, so the tail shortens much faster than the shaft dims as the angle grows.
 */
const REVERBERATION_PER_ECHO = 0.6;
const MAX_REVERBERATIONS = 10;
/** The bevel's facets and the point scatter over a wide range of angles: a bright tip even when steep. */
const BEVEL_ECHO = 1.0;
const BEVEL_LOBE_RAD = (60 * Math.PI) / 180;
/** How far behind the point the bevel's bright spot reaches, in needle diameters. */
const BEVEL_LENGTH_DIAMETERS = 2;
/**
 * Fraction of the blocked part of the elevation beam that is really lost behind the shaft
 * (diffraction fills the rest in): a 25 G needle in plane leaves about two thirds of the echo
 * below it (−3.5 dB).
 */
const SHADOW_OPACITY = 0.85;
const NEEDLE_STEP_MM = 0.05;
/** Below this share of the in-plane echo (−80 dB) the shaft adds nothing a display could show. */
const FAINTEST = 1e-4;

/**
 * The needle as the beam sees it: a thin specular reflector at the shaft's front wall, whose
 * echo falls with the angle between the beam and the shaft; reverberations across the needle
 * below it (the comet tail), one needle diameter apart, each weaker than the last and strong
 * only near perpendicular incidence; a brighter, less angle-dependent bevel at the tip; and a
 * faint shadow below the shaft where it blocks part of the beam. Everything fades with a
 * Gaussian elevation beam profile as the needle leaves the slice: −6 dB at the slice's
 * half-thickness, no hard edge. The point-spread function blurs it afterwards.
 */
export function addNeedle(needle: NeedleSegment, scan: ScanGeometry, settings: ScannerSettings, re: Float32Array, im: Float32Array, lineFrom = 0, lineTo = scan.image.cols): void {
  const lines = scan.image.cols;
  const samples = scan.image.rows;
  const sampleMm = scan.image.sampleSpacingMm;
  const dx = needle.tip.x - needle.entry.x;
  const dy = needle.tip.y - needle.entry.y;
  const dz = needle.tip.z - needle.entry.z;
  const length = Math.hypot(dx, dy, dz);
  if (length === 0) return;
  const beam = scan.frame.beamAxis;
  const offPerpendicular = Math.asin(Math.min(1, Math.abs((beam.x * dx + beam.y * dy + beam.z * dz) / length)));
  const shaftLobe = Math.exp(-((offPerpendicular / SHAFT_LOBE_RAD) ** 2));
  const bevelLobe = Math.exp(-((offPerpendicular / BEVEL_LOBE_RAD) ** 2));
  const perEcho = REVERBERATION_PER_ECHO * shaftLobe;
  const radius = needle.diameterMm / 2;
  const reverberationSamples = needle.diameterMm / sampleMm;
  // The front wall lies a radius above the axis, measured across the shaft: more than that in depth when tilted.
  const frontWallSamples = radius / Math.max(0.3, Math.cos(offPerpendicular)) / sampleMm;
  const bevelMm = BEVEL_LENGTH_DIAMETERS * needle.diameterMm;
  // Attenuated on the way down and back like the muscle round it (time-gain compensation restores it).
  const decayPerMm = (2 * SURROUNDING.attenuationDbPerCmMHz * settings.frequencyMHz * 0.1 * Math.LN10) / 20;
  // Steel does not bend when the probe presses the tissue: the shaft is the straight line between
  // where its ends are imaged (mapping every point through the compression would curve it).
  const from = scan.toImage(needle.entry);
  const to = scan.toImage(needle.tip);
  const steps = Math.ceil(length / NEEDLE_STEP_MM);
  const stepMm = length / steps;
  // A specular line returns its echo once per scan line it crosses: each step weighs the share of
  // a line it spans. The bevel is a compact scatterer: its steps weigh their length.
  const lateralWeight = Math.abs(to.col - from.col) / steps;
  const bevelWeight = stepMm / scan.image.lineSpacingMm;

  // Shadow first, on the tissue echoes only: the needle's own echoes are added afterwards.
  const keep = new Float32Array(lines).fill(1);
  const shadowFrom = new Float32Array(lines).fill(samples);
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const line = Math.floor(from.col + (to.col - from.col) * t);
    const row = from.row + (to.row - from.row) * t;
    if (line < lineFrom || line >= lineTo || row < 0 || row >= samples) continue;
    const outOfPlaneMm = from.outOfPlaneMm + (to.outOfPlaneMm - from.outOfPlaneMm) * t;
    const half = sliceHalfThicknessMm(row * sampleMm);
    const k = 1 - SHADOW_OPACITY * blockedShare(outOfPlaneMm, radius, half);
    if (k < keep[line]) keep[line] = k;
    const behind = row + frontWallSamples;
    if (behind < shadowFrom[line]) shadowFrom[line] = behind;
  }
  for (let line = lineFrom; line < lineTo; line++) {
    const k = keep[line];
    if (k > 0.999) continue;
    const base = line * samples;
    for (let s = Math.max(0, Math.ceil(shadowFrom[line])); s < samples; s++) {
      re[base + s] *= k;
      im[base + s] *= k;
    }
  }

  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const line = Math.floor(from.col + (to.col - from.col) * t);
    const row = from.row + (to.row - from.row) * t - frontWallSamples;
    // Steel above the probe's face (a pressed probe images the entry point out of the picture) echoes nothing.
    if (line < lineFrom || line >= lineTo || row < 0 || row >= samples) continue;
    const outOfPlaneMm = from.outOfPlaneMm + (to.outOfPlaneMm - from.outOfPlaneMm) * t;
    const depthMm = row * sampleMm;
    const half = sliceHalfThicknessMm(depthMm);
    const inSlice = Math.exp(-Math.LN2 * (outOfPlaneMm / half) ** 2);
    if (inSlice < FAINTEST) continue;
    const fromTipMm = (1 - t) * length;
    const bevel = fromTipMm < 3 * bevelMm ? Math.exp(-((fromTipMm / bevelMm) ** 2)) : 0;
    let amplitude = NEEDLE_ECHO * inSlice * (shaftLobe * lateralWeight + BEVEL_ECHO * bevelLobe * bevel * bevelWeight) * Math.exp(-decayPerMm * depthMm);
    const base = line * samples;
    let share = inSlice;
    let at = row - 0.5;
    for (let k = 0; k <= MAX_REVERBERATIONS; k++) {
      // Split between the two nearest samples so the line does not step from sample to sample.
      const s = Math.floor(at);
      const w = at - s;
      if (s >= samples) break;
      if (s >= 0) re[base + s] += amplitude * (1 - w);
      if (s + 1 >= 0 && s + 1 < samples) re[base + s + 1] += amplitude * w;
      amplitude *= perEcho;
      share *= perEcho;
      if (share < FAINTEST) break;
      at += reverberationSamples;
    }
  }
}

/**
 * Share of the elevation beam (two-way, Gaussian, half amplitude at ±half) that the shaft's
 * cross-section covers when its axis is `offsetMm` out of the plane.
 */
function blockedShare(offsetMm: number, radiusMm: number, halfMm: number): number {
  const scale = Math.sqrt(Math.LN2) / halfMm;
  return 0.5 * (erf((offsetMm + radiusMm) * scale) - erf((offsetMm - radiusMm) * scale));
}

/** Abramowitz & Stegun 7.1.26: within 1.5e-7, plenty for a shadow's depth. */
function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t;
  return sign * (1 - poly * Math.exp(-a * a));
}
