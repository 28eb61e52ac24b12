import type { KneeAnatomy } from '../anatomy/knee';
import { Label, labelCount } from '../anatomy/tissues';
import type { ScanGeometry } from '../probe/scanGeometry';
import type { Vec3 } from '../math/vec3';
import type { TissueWarp } from '../fluid/tissueWarp';

/** Labels that make up a nerve (any nerve: the voxels do not say which). */
export const IS_NERVE_PART = new Uint8Array(labelCount);
for (const l of [Label.paraneuralSheath, Label.epineurium, Label.interfascicularEpineurium, Label.fascicle]) IS_NERVE_PART[l] = 1;

/** Read this far round the nerve's outer surface at the image's resolution, for its rim and the fat beside it. */
const MARGIN_MM = 0.4;
/** An oedematous (swollen) nerve: its interfascicular tissue echoes this much less at double the normal area. */
const SWOLLEN_ECHO_LOSS = 0.5;

/** Unit offsets (x, y) across a section where the warp's shift is sampled. */
const SPREAD_PROBES = [[1, 0], [-1, 0], [0, 1], [0, -1], [0.7, 0.7], [-0.7, 0.7], [0.7, -0.7], [-0.7, -0.7]];

/**
 * Widens each scan line's window of rows [rowStart, rowEnd) to take in a box of `reachMm` round
 * a point of the nerve's centre line, if that point lies within `planeReachMm` of the image plane.
 */
export function markRowsNear(scan: ScanGeometry, centre: Vec3, reachMm: number, planeReachMm: number, rowStart: Int32Array, rowEnd: Int32Array): void {
  // Most of the nerve's course lies far from the image plane: skip finding the skin under it
  // (toImage's costly part) there. toImage's own distance from the plane decides the rest.
  const { centre: c } = scan.frame.pose;
  const e = scan.frame.elevationAxis;
  if (Math.abs((centre.x - c.x) * e.x + (centre.y - c.y) * e.y + (centre.z - c.z) * e.z) > planeReachMm + 1e-6) return;
  const at = scan.toImage(centre);
  if (Math.abs(at.outOfPlaneMm) > planeReachMm) return;
  const { lineSpacingMm, sampleSpacingMm, cols, rows } = scan.image;
  const c0 = Math.max(0, Math.floor(at.col - reachMm / lineSpacingMm));
  const c1 = Math.min(cols - 1, Math.ceil(at.col + reachMm / lineSpacingMm));
  const r0 = Math.max(0, Math.floor(at.row - reachMm / sampleSpacingMm));
  const r1 = Math.min(rows, Math.ceil(at.row + reachMm / sampleSpacingMm));
  for (let c = c0; c <= c1; c++) {
    if (r0 < rowStart[c]) rowStart[c] = r0;
    if (r1 > rowEnd[c]) rowEnd[c] = r1;
  }
}

/**
 * The CPN read at the image's own sample spacing (0.05–0.16 mm), not from 0.25 mm voxels: its
 * 0.5–1 mm fascicle groups and 0.2 mm epineurium would otherwise drown in the voxel grid. Only
 * the rows of each scan line that can meet the nerve are traced, from its course through the
 * slice; elsewhere the voxels stand.
 */
export class CpnImaging {
  /** Per scan line, the sample rows near the nerve ([start, end), empty if start ≥ end). */
  readonly rowStart: Int32Array;
  readonly rowEnd: Int32Array;
  /** Echo scale for the nerve's inside at the last classified sample (oedema of a swollen nerve). */
  insideEcho = 1;
  private readonly searchMm: number;
  private readonly section = { halfWidthMm: 0, halfThicknessMm: 0, fascicleScale: 1, swelling: 0 };
  private readonly point = { x: 0, y: 0, z: 0 };

  constructor(
    private readonly knee: KneeAnatomy,
    scan: ScanGeometry,
    /** Extra reach (mm) for a nerve moved by fluid or probe pressure. */
    extraReachMm = 0,
    /**
     * The tissue pushed aside by injectate: the nerve is read where the warp's backward lookup
     * puts each sample at rest, the lookup its voxels go through, so outline and voxels are one
     * nerve (its centre line moved as one would part from the voxels over an uneven layer).
     */
    private readonly warp: TissueWarp | null = null,
    /** How far the probe rides on the skin the injectate bulged (echoGeometry's `probeRideMm`): the image shows p at p less it. */
    ride: { x: number; y: number; z: number } = { x: 0, y: 0, z: 0 },
  ) {
    this.rowStart = new Int32Array(scan.image.cols).fill(scan.image.rows);
    this.rowEnd = new Int32Array(scan.image.cols);
    const cpn = knee.cpn;
    const line = cpn.line;
    const first = line.sOfSample(0);
    const last = line.sOfSample(line.count - 1);
    const sliceReach = 2;
    this.searchMm = cpn.maxOuterRadiusMm + MARGIN_MM + 0.5 + extraReachMm;
    for (let s = first; s <= last; s += 0.5) {
      const f = line.sampleAtS(s);
      if (f === null) continue;
      const centre = line.pointAt(f);
      const { halfWidthMm, halfThicknessMm } = cpn.sectionAt(s, this.section);
      const reach = Math.max(halfWidthMm, halfThicknessMm) + cpn.sheathThicknessMm + MARGIN_MM + extraReachMm;
      if (warp === null) markRowsNear(scan, centre, reach, reach + sliceReach, this.rowStart, this.rowEnd);
      else {
        // Where the warp has carried this section: round its centre's new place, widened by how
        // unevenly the columns across it moved (each column moves its share of the nerve).
        const moved = warp.displacedPoint(centre);
        let least = moved.z - centre.z;
        let most = least;
        for (const [dx, dy] of SPREAD_PROBES) {
          const q = { x: centre.x + dx * reach, y: centre.y + dy * reach, z: centre.z };
          const shift = warp.displacedPoint(q).z - q.z;
          least = Math.min(least, shift);
          most = Math.max(most, shift);
        }
        const warpedReach = reach + (most - least);
        const shown = { x: moved.x - ride.x, y: moved.y - ride.y, z: moved.z - ride.z };
        markRowsNear(scan, shown, warpedReach, warpedReach + sliceReach, this.rowStart, this.rowEnd);
      }
    }
  }

  /** The CPN's part at the last sample's centre and at its two places across the slice (−1: not the CPN). */
  centrePart = -1;
  readonly sidePart = new Int32Array(2);
  /** How far outside the nerve's outer surface each of the three lay (mm; 0 inside). */
  readonly outsideMm = new Float64Array(3);

  /**
   * Classifies the sample at (x, y, z) and the two scatterer positions ∓(ex, ey, ez) across the
   * slice, with one closest-point search: the nerve's frame barely turns over a slice thickness.
   * Sets `insideEcho` for the nerve's inside. The sample and its offset come in `at` (x, y, z
   * at 0–2, ex, ey, ez at 4–6, as the echo loop's SAMPLE_SCRATCH holds them), not as numbers:
   * numbers passed to a call the compiler does not inline are boxed (garbage on every sample).
   */
  classify(at: Float64Array): void {
    const x = at[0];
    const y = at[1];
    const z = at[2];
    const ex = at[4];
    const ey = at[5];
    const ez = at[6];
    const cpn = this.knee.cpn;
    const p = this.point;
    p.x = x;
    p.y = y;
    p.z = this.warp === null ? z : this.warp.restZMm(x, y, z);
    // NaN: injectate lies here, not the nerve.
    const c = p.z === p.z ? cpn.line.closest(p, this.searchMm) : null;
    if (!c || c.beyondEnd > 0) {
      this.centrePart = -1;
      this.sidePart[0] = -1;
      this.sidePart[1] = -1;
      this.outsideMm.fill(this.searchMm);
      return;
    }
    const line = cpn.line;
    const section = cpn.sectionAt(c.sMm, this.section);
    const sheath = cpn.sheathThicknessMm;
    const a = section.halfWidthMm + sheath;
    const b = section.halfThicknessMm + sheath;
    const minAxis = Math.min(a, b);
    this.insideEcho = 1 - SWOLLEN_ECHO_LOSS * section.swelling;
    const along = line.frameDot(c.frameSample, 0, ex, ey, ez);
    const across = line.frameDot(c.frameSample, 1, ex, ey, ez);
    const deep = line.frameDot(c.frameSample, 2, ex, ey, ez);
    for (let k = 0; k < 3; k++) {
      // k = 0: the sample; 1 and 2: minus and plus the slice offset.
      const sign = k === 0 ? 0 : k === 1 ? -1 : 1;
      const w = c.widthOffset + sign * across;
      const t = c.thicknessOffset + sign * deep;
      const rho = Math.sqrt((w / a) ** 2 + (t / b) ** 2);
      let part = -1;
      if (rho > 1) this.outsideMm[k] = (rho - 1) * minAxis;
      else {
        this.outsideMm[k] = 0;
        // The section a fraction of a mm along the nerve is the same section: no second look-up.
        part = cpn.classifySection(c.sMm + sign * along, w, t, section);
      }
      if (k === 0) this.centrePart = part;
      else this.sidePart[k - 1] = part;
    }
  }
}
