import { axialSigmaMm, lateralSigmaMm } from './beamShape';

/**
 * The point-spread function as two passes of Gaussian blur on the complex echo field: short
 * along each line (axial resolution), wider across lines and widening away from the transmit
 * focus (lateral resolution). Followed by envelope detection, this turns scatterers into
 * speckle with the scanner's cell size.
 */
export class PointSpread {
  private tmpRe = new Float32Array(0);
  private tmpIm = new Float32Array(0);
  private lateralWeights = new Float32Array(0);

  apply(re: Float32Array, im: Float32Array, lines: number, samples: number, lineSpacingMm: number, sampleSpacingMm: number, frequencyMHz: number, focusMm: number): void {
    if (this.tmpRe.length !== re.length) {
      this.tmpRe = new Float32Array(re.length);
      this.tmpIm = new Float32Array(re.length);
    }
    const { tmpRe, tmpIm } = this;
    // Axial: one kernel for every sample (pulse length does not change with depth). Edges are
    // clamped so the inner loop needs no bounds.
    const axial = gaussianKernel(axialSigmaMm(frequencyMHz) / sampleSpacingMm);
    const ra = (axial.length - 1) >> 1;
    for (let line = 0; line < lines; line++) {
      const base = line * samples;
      const last = base + samples - 1;
      for (let s = 0; s < samples; s++) {
        let sr = 0;
        let si = 0;
        const centre = base + s;
        if (s >= ra && s < samples - ra) {
          for (let k = -ra; k <= ra; k++) {
            const w = axial[k + ra];
            sr += w * re[centre + k];
            si += w * im[centre + k];
          }
        } else {
          for (let k = -ra; k <= ra; k++) {
            const i = Math.min(last, Math.max(base, centre + k));
            sr += axial[k + ra] * re[i];
            si += axial[k + ra] * im[i];
          }
        }
        tmpRe[centre] = sr;
        tmpIm[centre] = si;
      }
    }
    // Lateral: a kernel per depth, narrowest at the focus; weights[k][s] so the inner loop runs
    // along contiguous samples.
    const radius = MAX_LATERAL_RADIUS;
    const taps = 2 * radius + 1;
    if (this.lateralWeights.length !== taps * samples) this.lateralWeights = new Float32Array(taps * samples);
    const weights = this.lateralWeights;
    for (let s = 0; s < samples; s++) {
      const sigmaLines = Math.max(0.35, lateralSigmaMm(frequencyMHz, (s + 0.5) * sampleSpacingMm, focusMm) / lineSpacingMm);
      let total = 0;
      for (let k = -radius; k <= radius; k++) total += Math.exp(-(k * k) / (2 * sigmaLines * sigmaLines));
      for (let k = -radius; k <= radius; k++) weights[(k + radius) * samples + s] = Math.exp(-(k * k) / (2 * sigmaLines * sigmaLines)) / total;
    }
    re.fill(0);
    im.fill(0);
    for (let line = 0; line < lines; line++) {
      const out = line * samples;
      for (let k = -radius; k <= radius; k++) {
        const source = line + k;
        if (source < 0 || source >= lines) continue;
        const from = source * samples;
        const w = (k + radius) * samples;
        for (let s = 0; s < samples; s++) {
          const weight = weights[w + s];
          re[out + s] += weight * tmpRe[from + s];
          im[out + s] += weight * tmpIm[from + s];
        }
      }
    }
  }
}

/** Beyond ±3 lines (±0.5 mm) the beam's side lobes are below what log compression shows. */
const MAX_LATERAL_RADIUS = 3;

function gaussianKernel(sigma: number): Float32Array {
  const s = Math.max(0.4, sigma);
  const r = Math.max(1, Math.ceil(2.5 * s));
  const k = new Float32Array(2 * r + 1);
  let total = 0;
  for (let i = -r; i <= r; i++) {
    k[i + r] = Math.exp(-(i * i) / (2 * s * s));
    total += k[i + r];
  }
  for (let i = 0; i < k.length; i++) k[i] /= total;
  return k;
}
