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

  apply(re: Float32Array, im: Float32Array, lines: number, samples: number, lineSpacingMm: number, sampleSpacingMm: number, frequencyMHz: number, focusMm: number): void {
    if (this.tmpRe.length !== re.length) {
      this.tmpRe = new Float32Array(re.length);
      this.tmpIm = new Float32Array(re.length);
    }
    const { tmpRe, tmpIm } = this;
    // Axial: one kernel for every sample (pulse length does not change with depth).
    const axial = gaussianKernel(axialSigmaMm(frequencyMHz) / sampleSpacingMm);
    const ra = (axial.length - 1) >> 1;
    for (let line = 0; line < lines; line++) {
      const base = line * samples;
      for (let s = 0; s < samples; s++) {
        let sr = 0;
        let si = 0;
        const lo = Math.max(-ra, -s);
        const hi = Math.min(ra, samples - 1 - s);
        for (let k = lo; k <= hi; k++) {
          const w = axial[k + ra];
          sr += w * re[base + s + k];
          si += w * im[base + s + k];
        }
        tmpRe[base + s] = sr;
        tmpIm[base + s] = si;
      }
    }
    // Lateral: a kernel per depth, narrowest at the focus.
    const MAX_RADIUS = 6;
    const weights = new Float32Array(2 * MAX_RADIUS + 1);
    for (let s = 0; s < samples; s++) {
      const sigmaLines = lateralSigmaMm(frequencyMHz, (s + 0.5) * sampleSpacingMm, focusMm) / lineSpacingMm;
      const r = Math.min(MAX_RADIUS, Math.max(1, Math.ceil(2.2 * sigmaLines)));
      let total = 0;
      for (let k = -r; k <= r; k++) {
        const w = Math.exp(-(k * k) / (2 * sigmaLines * sigmaLines));
        weights[k + r] = w;
        total += w;
      }
      for (let k = 0; k <= 2 * r; k++) weights[k] /= total;
      for (let line = 0; line < lines; line++) {
        let sr = 0;
        let si = 0;
        const lo = Math.max(-r, -line);
        const hi = Math.min(r, lines - 1 - line);
        for (let k = lo; k <= hi; k++) {
          const w = weights[k + r];
          const i = (line + k) * samples + s;
          sr += w * tmpRe[i];
          si += w * tmpIm[i];
        }
        re[line * samples + s] = sr;
        im[line * samples + s] = si;
      }
    }
  }
}

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
