import type { Vec3 } from '../math/vec3';
import type { ScanGeometry } from '../probe/scanGeometry';
import type { TissueWarp } from './tissueWarp';
import { probeLiftMm, probeRideMm } from '../ultrasound/echoGeometry';

/**
 * Where the debrief's cross-sections draw their marks: on the anatomy the injectate has moved
 * (the nerve lifted, floating in its halo), in the image the B-mode pass makes of it. That pass
 * (echoField) reads every line from where the rigid probe rides on the skin the fluid bulged under
 * its footprint: its mean lift along Z, ridden back along the beam. A resting point the warp
 * carried to p' shows at p' less that ride, through the resting scan geometry.
 */

/** The probe's lift on the bulged skin, exactly as the B-mode pass reads it. */
export { probeLiftMm };

/** Image position (fractional scan columns and rows) of the tissue that rested at `rest`, after the warp moved it. */
export function displacedImagePoint(scan: ScanGeometry, warp: TissueWarp | null, liftMm: number, rest: Vec3): { col: number; row: number } {
  const moved = warp?.active ? warp.displacedPoint(rest) : rest;
  const ride = probeRideMm(scan, liftMm);
  const { col, row } = scan.toImage({ x: moved.x - ride.x, y: moved.y - ride.y, z: moved.z - ride.z });
  return { col, row };
}
