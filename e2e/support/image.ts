import type { FrameReport } from '../../src/automation/types';

/**
 * What a sonographer reads off a B-mode frame, measured once for every spec (Node side, on the
 * frame window.sim.frame() returns).
 */
type Frame = Pick<FrameReport, 'width' | 'height' | 'widthMm' | 'depthMm' | 'pixels'>;

const at = (f: Frame, col: number, row: number) => f.pixels[Math.max(0, Math.min(f.height - 1, Math.floor(row))) * f.width + Math.max(0, Math.min(f.width - 1, Math.floor(col)))];

/**
 * Bone: down each column of [fromShare, toShare] of the width, the brightest row (the cortex) and
 * the ratio of the grey 10–25 rows under it to the grey 5–20 rows over it. The median ratio: well
 * under 1 where a cortex casts its acoustic shadow. Null when too few columns have a cortex.
 */
export function boneShadowRatio(f: Frame, fromShare = 0.6, toShare = 0.85): number | null {
  const ratios: number[] = [];
  for (let col = Math.round(f.width * fromShare); col < f.width * toShare; col += 4) {
    let bestRow = -1;
    let best = 0;
    for (let row = 25; row < f.height - 40; row++) {
      const v = at(f, col, row);
      if (v > best) {
        best = v;
        bestRow = row;
      }
    }
    if (bestRow < 0) continue;
    let above = 0;
    let below = 0;
    for (let r = bestRow - 20; r < bestRow - 5; r++) above += at(f, col, r);
    for (let r = bestRow + 10; r < bestRow + 25; r++) below += at(f, col, r);
    ratios.push(below / Math.max(1, above));
  }
  if (ratios.length <= 5) return null;
  return [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)];
}

/** A nerve in short axis: the mean grey of its rim (epineurium and sheath) and of its inside, round (col, row). */
export function nerveRimAndInside(f: Frame, centre: { col: number; row: number }, areaMm2: number): { rim: number; inside: number } {
  const pxPerMm = f.width / f.widthMm;
  const radiusPx = Math.sqrt(areaMm2 / Math.PI) * pxPerMm;
  let inside = 0;
  let nIn = 0;
  let rim = 0;
  let nRim = 0;
  for (let y = Math.floor(centre.row - radiusPx - 4); y <= centre.row + radiusPx + 4; y++)
    for (let x = Math.floor(centre.col - radiusPx - 4); x <= centre.col + radiusPx + 4; x++) {
      const d = Math.hypot(x + 0.5 - centre.col, y + 0.5 - centre.row);
      if (d <= radiusPx - 3) {
        inside += at(f, x, y);
        nIn++;
      } else if (d >= radiusPx - 1 && d <= radiusPx + 3) {
        rim += at(f, x, y);
        nRim++;
      }
    }
  return { inside: inside / nIn, rim: rim / nRim };
}

/** Mean absolute grey difference of two frames of the same size. */
export function meanAbsoluteDifference(a: Frame, b: Frame): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error('frames of different sizes');
  let sum = 0;
  for (let i = 0; i < a.pixels.length; i++) sum += Math.abs(a.pixels[i] - b.pixels[i]);
  return sum / a.pixels.length;
}
