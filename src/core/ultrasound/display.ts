import type { ScannerSettings } from './scannerSettings';
import { TGC_BANDS } from './scannerSettings';

/** The scanner's built-in compensation: the attenuation of average soft tissue (round trip). */
const NOMINAL_ATTENUATION_DB_PER_CM_MHZ = 0.75;
/** Echo level shown mid-grey at 0 dB gain (calibrated so muscle sits in the lower third). */
const REFERENCE_LEVEL_DB = 24;

/**
 * Envelope, log compression and gain: what turns echo amplitudes into grey levels. Time-gain
 * compensation restores the nominal attenuation with depth, plus the user's TGC sliders.
 * Writes line-major grey levels (line × samples).
 */
export function compressToGrey(re: Float32Array, im: Float32Array, lines: number, samples: number, sampleSpacingMm: number, settings: ScannerSettings, out: Uint8Array): void {
  const gainBySample = new Float32Array(samples);
  for (let s = 0; s < samples; s++) {
    const depthMm = (s + 0.5) * sampleSpacingMm;
    const automatic = 2 * NOMINAL_ATTENUATION_DB_PER_CM_MHZ * settings.frequencyMHz * depthMm * 0.1;
    gainBySample[s] = automatic + settings.gainDb + tgcAt(settings.tgcDb, depthMm / (samples * sampleSpacingMm)) - REFERENCE_LEVEL_DB;
  }
  const scale = 255 / settings.dynamicRangeDb;
  // 10·log10(power) = 20·log10(envelope), with log2 read off the float's bits (Mitchell's
  // approximation, within 0.3 dB: far below a grey level at 60 dB over 255 levels).
  const dbPerLog2 = 10 * Math.LOG10E * Math.LN2;
  const bitsAsFloat = new Float32Array(1);
  const floatBits = new Int32Array(bitsAsFloat.buffer);
  for (let line = 0; line < lines; line++) {
    const base = line * samples;
    for (let s = 0; s < samples; s++) {
      bitsAsFloat[0] = re[base + s] * re[base + s] + im[base + s] * im[base + s] + 1e-12;
      const log2 = floatBits[0] * 1.1920928955078125e-7 - 126.94269504;
      const db = dbPerLog2 * log2 + gainBySample[s];
      const grey = (db + settings.dynamicRangeDb) * scale;
      out[base + s] = grey <= 0 ? 0 : grey >= 255 ? 255 : grey;
    }
  }
}

/** TGC sliders interpolated over the depth fraction (0 at the skin, 1 at the bottom). */
function tgcAt(tgcDb: readonly number[], fraction: number): number {
  const x = Math.min(TGC_BANDS - 1, Math.max(0, fraction * TGC_BANDS - 0.5));
  const i = Math.min(TGC_BANDS - 2, Math.floor(x));
  const t = x - i;
  return (tgcDb[i] ?? 0) * (1 - t) + (tgcDb[i + 1] ?? 0) * t;
}

/** Linear-array scan conversion: resample the line × sample grid onto the display's pixels. */
export function scanConvert(grey: Uint8Array, lines: number, samples: number, cols: number, rows: number, out: Uint8Array): void {
  for (let row = 0; row < rows; row++) {
    const fs = ((row + 0.5) / rows) * samples - 0.5;
    const s0 = Math.max(0, Math.min(samples - 2, Math.floor(fs)));
    const ts = Math.min(1, Math.max(0, fs - s0));
    for (let col = 0; col < cols; col++) {
      const fl = ((col + 0.5) / cols) * lines - 0.5;
      const l0 = Math.max(0, Math.min(lines - 2, Math.floor(fl)));
      const tl = Math.min(1, Math.max(0, fl - l0));
      const a = grey[l0 * samples + s0] * (1 - ts) + grey[l0 * samples + s0 + 1] * ts;
      const b = grey[(l0 + 1) * samples + s0] * (1 - ts) + grey[(l0 + 1) * samples + s0 + 1] * ts;
      out[row * cols + col] = a * (1 - tl) + b * tl;
    }
  }
}
