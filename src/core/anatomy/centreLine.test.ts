import { describe, expect, it } from 'vitest';
import { KneeAnatomy } from './knee';
import { CentreLine, type ClosestPoint } from './centreLine';
import { TubeStructure } from './structure';
import { NerveStructure } from './nerve';
import type { Vec3 } from '../math/vec3';
import { seededRandom } from '../random';

/**
 * closest() as it was before the voxeliser's speed work (per-query min/max of the samples, a
 * binary search each time, no memory of the last query): the answer now must be the same bits.
 */
function referenceClosest(line: CentreLine, p: Vec3, searchMm: number): ClosestPoint | null {
  const n = line.count;
  const pts = Array.from({ length: n }, (_, i) => line.point(i));
  const ext = { x: Math.abs(pts[n - 1].x - pts[0].x), y: Math.abs(pts[n - 1].y - pts[0].y), z: Math.abs(pts[n - 1].z - pts[0].z) };
  const axis = (['x', 'y', 'z'] as const).reduce((best, k) => (ext[k] > ext[best] ? k : best), 'y' as 'x' | 'y' | 'z');
  const c = pts.map((q) => q[axis]);
  const descending = c[n - 1] < c[0];
  const v = p[axis];
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (descending ? c[mid] > v : c[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  const start = Math.min(n - 2, Math.max(0, lo - 1));
  let best = searchMm * searchMm;
  let bestSeg = -1;
  let bestT = 0;
  const visit = (i: number): boolean => {
    const a = Math.min(c[i], c[i + 1]);
    const b = Math.max(c[i], c[i + 1]);
    const gap = a > v ? a - v : v > b ? v - b : 0;
    if (gap * gap > best) return false;
    const ex = pts[i + 1].x - pts[i].x;
    const ey = pts[i + 1].y - pts[i].y;
    const ez = pts[i + 1].z - pts[i].z;
    const wx = p.x - pts[i].x;
    const wy = p.y - pts[i].y;
    const wz = p.z - pts[i].z;
    const len2 = ex * ex + ey * ey + ez * ez;
    let t = len2 > 0 ? (wx * ex + wy * ey + wz * ez) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const dx = wx - ex * t;
    const dy = wy - ey * t;
    const dz = wz - ez * t;
    const d2 = dx * dx + dy * dy + dz * dz;
    if (d2 < best) [best, bestSeg, bestT] = [d2, i, t];
    return true;
  };
  for (let i = start; i < n - 1 && visit(i); i++);
  for (let i = start - 1; i >= 0 && visit(i); i--);
  if (bestSeg < 0) return null;
  const i = bestSeg;
  const t = bestT;
  const ox = p.x - (pts[i].x + (pts[i + 1].x - pts[i].x) * t);
  const oy = p.y - (pts[i].y + (pts[i + 1].y - pts[i].y) * t);
  const oz = p.z - (pts[i].z + (pts[i + 1].z - pts[i].z) * t);
  const k = t < 0.5 ? i : i + 1;
  let beyondEnd = 0;
  if (i === 0 && t === 0) beyondEnd = Math.max(0, -line.frameDot(0, 0, ox, oy, oz));
  if (i === n - 2 && t === 1) beyondEnd = Math.max(0, line.frameDot(n - 1, 0, ox, oy, oz));
  return {
    sMm: (i + t) * line.stepMm - line.arcOrigin,
    widthOffset: line.frameDot(k, 1, ox, oy, oz),
    thicknessOffset: line.frameDot(k, 2, ox, oy, oz),
    beyondEnd,
    distance: Math.sqrt(best),
    toNearerEnd: Math.min((i + t) * line.stepMm, line.lengthMm - (i + t) * line.stepMm),
    controlParam: line.controlParam(i) + (line.controlParam(i + 1) - line.controlParam(i)) * t,
    segment: i,
    frameSample: k,
  };
}

const knee = new KneeAnatomy();
const lines = knee.structures.flatMap((s) => (s instanceof TubeStructure || s instanceof NerveStructure ? [s.line] : []));

describe('CentreLine.closest', () => {
  it('gives the same bits as the plain walk, for points near and far, asked again, with another reach, in rows as the voxeliser asks', () => {
    expect(lines.length).toBeGreaterThan(10);
    const random = seededRandom(3);
    let compared = 0;
    for (const line of lines) {
      for (let i = 0; i < 400; i++) {
        const anchor = line.point(Math.floor(random() * line.count));
        const spread = random() < 0.5 ? 3 : 25;
        const p = { x: anchor.x + (random() - 0.5) * spread, y: anchor.y + (random() - 0.5) * spread, z: anchor.z + (random() - 0.5) * spread };
        // The same point again (remembered), with another reach (must not be), then a row of voxels.
        for (const [q, search] of [[p, 8], [{ ...p }, 8], [p, 30], [p, 1], [{ ...p, x: p.x + 0.25 }, 8], [{ ...p, x: p.x + 0.5 }, 8]] as const) {
          const got = line.closest(q, search);
          expect(got === null ? null : { ...got }).toEqual(referenceClosest(line, q, search));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(20000);
  });

  it('answers for the arc origin it has now, not the one of the remembered query', () => {
    const line = new CentreLine([{ x: 0, y: 0, z: 0 }, { x: 1, y: 10, z: 0 }, { x: 0, y: 20, z: 1 }], { x: 0, y: 0, z: 1 });
    const p = { x: 2, y: 7, z: 0 };
    const before = line.closest(p, 5)!.sMm;
    line.arcOrigin = 4;
    expect(line.closest(p, 5)!.sMm).toBe(before - 4);
  });
});
