import { type Vec3, normalize, sub, cross, dot } from '../math/vec3';
import { sampleCatmullRom } from './catmullRom';

/**
 * A smooth centre line (Catmull-Rom through control points) resampled every `stepMm` of arc
 * length, with a frame per sample: `tangent`, `widthAxis` and `thicknessAxis` (the latter is the
 * given reference direction made perpendicular to the tangent). Nerves, vessels, tendons and
 * muscle bellies are all tubes around such lines.
 *
 * Closest-point queries stay cheap because every line here runs monotonically along one axis of
 * the limb frame (the limb's structures run along the limb, the genicular artery across it): a
 * binary search on that axis gives the few segments that can be near a point.
 */
export interface ClosestPoint {
  /** Arc length of the closest point from the line's own origin (see `arcOrigin`). */
  sMm: number;
  /** Offsets of the point from the line in the local frame. */
  widthOffset: number;
  thicknessOffset: number;
  /** How far past either end of the line the point lies along the tangent (0 between the ends). */
  beyondEnd: number;
  distance: number;
  /** Distance along the line to its nearer end (0 past the ends): the flat caps' reach. */
  toNearerEnd: number;
  /** Fractional control-point parameter, for interpolating per-control-point values (radii). */
  controlParam: number;
  segment: number;
  /** The sample whose frame the offsets are measured in (see `frameDot`). */
  frameSample: number;
}

type Axis = 'x' | 'y' | 'z';
const SEGMENT_STRIDE = 6;

export class CentreLine {
  readonly count: number;
  readonly stepMm: number;
  readonly lengthMm: number;
  /** s = arcLength - arcOrigin; set so that s = 0 at a meaningful level (for the CPN: the fibular head apex). */
  arcOrigin = 0;
  private readonly px: Float64Array;
  private readonly py: Float64Array;
  private readonly pz: Float64Array;
  private readonly frame: Float64Array; // per sample: tangent(3), widthAxis(3), thicknessAxis(3)
  private readonly param: Float64Array;
  private readonly axis: Axis;
  private readonly axisDescending: boolean;
  /** Per segment i (samples i to i + 1), SEGMENT_STRIDE numbers: its span along the axis (low, high) and its vector with its squared length. */
  private readonly segments: Float64Array;

  constructor(controlPoints: readonly Vec3[], thicknessReference: Vec3, stepMm = 1) {
    if (controlPoints.length < 2) throw new Error('A centre line needs at least two control points');
    const fine = sampleCatmullRom(controlPoints, 24);
    const total = fine.arc[fine.arc.length - 1];
    const n = Math.max(2, Math.round(total / stepMm) + 1);
    this.count = n;
    this.stepMm = total / (n - 1);
    this.lengthMm = total;
    this.px = new Float64Array(n);
    this.py = new Float64Array(n);
    this.pz = new Float64Array(n);
    this.param = new Float64Array(n);
    this.frame = new Float64Array(n * 9);
    let j = 0;
    for (let i = 0; i < n; i++) {
      const target = i * this.stepMm;
      while (j < fine.arc.length - 2 && fine.arc[j + 1] < target) j++;
      const span = fine.arc[j + 1] - fine.arc[j];
      const t = span > 0 ? Math.min(1, Math.max(0, (target - fine.arc[j]) / span)) : 0;
      const a = fine.points[j];
      const b = fine.points[j + 1];
      this.px[i] = a.x + (b.x - a.x) * t;
      this.py[i] = a.y + (b.y - a.y) * t;
      this.pz[i] = a.z + (b.z - a.z) * t;
      this.param[i] = fine.param[j] + (fine.param[j + 1] - fine.param[j]) * t;
    }
    for (let i = 0; i < n; i++) {
      const a = Math.max(0, i - 1);
      const b = Math.min(n - 1, i + 1);
      const tangent = normalize({ x: this.px[b] - this.px[a], y: this.py[b] - this.py[a], z: this.pz[b] - this.pz[a] });
      const r = thicknessReference;
      const thickness = normalize(sub(r, { x: tangent.x * dot(r, tangent), y: tangent.y * dot(r, tangent), z: tangent.z * dot(r, tangent) }));
      const width = cross(thickness, tangent);
      this.frame.set([tangent.x, tangent.y, tangent.z, width.x, width.y, width.z, thickness.x, thickness.y, thickness.z], i * 9);
    }
    const extents: Record<Axis, number> = {
      x: Math.abs(this.px[n - 1] - this.px[0]),
      y: Math.abs(this.py[n - 1] - this.py[0]),
      z: Math.abs(this.pz[n - 1] - this.pz[0]),
    };
    this.axis = (Object.keys(extents) as Axis[]).reduce((best, k) => (extents[k] > extents[best] ? k : best), 'y');
    const coords = this.coords();
    this.axisDescending = coords[n - 1] < coords[0];
    for (let i = 1; i < n; i++) {
      const step = coords[i] - coords[i - 1];
      if (this.axisDescending ? step >= 0 : step <= 0) {
        throw new Error(`Centre line must run monotonically along ${this.axis} (sample ${i})`);
      }
    }
    this.segments = new Float64Array((n - 1) * SEGMENT_STRIDE);
    for (let i = 0; i < n - 1; i++) {
      const ex = this.px[i + 1] - this.px[i];
      const ey = this.py[i + 1] - this.py[i];
      const ez = this.pz[i + 1] - this.pz[i];
      this.segments.set([Math.min(coords[i], coords[i + 1]), Math.max(coords[i], coords[i + 1]), ex, ey, ez, ex * ex + ey * ey + ez * ez], i * SEGMENT_STRIDE);
    }
  }

  point(i: number): Vec3 {
    return { x: this.px[i], y: this.py[i], z: this.pz[i] };
  }

  tangent(i: number): Vec3 {
    const f = this.frame;
    return { x: f[i * 9], y: f[i * 9 + 1], z: f[i * 9 + 2] };
  }

  widthAxis(i: number): Vec3 {
    const f = this.frame;
    return { x: f[i * 9 + 3], y: f[i * 9 + 4], z: f[i * 9 + 5] };
  }

  thicknessAxis(i: number): Vec3 {
    const f = this.frame;
    return { x: f[i * 9 + 6], y: f[i * 9 + 7], z: f[i * 9 + 8] };
  }

  /** Dot product of (x, y, z) with axis `axis` (0 tangent, 1 width, 2 thickness) of sample i's frame: no allocation. */
  frameDot(i: number, axis: 0 | 1 | 2, x: number, y: number, z: number): number {
    const k = i * 9 + axis * 3;
    const f = this.frame;
    return x * f[k] + y * f[k + 1] + z * f[k + 2];
  }

  controlParam(i: number): number {
    return this.param[i];
  }

  /** Arc length of sample i on the s scale (0 at the origin set by `arcOrigin`). */
  sOfSample(i: number): number {
    return i * this.stepMm - this.arcOrigin;
  }

  /** Fractional sample index at s, or null past either end. */
  sampleAtS(sMm: number): number | null {
    const f = (sMm + this.arcOrigin) / this.stepMm;
    return f < 0 || f > this.count - 1 ? null : f;
  }

  /** Interpolated position at a fractional sample index. */
  pointAt(f: number): Vec3 {
    const i = Math.min(this.count - 2, Math.max(0, Math.floor(f)));
    const t = f - i;
    return {
      x: this.px[i] + (this.px[i + 1] - this.px[i]) * t,
      y: this.py[i] + (this.py[i + 1] - this.py[i]) * t,
      z: this.pz[i] + (this.pz[i + 1] - this.pz[i]) * t,
    };
  }

  /** First sample index whose axis coordinate reaches `value` (lines are monotonic). */
  private indexAtAxis(value: number): number {
    const c = this.coords();
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const before = this.axisDescending ? c[mid] > value : c[mid] < value;
      if (before) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private best = 0;
  private bestSeg = -1;
  private bestT = 0;

  /** Segment i's squared distance to (x, y, z), kept in best/bestSeg/bestT when it is less than best. */
  private trySegment(i: number, x: number, y: number, z: number): void {
    const { px, py, pz } = this;
    const k = i * SEGMENT_STRIDE;
    const seg = this.segments;
    const ex = seg[k + 2];
    const ey = seg[k + 3];
    const ez = seg[k + 4];
    const len2 = seg[k + 5];
    const wx = x - px[i];
    const wy = y - py[i];
    const wz = z - pz[i];
    let t = len2 > 0 ? (wx * ex + wy * ey + wz * ez) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const dx = wx - ex * t;
    const dy = wy - ey * t;
    const dz = wz - ez * t;
    const d2 = dx * dx + dy * dy + dz * dz;
    if (d2 < this.best) {
      this.best = d2;
      this.bestSeg = i;
      this.bestT = t;
    }
  }

  private coords(): Float64Array {
    return this.axis === 'x' ? this.px : this.axis === 'y' ? this.py : this.pz;
  }

  private readonly result: ClosestPoint = {
    sMm: 0, widthOffset: 0, thicknessOffset: 0, beyondEnd: 0, distance: 0, toNearerEnd: 0, controlParam: 0, segment: 0, frameSample: 0,
  };

  // The last query and its answer: the voxeliser asks twice about a point inside a nerve (its
  // distance, then which part of it), and `indexAtAxis` once per row of voxels at one level.
  private askedX = NaN;
  private askedY = NaN;
  private askedZ = NaN;
  private askedSearchMm = NaN;
  private askedArcOrigin = NaN;
  private found = false;
  private startAxisValue = NaN;
  private startSegment = 0;

  /**
   * The returned object is reused by the next call: read it before calling again.
   * Closest point on the line to p among the points that can be within `searchMm` of it.
   * Returns null when none can be (so the true distance exceeds searchMm).
   */
  closest(p: Vec3, searchMm: number): ClosestPoint | null {
    if (p.x === this.askedX && p.y === this.askedY && p.z === this.askedZ && searchMm === this.askedSearchMm && this.arcOrigin === this.askedArcOrigin) {
      return this.found ? this.result : null;
    }
    this.askedX = p.x;
    this.askedY = p.y;
    this.askedZ = p.z;
    this.askedSearchMm = searchMm;
    this.askedArcOrigin = this.arcOrigin;
    this.found = this.search(p, searchMm);
    return this.found ? this.result : null;
  }

  private search(p: Vec3, searchMm: number): boolean {
    const { x, y, z } = p;
    const v = this.axis === 'x' ? x : this.axis === 'y' ? y : z;
    const seg = this.segments;
    const n = this.count;
    // Start at the segment level with p and walk outward; once a segment's span along the axis
    // lies farther from p than the best distance so far, no segment beyond it can be closer.
    if (v !== this.startAxisValue) {
      this.startAxisValue = v;
      this.startSegment = Math.min(n - 2, Math.max(0, this.indexAtAxis(v) - 1));
    }
    const start = this.startSegment;
    this.best = searchMm * searchMm;
    this.bestSeg = -1;
    for (let i = start; i < n - 1; i++) {
      const lo = seg[i * SEGMENT_STRIDE];
      const hi = seg[i * SEGMENT_STRIDE + 1];
      const gap = lo > v ? lo - v : v > hi ? v - hi : 0;
      if (gap * gap > this.best) break;
      this.trySegment(i, x, y, z);
    }
    for (let i = start - 1; i >= 0; i--) {
      const lo = seg[i * SEGMENT_STRIDE];
      const hi = seg[i * SEGMENT_STRIDE + 1];
      const gap = lo > v ? lo - v : v > hi ? v - hi : 0;
      if (gap * gap > this.best) break;
      this.trySegment(i, x, y, z);
    }
    if (this.bestSeg < 0) return false;
    const best = this.best;
    const bestSeg = this.bestSeg;
    const bestT = this.bestT;
    const { px, py, pz } = this;
    const distance = Math.sqrt(best);
    const i = bestSeg;
    const t = bestT;
    const cx = px[i] + (px[i + 1] - px[i]) * t;
    const cy = py[i] + (py[i + 1] - py[i]) * t;
    const cz = pz[i] + (pz[i + 1] - pz[i]) * t;
    const f = this.frame;
    const k = t < 0.5 ? i * 9 : (i + 1) * 9;
    const ox = p.x - cx;
    const oy = p.y - cy;
    const oz = p.z - cz;
    let beyondEnd = 0;
    if (i === 0 && t === 0) beyondEnd = Math.max(0, -(ox * f[0] + oy * f[1] + oz * f[2]));
    const last = (this.count - 1) * 9;
    if (i === this.count - 2 && t === 1) beyondEnd = Math.max(0, ox * f[last] + oy * f[last + 1] + oz * f[last + 2]);
    // One result object per line, reused: closest() runs millions of times while voxelising.
    const r = this.result;
    r.sMm = (i + t) * this.stepMm - this.arcOrigin;
    r.widthOffset = ox * f[k + 3] + oy * f[k + 4] + oz * f[k + 5];
    r.thicknessOffset = ox * f[k + 6] + oy * f[k + 7] + oz * f[k + 8];
    r.beyondEnd = beyondEnd;
    r.distance = distance;
    r.toNearerEnd = Math.min((i + t) * this.stepMm, this.lengthMm - (i + t) * this.stepMm);
    r.controlParam = this.param[i] + (this.param[i + 1] - this.param[i]) * t;
    r.segment = i;
    r.frameSample = k / 9;
    return true;
  }
}
