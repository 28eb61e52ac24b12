import { seededRandom } from '../random';

/**
 * Noise level at the display (dB, on the same scale as echoes after gain) of what is always
 * there: reverberation clutter and the electronics at low gain. Shadows sit here: dark, not black.
 */
const CLUTTER_LEVEL_DB = -30;
/**
 * The receiver's own (thermal) noise, referred to its input: amplified with the echoes by
 * time-gain compensation, so it rises with depth and fills the far field where echoes fade.
 */
const THERMAL_LEVEL_DB = -124;
const TABLE_BITS = 16;
const TABLE_MASK = (1 << TABLE_BITS) - 1;

/** Standard normal deviates (seeded, Box–Muller), looked up by a hash of the sample (noiseIndex). */
export const NOISE_DEVIATES = (() => {
  const random = seededRandom(0x5eed);
  const table = new Float32Array(1 << TABLE_BITS);
  for (let i = 0; i < table.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    table[i] = r * Math.cos(angle);
    table[i + 1] = r * Math.sin(angle);
  }
  return table;
})();

/**
 * Complex Gaussian receiver noise added to the echoes before envelope detection, so its
 * envelope is Rayleigh like a scanner's. It changes from frame to frame (seeded by the frame's
 * time), never from run to run, and each scan line has its own stream (seeded by the line), so
 * a band of lines formed on its own gets the same noise as in the whole frame.
 */
export class ReceiverNoise {
  private sigma = new Float32Array(0);

  /** Sets the noise level per sample from `gainDb`, the gain the display will apply there; returns the lowest. */
  prepare(samples: number, gainDb: Float32Array): number {
    if (this.sigma.length !== samples) this.sigma = new Float32Array(samples);
    const sigma = this.sigma;
    const thermal = 10 ** (THERMAL_LEVEL_DB / 20);
    let lowest = Infinity;
    for (let s = 0; s < samples; s++) {
      // Per quadrature component: half the power each.
      const clutter = 10 ** ((CLUTTER_LEVEL_DB - gainDb[s]) / 20);
      sigma[s] = Math.SQRT1_2 * Math.sqrt(clutter * clutter + thermal * thermal);
      if (sigma[s] < lowest) lowest = sigma[s];
    }
    return lowest;
  }

  /** The noise level per sample, per quadrature component (after prepare; read only). */
  get sigmaPerSample(): Float32Array {
    return this.sigma;
  }

  /**
   * The seed of one scan line's noise stream in one frame. The display draws the line's deviates
   * itself, in its compression loop (nextNoiseState, then NOISE_DEVIATES at noiseIndex and its
   * neighbour ^ 1 for in-phase and quadrature): one pass, no buffer in between.
   */
  lineSeed(line: number, timeSeconds: number): number {
    const state = (Math.imul(Math.round(timeSeconds * 1000), 0x9e3779b1) ^ Math.imul(line + 1, 0x85ebca6b)) | 0;
    return Math.imul(state ^ (state >>> 16), 0x7feb352d);
  }
}

/** The next state of a line's noise stream (small enough for the compiler to inline in the loop). */
export function nextNoiseState(state: number): number {
  return (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0;
}

/** Where a state's in-phase deviate lies in NOISE_DEVIATES (its quadrature one is at index ^ 1). */
export function noiseIndex(state: number): number {
  return (state >>> 8) & TABLE_MASK;
}
