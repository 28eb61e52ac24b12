import type { ScannerSettings } from './scannerSettings';
import { TGC_BANDS } from './scannerSettings';
import { ReceiverNoise } from './receiverNoise';

/**
 * The MSK preset's built-in compensation: the attenuation it expects of soft tissue (dB/cm/MHz,
 * one way), so muscle stays even from the skin down (anatomy.md: ≈ 1 dB/cm/MHz).
 */
export const PRESET_ATTENUATION_DB_PER_CM_MHZ = 0.85;
/** The receiver's gain range: time-gain compensation cannot add more than this. */
const MAX_AUTOMATIC_TGC_DB = 100;
/**
 * The grey map's toe: below this grey the curve bends smoothly toward black instead of
 * clipping, as a scanner's post-processing map does, so the darkest noise still shows texture.
 */
const GREY_MAP_TOE = 24;
const TOE_FLOOR = -400;
/** The toe by whole grey levels from TOE_FLOOR up to the toe (below the floor it has reached black). */
const TOE = (() => {
  const table = new Uint8Array(GREY_MAP_TOE - TOE_FLOOR + 1);
  for (let i = 0; i < table.length; i++) table[i] = Math.round(GREY_MAP_TOE * Math.exp((i + TOE_FLOOR - GREY_MAP_TOE) / (2 * GREY_MAP_TOE)));
  return table;
})();
/** Echo level (dB) shown mid-grey at 0 dB gain. */
const MID_GREY_LEVEL_DB = -8;

/**
 * Envelope, log compression and gain: what turns echo amplitudes into grey levels. Receiver
 * noise joins the echoes before envelope detection (so shadows and the far field show noise,
 * never exact black). Time-gain compensation restores the preset's attenuation with depth, up
 * to the receiver's range, plus the user's TGC sliders. Dynamic range sets the contrast around
 * mid-grey: a narrower range is harsher, a wider one softer, neither shifts the mid level.
 * Writes line-major grey levels (line × samples).
 */
export class Display {
  private readonly noise = new ReceiverNoise();
  private gainDb = new Float32Array(0);

  compressToGrey(re: Float32Array, im: Float32Array, lines: number, samples: number, sampleSpacingMm: number, settings: ScannerSettings, out: Uint8Array): void {
    if (this.gainDb.length !== samples) this.gainDb = new Float32Array(samples);
    const gainDb = this.gainDb;
    for (let s = 0; s < samples; s++) {
      const depthMm = (s + 0.5) * sampleSpacingMm;
      gainDb[s] = automaticTgcDb(settings.frequencyMHz, depthMm) + settings.gainDb + tgcAt(settings.tgcDb, depthMm / (samples * sampleSpacingMm)) - MID_GREY_LEVEL_DB;
    }
    this.noise.add(re, im, lines, samples, gainDb, settings.timeSeconds);
    const greyPerDb = 255 / settings.dynamicRangeDb;
    // 10·log10(power) = 20·log10(envelope), with log2 read off the float's bits (Mitchell's
    // approximation, within 0.3 dB: far below a grey level at 60 dB over 255 levels).
    const dbPerLog2 = 10 * Math.LOG10E * Math.LN2;
    const bitsAsFloat = new Float32Array(1);
    const floatBits = new Int32Array(bitsAsFloat.buffer);
    for (let line = 0; line < lines; line++) {
      const base = line * samples;
      for (let s = 0; s < samples; s++) {
        bitsAsFloat[0] = re[base + s] * re[base + s] + im[base + s] * im[base + s] + 1e-30;
        const log2 = floatBits[0] * 1.1920928955078125e-7 - 126.94269504;
        const grey = 127.5 + (dbPerLog2 * log2 + gainDb[s]) * greyPerDb;
        out[base + s] = grey >= 255 ? 255 : grey >= GREY_MAP_TOE ? grey : grey > TOE_FLOOR ? TOE[(grey - TOE_FLOOR) | 0] : 0;
      }
    }
  }
}

/** The preset's compensation at a depth: round-trip attenuation of soft tissue, capped by the receiver. */
export function automaticTgcDb(frequencyMHz: number, depthMm: number): number {
  return Math.min(MAX_AUTOMATIC_TGC_DB, 2 * PRESET_ATTENUATION_DB_PER_CM_MHZ * frequencyMHz * depthMm * 0.1);
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
