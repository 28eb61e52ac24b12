import type { Vec3 } from '../math/vec3';
import type { ScanGeometry } from '../probe/scanGeometry';
import type { TissueWarp } from './tissueWarp';

/**
 * Where the debrief's cross-sections draw their marks: on the anatomy the injectate has moved
 * (the nerve lifted, floating in its halo), in the image the B-mode pass makes of it. That pass
 * (echoField) reads every line from where the rigid probe rides on the skin the fluid bulged under
 * its footprint: its mean lift along Z. A resting point the warp carried to p' shows at
 * p' less that lift, through the resting scan geometry.
 */

/** How far (mm, along +Z, ≥ 0) the warp lifted the resting skin point p. */
function skinLiftMm(warp: TissueWarp, p: Vec3): number {
  const lifted = warp.displacedPoint(p).z - p.z;
  return lifted > 0 ? lifted : 0;
}

/** The probe's lift on the bulged skin: the mean over its lines of the skin's lift where each line enters. */
export function probeLiftMm(scan: ScanGeometry, warp: TissueWarp): number {
  if (!warp.active) return 0;
  const beam = scan.frame.beamAxis;
  let sum = 0;
  let lines = 0;
  for (let line = 0; line < scan.image.cols; line++) {
    const entry = scan.entryMm[line];
    if (Number.isNaN(entry)) continue;
    const o = scan.lineOrigin(scan.lateralMm(line + 0.5));
    sum += skinLiftMm(warp, { x: o.x + beam.x * entry, y: o.y + beam.y * entry, z: o.z + beam.z * entry });
    lines++;
  }
  return lines > 0 ? sum / lines : 0;
}

/** Image position (fractional scan columns and rows) of the tissue that rested at `rest`, after the warp moved it. */
export function displacedImagePoint(scan: ScanGeometry, warp: TissueWarp | null, liftMm: number, rest: Vec3): { col: number; row: number } {
  const moved = warp?.active ? warp.displacedPoint(rest) : rest;
  const { col, row } = scan.toImage({ x: moved.x, y: moved.y, z: moved.z - liftMm });
  return { col, row };
}
