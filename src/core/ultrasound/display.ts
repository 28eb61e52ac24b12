import type { ScannerSettings } from './scannerSettings';
import { TGC_BANDS } from './scannerSettings';
import { ReceiverNoise, NOISE_DEVIATES, nextNoiseState, noiseIndex } from './receiverNoise';

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
/**
 * An echo this far under the quietest noise cannot change a grey level, even from the
 * strongest reflector (a bone wall, ~60 dB over tissue backscatter): −100 dB, 40 dB to spare.
 */
const NEGLIGIBLE_UNDER_NOISE = 1e-5;
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
  private readonly bitsAsFloat = new Float32Array(1);
  private readonly floatBits = new Int32Array(this.bitsAsFloat.buffer);

  /**
   * The echo amplitude (before gain) below which nothing can show over the receiver's noise at
   * any depth of the frame: the echo loop stops a line there (deep in a bone's shadow).
   */
  negligibleEchoAmplitude(samples: number, sampleSpacingMm: number, settings: ScannerSettings): number {
    return this.prepare(samples, sampleSpacingMm, settings) * NEGLIGIBLE_UNDER_NOISE;
  }

  /** Gain and noise per sample for these settings; returns the quietest noise level (per component). */
  private prepare(samples: number, sampleSpacingMm: number, settings: ScannerSettings): number {
    if (this.gainDb.length !== samples) this.gainDb = new Float32Array(samples);
    const gainDb = this.gainDb;
    for (let s = 0; s < samples; s++) {
      const depthMm = (s + 0.5) * sampleSpacingMm;
      gainDb[s] = automaticTgcDb(settings.frequencyMHz, depthMm) + settings.gainDb + tgcAt(settings.tgcDb, depthMm / (samples * sampleSpacingMm)) - MID_GREY_LEVEL_DB;
    }
    return this.noise.prepare(samples, gainDb);
  }

  /**
   * Lines [lineFrom, lineTo) of the field (all by default) into `out`, line-major from lineFrom
   * (a band's own buffer); `re` and `im` are left as they were.
   */
  compressToGrey(re: Float32Array, im: Float32Array, lines: number, samples: number, sampleSpacingMm: number, settings: ScannerSettings, out: Uint8Array, lineFrom = 0, lineTo = lines): void {
    this.prepare(samples, sampleSpacingMm, settings);
    const { bitsAsFloat, floatBits } = this;
    const gainDb = this.gainDb;
    const sigma = this.noise.sigmaPerSample;
    const deviates = NOISE_DEVIATES;
    const greyPerDb = 255 / settings.dynamicRangeDb;
    // 10·log10(power) = 20·log10(envelope), with log2 read off the float's bits (Mitchell's
    // approximation, within 0.3 dB: far below a grey level at 60 dB over 255 levels).
    const dbPerLog2 = 10 * Math.LOG10E * Math.LN2;
    for (let line = lineFrom; line < lineTo; line++) {
      const base = line * samples;
      const outBase = (line - lineFrom) * samples;
      // Noise joins the echoes here, drawn in the same pass as the compression (no buffer, no
      // write back to the field); each deviate is rounded to float32 as the field's samples are.
      let state = this.noise.lineSeed(line, settings.timeSeconds);
      for (let s = 0; s < samples; s++) {
        state = nextNoiseState(state);
        const index = noiseIndex(state);
        const r = re[base + s] + Math.fround(sigma[s] * deviates[index]);
        const i = im[base + s] + Math.fround(sigma[s] * deviates[index ^ 1]);
        bitsAsFloat[0] = r * r + i * i + 1e-30;
        const log2 = floatBits[0] * 1.1920928955078125e-7 - 126.94269504;
        const grey = 127.5 + (dbPerLog2 * log2 + gainDb[s]) * greyPerDb;
        out[outBase + s] = grey >= 255 ? 255 : grey >= GREY_MAP_TOE ? grey : grey > TOE_FLOOR ? TOE[(grey - TOE_FLOOR) | 0] : 0;
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
  // Where each column falls between lines: worked out once per frame, not once per pixel.
  const lineAt = new Int32Array(cols);
  const lineWeight = new Float64Array(cols);
  for (let col = 0; col < cols; col++) {
    const fl = ((col + 0.5) / cols) * lines - 0.5;
    const l0 = Math.max(0, Math.min(lines - 2, Math.floor(fl)));
    lineAt[col] = l0 * samples;
    lineWeight[col] = Math.min(1, Math.max(0, fl - l0));
  }
  for (let row = 0; row < rows; row++) {
    const fs = ((row + 0.5) / rows) * samples - 0.5;
    const s0 = Math.max(0, Math.min(samples - 2, Math.floor(fs)));
    const ts = Math.min(1, Math.max(0, fs - s0));
    const us = 1 - ts;
    const rowBase = row * cols;
    for (let col = 0; col < cols; col++) {
      const i = lineAt[col] + s0;
      const tl = lineWeight[col];
      const a = grey[i] * us + grey[i + 1] * ts;
      const b = grey[i + samples] * us + grey[i + samples + 1] * ts;
      out[rowBase + col] = a * (1 - tl) + b * tl;
    }
  }
}
