import { wavelengthMm } from './scannerSettings';

/** Elevational focus of the probe's lens (fixed, unlike the electronic transmit focus). */
export const ELEVATION_FOCUS_MM = 15;

/** Slice thickness: ~1 mm at the lens focus, wider above and below it. */
export function sliceHalfThicknessMm(depthMm: number): number {
  return 0.5 * Math.sqrt(1 + ((depthMm - ELEVATION_FOCUS_MM) / 12) ** 2);
}

/** Axial resolution: about one and a half wavelengths of pulse, as a Gaussian σ (mm). */
export function axialSigmaMm(frequencyMHz: number): number {
  return (1.1 * wavelengthMm(frequencyMHz)) / 2.355;
}

/** Lateral beam width (σ, mm) at a depth, for a transmit focus: narrowest at the focus (F-number ~2). */
export function lateralSigmaMm(frequencyMHz: number, depthMm: number, focusMm: number): number {
  const focalWidth = 2.4 * wavelengthMm(frequencyMHz); // FWHM at the focus
  const rayleighRange = 10 * (frequencyMHz / 12);
  const width = focalWidth * Math.sqrt(1 + ((depthMm - focusMm) / rayleighRange) ** 2);
  return width / 2.355;
}
