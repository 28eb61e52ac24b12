import type { TissueWarp } from '../fluid/tissueWarp';
import type { ScanGeometry } from '../probe/scanGeometry';

/** How far (mm, along Z, ≥ 0) the warp has lifted the resting skin point (x, y, z). */
function skinLiftMm(warp: TissueWarp, x: number, y: number, z: number): number {
  const lifted = warp.displacedPoint({ x, y, z }).z - z;
  return lifted > 0 ? lifted : 0;
}

/**
 * How far the rigid probe rides up on the skin the injectate has lifted under it (the warp moves
 * tissue along Z): the bulge's mean lift under the footprint, over all lines (not just a band's,
 * so bands compose to the whole frame). 0 without an active warp. The probe rides back along its
 * own beam (`probeRideMm`), so its plane stays the plane the trainee placed.
 */
export function probeLiftMm(warp: TissueWarp | null, scan: ScanGeometry): number {
  if (warp === null) return 0;
  const { x: bx, y: by, z: bz } = scan.frame.beamAxis;
  let liftSum = 0;
  let liftLines = 0;
  for (let line = 0; line < scan.image.cols; line++) {
    const entry = scan.entryMm[line];
    if (Number.isNaN(entry)) continue;
    const o = scan.lineOrigin(scan.lateralMm(line + 0.5));
    liftSum += skinLiftMm(warp, o.x + bx * entry, o.y + by * entry, o.z + bz * entry);
    liftLines++;
  }
  return liftLines > 0 ? liftSum / liftLines : 0;
}

/**
 * |cos| of the angle between the beam and the interface's normal, from the label volume around
 * the limb point at[0–2] (mm). `labelAtScratch` reads the label at the point in at[0–2]: the
 * neighbours are written there in turn (numbers passed to a call the compiler does not inline
 * are boxed), and the point is put back before returning.
 */
export function interfaceCosine(labelAtScratch: () => number, at: Float64Array, h: number, label: number, beam: { x: number; y: number; z: number }): number {
  const x = at[0];
  const y = at[1];
  const z = at[2];
  const d = h * 1.5;
  at[0] = x + d;
  let gx = labelAtScratch() === label ? 1 : 0;
  at[0] = x + -d;
  gx -= labelAtScratch() === label ? 1 : 0;
  at[0] = x;
  at[1] = y + d;
  let gy = labelAtScratch() === label ? 1 : 0;
  at[1] = y + -d;
  gy -= labelAtScratch() === label ? 1 : 0;
  at[1] = y;
  at[2] = z + d;
  let gz = labelAtScratch() === label ? 1 : 0;
  at[2] = z + -d;
  gz -= labelAtScratch() === label ? 1 : 0;
  at[2] = z;
  const len = Math.hypot(gx, gy, gz);
  if (len === 0) return 1;
  return Math.abs((gx * beam.x + gy * beam.y + gz * beam.z) / len);
}


/**
 * Where the probe riding on skin the warp lifted `liftMm` along the limb's Z moves to (mm): the
 * skin under it, about square to the beam, comes out along the beam by the lift's share on it, and
 * the probe slides back along its own axis by as much. So the image plane is the one the trainee
 * placed (lifted straight along Z, a probe tilted off Z would slide sideways out of its own plane
 * and cut another section of the fibular head).
 */
export function probeRideMm(scan: ScanGeometry, liftMm: number): { x: number; y: number; z: number } {
  const { x: bx, y: by, z: bz } = scan.frame.beamAxis;
  const along = liftMm * -bz;
  return { x: -bx * along, y: -by * along, z: -bz * along };
}
