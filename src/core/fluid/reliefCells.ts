/**
 * The relief's coarse cells (warpRelief.ts): the columns' lifts summed per cell, blurred by a
 * separable Gaussian, and read back bilinearly; and the id that stamps one rebuild's cells.
 */

/** The blurred lifts (and lift-weighted fluid tops) per cell of a rebuild. */
export interface ReliefCells {
  liftBlur: Float64Array;
  topBlur: Float64Array;
  w: number;
  h: number;
  cx0: number;
  cy0: number;
}

/**
 * The id the column cache stamps a rebuild's cells with, unique in the process. Held by the cells
 * object but not enumerable: not part of the warp's state (a replay's copy of the cells is another
 * object, and gets its own id when first read), so live and replayed warps stay the same state.
 */
let rebuilds = 0;
export function buildOf(cells: ReliefCells): number {
  const held = (cells as { build?: number }).build;
  if (held !== undefined) return held;
  const build = ++rebuilds;
  Object.defineProperty(cells, 'build', { value: build, enumerable: false });
  return build;
}

/** A normalised Gaussian kernel of `sigma` (cells) over ±`reach` cells. */
export function gaussian(sigma: number, reach: number): Float64Array {
  const k = new Float64Array(2 * reach + 1);
  let sum = 0;
  for (let i = -reach; i <= reach; i++) sum += k[i + reach] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < k.length; i++) k[i] /= sum;
  return k;
}

/** Separable blur; what would fall off the edge is kept at the edge, so the total is kept. */
export function blur2d(src: Float64Array, w: number, h: number, kernel: Float64Array, reach: number): Float64Array {
  const mid = new Float64Array(w * h);
  const out = new Float64Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const v = src[x + w * y];
      if (v === 0) continue;
      for (let i = -reach; i <= reach; i++) mid[Math.min(w - 1, Math.max(0, x + i)) + w * y] += v * kernel[i + reach];
    }
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const v = mid[x + w * y];
      if (v === 0) continue;
      for (let i = -reach; i <= reach; i++) out[x + w * Math.min(h - 1, Math.max(0, y + i))] += v * kernel[i + reach];
    }
  return out;
}

/** Bilinear read of the cells at cell (ix + tx, iy + ty), clamped at the far edges. */
export function bilinear(cells: Float64Array, w: number, h: number, ix: number, iy: number, tx: number, ty: number): number {
  const x1 = Math.min(ix + 1, w - 1);
  const row0 = w * iy;
  const row1 = w * Math.min(iy + 1, h - 1);
  return (1 - ty) * ((1 - tx) * cells[ix + row0] + tx * cells[x1 + row0]) + ty * ((1 - tx) * cells[ix + row1] + tx * cells[x1 + row1]);
}
