import type { Vec3 } from '../math/vec3';

/** Uniform Catmull-Rom through the control points, with cumulative arc length. */
export function sampleCatmullRom(cps: readonly Vec3[], perSpan: number) {
  const points: Vec3[] = [];
  const param: number[] = [];
  const n = cps.length;
  for (let k = 0; k < n - 1; k++) {
    const p0 = cps[Math.max(0, k - 1)];
    const p1 = cps[k];
    const p2 = cps[k + 1];
    const p3 = cps[Math.min(n - 1, k + 2)];
    const last = k === n - 2 ? perSpan : perSpan - 1;
    for (let j = 0; j <= last; j++) {
      const t = j / perSpan;
      const t2 = t * t;
      const t3 = t2 * t;
      const c = (a: number, b: number, cc: number, d: number) =>
        0.5 * (2 * b + (-a + cc) * t + (2 * a - 5 * b + 4 * cc - d) * t2 + (-a + 3 * b - 3 * cc + d) * t3);
      points.push({ x: c(p0.x, p1.x, p2.x, p3.x), y: c(p0.y, p1.y, p2.y, p3.y), z: c(p0.z, p1.z, p2.z, p3.z) });
      param.push(k + t);
    }
  }
  const arc = [0];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    arc.push(arc[i - 1] + Math.hypot(b.x - a.x, b.y - a.y, b.z - a.z));
  }
  return { points, param, arc };
}
