import { type Vec3, sub, dot, degToRad } from '../math/vec3';
import type { KneeAnatomy } from '../anatomy/knee';
import type { ScanGeometry } from './scanGeometry';

export type ViewClass = 'short-axis' | 'long-axis' | 'oblique' | 'no-nerve';

/** scoring.md: the plane within 20° of perpendicular to (short) or containing (long) the nerve. */
export const VIEW_ANGLE_TOLERANCE_DEG = 20;
/** scoring.md: a long-axis view shows at least 15 mm of nerve. */
export const LONG_AXIS_MIN_LENGTH_MM = 15;
/** The beam's slice: nerve within this of the plane (plus its radius) is in the image. */
export const SLICE_HALF_THICKNESS_MM = 0.5;

export interface ViewReport {
  view: ViewClass;
  /** Where the nerve is in the image (fractional pixels): its section in short axis, the middle of the seen length in long axis. */
  nerveInImage: { col: number; row: number } | null;
  /** Length of CPN inside the image slice, mm. */
  nerveLengthInImageMm: number;
  /** Angle between the nerve and the image plane's normal where it crosses the plane (0 = perfect short axis). */
  crossingAngleDeg: number | null;
  /** Arc length (s) of the nerve where it crosses the image plane in the picture, or null. */
  crossingSMm: number | null;
  /** The stretch of nerve (s range) inside the slice and the picture, or null when none is. */
  nerveSpanSMm: { minMm: number; maxMm: number } | null;
}

/**
 * Classifies the current image against the CPN's centre line, as scoring.md defines the views.
 * Works in the image's own coordinates so that "inside the image" means inside the picture the
 * trainee sees.
 */
export function classifyView(knee: KneeAnatomy, scan: ScanGeometry): ViewReport {
  const line = knee.cpn.line;
  const { image, frame } = scan;
  const cosShort = Math.cos(degToRad(VIEW_ANGLE_TOLERANCE_DEG));
  const sinLong = Math.sin(degToRad(VIEW_ANGLE_TOLERANCE_DEG));
  const inPicture = (col: number, row: number) => col >= 0 && col <= image.cols && row >= 0 && row <= image.rows;

  let crossing: { col: number; row: number; angleDeg: number; sMm: number } | null = null;
  let spanMin = Infinity;
  let spanMax = -Infinity;
  let bestRun = { length: 0, colSum: 0, rowSum: 0, samples: 0 };
  let run = { length: 0, colSum: 0, rowSum: 0, samples: 0 };
  let nearest: { col: number; row: number; off: number } | null = null;
  let totalInSlice = 0;

  // Only points this close to the plane can be in the slice or be the nearest one shown (the
  // nearest counts only when some point is in the slice): farther ones need no image position,
  // whose depth costs a trace of the skin under their column.
  const radii = new Float64Array(line.count);
  let nearReachMm = 0;
  for (let i = 0; i < line.count; i++) {
    radii[i] = knee.cpn.radiusAt(line.sOfSample(i));
    nearReachMm = Math.max(nearReachMm, radii[i] + SLICE_HALF_THICKNESS_MM);
  }

  let prev: { p: Vec3; off: number } | null = null;
  for (let i = 0; i < line.count; i++) {
    const p = line.point(i);
    const off = dot(sub(p, frame.pose.centre), frame.elevationAxis);
    const tangent = line.tangent(i);
    const alignment = Math.abs(dot(tangent, frame.elevationAxis));
    const radius = radii[i];
    const im = Math.abs(off) <= nearReachMm ? scan.toImage(p) : null;
    const visible = im !== null && inPicture(im.col, im.row);

    if (prev && Math.sign(prev.off) !== Math.sign(off)) {
      const t = prev.off / (prev.off - off);
      const q = { x: prev.p.x + (p.x - prev.p.x) * t, y: prev.p.y + (p.y - prev.p.y) * t, z: prev.p.z + (p.z - prev.p.z) * t };
      const qi = scan.toImage(q);
      if (inPicture(qi.col, qi.row)) {
        const angleDeg = (Math.acos(Math.min(1, alignment)) * 180) / Math.PI;
        if (!crossing || angleDeg < crossing.angleDeg) crossing = { col: qi.col, row: qi.row, angleDeg, sMm: line.sOfSample(i - 1) + t * line.stepMm };
      }
    }
    const inSlice = visible && Math.abs(off) <= radius + SLICE_HALF_THICKNESS_MM;
    if (inSlice) {
      totalInSlice += line.stepMm;
      spanMin = Math.min(spanMin, line.sOfSample(i));
      spanMax = Math.max(spanMax, line.sOfSample(i));
    }
    if (im && inSlice && alignment <= sinLong) {
      run.length += line.stepMm;
      run.colSum += im.col;
      run.rowSum += im.row;
      run.samples++;
      if (run.length > bestRun.length) bestRun = { ...run };
    } else {
      run = { length: 0, colSum: 0, rowSum: 0, samples: 0 };
    }
    if (im && visible && (!nearest || Math.abs(off) < nearest.off)) nearest = { col: im.col, row: im.row, off: Math.abs(off) };
    prev = { p, off };
  }

  const located = { crossingSMm: crossing?.sMm ?? null, nerveSpanSMm: spanMin <= spanMax ? { minMm: spanMin, maxMm: spanMax } : null };
  if (crossing && Math.cos(degToRad(crossing.angleDeg)) >= cosShort) {
    return { view: 'short-axis', nerveInImage: { col: crossing.col, row: crossing.row }, nerveLengthInImageMm: totalInSlice, crossingAngleDeg: crossing.angleDeg, ...located };
  }
  if (bestRun.length >= LONG_AXIS_MIN_LENGTH_MM) {
    return {
      view: 'long-axis',
      nerveInImage: { col: bestRun.colSum / bestRun.samples, row: bestRun.rowSum / bestRun.samples },
      nerveLengthInImageMm: totalInSlice,
      crossingAngleDeg: crossing?.angleDeg ?? null,
      ...located,
    };
  }
  const seen = crossing ?? (totalInSlice > 0 && nearest ? nearest : null);
  if (seen) {
    return { view: 'oblique', nerveInImage: { col: seen.col, row: seen.row }, nerveLengthInImageMm: totalInSlice, crossingAngleDeg: crossing?.angleDeg ?? null, ...located };
  }
  return { view: 'no-nerve', nerveInImage: null, nerveLengthInImageMm: 0, crossingAngleDeg: null, crossingSMm: null, nerveSpanSMm: null };
}
