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
  private weightsKey = '';
  /** Per line, the sample from which the axial pass's output is zero (a silent tail, blurred). */
  private axialEnd = new Int32Array(0);

  /**
   * Blurs lines [lineFrom, lineTo) of the field in place (all lines by default). A band of lines
   * reads MAX_LATERAL_RADIUS lines either side of it, which must hold their echoes already.
   * `silentFrom` (per line, the first sample of an all-zero tail: below a shadow) lets both
   * passes skip what would only sum zeros; the bytes are the same without it.
   */
  apply(re: Float32Array, im: Float32Array, lines: number, samples: number, lineSpacingMm: number, sampleSpacingMm: number, frequencyMHz: number, focusMm: number, lineFrom = 0, lineTo = lines, silentFrom: Int32Array | null = null): void {
    if (this.tmpRe.length !== re.length) {
      this.tmpRe = new Float32Array(re.length);
      this.tmpIm = new Float32Array(re.length);
    }
    if (this.axialEnd.length !== lines) this.axialEnd = new Int32Array(lines);
    const { tmpRe, tmpIm, axialEnd } = this;
    const radius = MAX_LATERAL_RADIUS;
    const readFrom = Math.max(0, lineFrom - radius);
    const readTo = Math.min(lines, lineTo + radius);
    // Axial: one kernel for every sample (pulse length does not change with depth). Edges are
    // clamped so the inner loop needs no bounds.
    const axial = gaussianKernel(axialSigmaMm(frequencyMHz) / sampleSpacingMm);
    const ra = (axial.length - 1) >> 1;
    for (let line = readFrom; line < readTo; line++) {
      const base = line * samples;
      const last = base + samples - 1;
      const end = silentFrom === null ? samples : Math.min(samples, silentFrom[line] + ra);
      axialEnd[line] = end;
      tmpRe.fill(0, base + end, base + samples);
      tmpIm.fill(0, base + end, base + samples);
      // The usual kernel (five taps: 12 MHz at ~0.08 mm a sample) slides along the line with its
      // weights and the five samples it reads held in locals: one new load per sample and
      // component instead of five. The sums run in the same order, so the bytes are the same.
      const interiorTo = ra === 2 ? Math.min(end, samples - 2) : 0;
      let slideFrom = end;
      if (interiorTo > 2) {
        const w0 = axial[0];
        const w1 = axial[1];
        const w2 = axial[2];
        const w3 = axial[3];
        const w4 = axial[4];
        let r0 = re[base];
        let r1 = re[base + 1];
        let r2 = re[base + 2];
        let r3 = re[base + 3];
        let i0 = im[base];
        let i1 = im[base + 1];
        let i2 = im[base + 2];
        let i3 = im[base + 3];
        for (let s = 2; s < interiorTo; s++) {
          const r4 = re[base + s + 2];
          const i4 = im[base + s + 2];
          tmpRe[base + s] = 0 + w0 * r0 + w1 * r1 + w2 * r2 + w3 * r3 + w4 * r4;
          tmpIm[base + s] = 0 + w0 * i0 + w1 * i1 + w2 * i2 + w3 * i3 + w4 * i4;
          r0 = r1;
          r1 = r2;
          r2 = r3;
          r3 = r4;
          i0 = i1;
          i1 = i2;
          i2 = i3;
          i3 = i4;
        }
        slideFrom = 2;
      }
      for (let s = 0; s < end; s++) {
        // The rest: the clamped ends, and the whole line for other kernels (the slide's span is skipped).
        if (s === slideFrom) s = interiorTo;
        if (s >= end) break;
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
    // along contiguous samples. Kept between frames while the settings stay.
    const taps = 2 * radius + 1;
    const key = `${samples} ${lineSpacingMm} ${sampleSpacingMm} ${frequencyMHz} ${focusMm}`;
    if (this.weightsKey !== key) {
      this.weightsKey = key;
      if (this.lateralWeights.length !== taps * samples) this.lateralWeights = new Float32Array(taps * samples);
      const weights = this.lateralWeights;
      for (let s = 0; s < samples; s++) {
        const sigmaLines = Math.max(0.35, lateralSigmaMm(frequencyMHz, (s + 0.5) * sampleSpacingMm, focusMm) / lineSpacingMm);
        let total = 0;
        for (let k = -radius; k <= radius; k++) total += Math.exp(-(k * k) / (2 * sigmaLines * sigmaLines));
        for (let k = -radius; k <= radius; k++) weights[(k + radius) * samples + s] = Math.exp(-(k * k) / (2 * sigmaLines * sigmaLines)) / total;
      }
    }
    const weights = this.lateralWeights;
    for (let line = lineFrom; line < lineTo; line++) {
      const out = line * samples;
      if (line >= radius && line < lines - radius) {
        // All seven taps in one pass, each output written once (the hot loop: no read-modify-write).
        const m3 = out - 3 * samples;
        const m2 = out - 2 * samples;
        const m1 = out - samples;
        const p1 = out + samples;
        const p2 = out + 2 * samples;
        const p3 = out + 3 * samples;
        const w1 = samples;
        const w2 = 2 * samples;
        const w3 = 3 * samples;
        const w4 = 4 * samples;
        const w5 = 5 * samples;
        const w6 = 6 * samples;
        // Beyond the last of the seven lines' blurred tails every tap reads zero.
        let end = 0;
        for (let k = line - radius; k <= line + radius; k++) if (axialEnd[k] > end) end = axialEnd[k];
        re.fill(0, out + end, out + samples);
        im.fill(0, out + end, out + samples);
        for (let s = 0; s < end; s++) {
          const a = weights[s];
          const b = weights[w1 + s];
          const c = weights[w2 + s];
          const d = weights[w3 + s];
          const e = weights[w4 + s];
          const f = weights[w5 + s];
          const g = weights[w6 + s];
          re[out + s] = a * tmpRe[m3 + s] + b * tmpRe[m2 + s] + c * tmpRe[m1 + s] + d * tmpRe[out + s] + e * tmpRe[p1 + s] + f * tmpRe[p2 + s] + g * tmpRe[p3 + s];
          im[out + s] = a * tmpIm[m3 + s] + b * tmpIm[m2 + s] + c * tmpIm[m1 + s] + d * tmpIm[out + s] + e * tmpIm[p1 + s] + f * tmpIm[p2 + s] + g * tmpIm[p3 + s];
        }
        continue;
      }
      re.fill(0, out, out + samples);
      im.fill(0, out, out + samples);
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
/** Lines either side of a band that its point-spread function reads. */
export const POINT_SPREAD_REACH_LINES = MAX_LATERAL_RADIUS;

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
