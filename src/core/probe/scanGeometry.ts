import { type Vec3, add, scale, sub, dot, cross, normalize, rotateAbout, degToRad } from '../math/vec3';
import type { KneeAnatomy } from '../anatomy/knee';
import type { Box } from '../anatomy/sdf';
import type { ImageGeometry } from '../imaging/imageGeometry';
import { type ProbePose, COMPRESSION_DECAY_MM, FOOTPRINT_MM } from './pose';

const Y_AXIS: Vec3 = { x: 0, y: 1, z: 0 };
/**
 * Beyond the pressed depth, gel and soft tissue still couple this much lift-off of the skin: a
 * hand presses the flat face into the rounded posterolateral knee (over the nerve in the fossa
 * the skin falls ~20 mm away under the lateral end of a 45 mm array, round the biceps). Only a
 * footprint hanging off the limb loses contact.
 */
const COUPLING_GAP_MM = 24;
const ENTRY_SEARCH_MM = 40;

/** The probe's axes in the limb frame. */
export interface ProbeFrame {
  pose: ProbePose;
  /** Outward skin normal at the footprint's centre. */
  skinNormal: Vec3;
  /** Along the array: image columns run this way; column 0 (the marker side) is at −footprint/2. */
  arrayAxis: Vec3;
  /** Into the tissue: image rows run this way. */
  beamAxis: Vec3;
  /** The image plane's normal (array × beam): the slice's thickness is measured along it. */
  elevationAxis: Vec3;
}

/**
 * Rotation 0 puts the array across the limb (perpendicular to its axis, +X on the posterior
 * skin), rotation 90 along it (+Y); tilt rocks the beam about the array.
 */
export function probeFrame(knee: KneeAnatomy, pose: ProbePose): ProbeFrame {
  const { centre, rotationDeg, tiltDeg } = pose;
  const last = lastFrames.get(knee);
  if (last && last.x === centre.x && last.y === centre.y && last.z === centre.z && last.rotationDeg === rotationDeg && last.tiltDeg === tiltDeg) {
    return { ...last.axes, pose };
  }
  const n = footprintNormal(knee, centre, rotationDeg);
  const { arrayAxis } = faceAxes(n, rotationDeg);
  const beamAxis = normalize(rotateAbout(scale(n, -1), arrayAxis, degToRad(tiltDeg)));
  const elevationAxis = normalize(cross(arrayAxis, beamAxis));
  const axes = { skinNormal: n, arrayAxis, beamAxis, elevationAxis };
  lastFrames.set(knee, { x: centre.x, y: centre.y, z: centre.z, rotationDeg, tiltDeg, axes });
  return { ...axes, pose };
}

/**
 * The last frame made per knee, by the pose's values: one pose is framed by the facts, the probe
 * report and the needle report in turn (the footprint's normal costs ~50 skin look-ups).
 */
const lastFrames = new WeakMap<KneeAnatomy, { x: number; y: number; z: number; rotationDeg: number; tiltDeg: number; axes: Omit<ProbeFrame, 'pose'> }>();

/** The array's direction on a face whose outward normal is n, and the direction across it. */
function faceAxes(n: Vec3, rotationDeg: number): { arrayAxis: Vec3; crossAxis: Vec3 } {
  const across = normalize(cross(Y_AXIS, n));
  const along = cross(n, across);
  const theta = degToRad(rotationDeg);
  const arrayAxis = normalize(add(scale(across, Math.cos(theta)), scale(along, Math.sin(theta))));
  return { arrayAxis, crossAxis: normalize(cross(n, arrayAxis)) };
}

/** Where the skin's normal is read under the face: along the array (fractions of the half footprint) and across it (mm). */
const FOOTPRINT_SAMPLES_ALONG = [-1, -0.5, 0, 0.5, 1];
const FOOTPRINT_SAMPLES_ACROSS_MM = [-3, 3];

/**
 * The face's outward normal: a hand holds the probe flat on the limb under the whole footprint,
 * not square to the bump under its centre (over the nerve's cushion or the tendon the skin's own
 * normal swings by 30°, lifting one end of the array off the skin). The mean of the skin's
 * normals under the footprint, read where the face's lines meet the skin.
 */
export function footprintNormal(knee: KneeAnatomy, centre: Vec3, rotationDeg: number): Vec3 {
  let known = footprintNormals.get(knee);
  if (!known) footprintNormals.set(knee, (known = new Map()));
  const key = `${centre.x},${centre.y},${centre.z},${rotationDeg}`;
  const hit = known.get(key);
  if (hit) return hit;
  // Frozen: every caller that asks again gets this very object.
  const n = Object.freeze(measureFootprintNormal(knee, centre, rotationDeg));
  // The oldest forgotten first (a Map keeps insertion order).
  if (known.size >= FOOTPRINT_NORMALS_KEPT) known.delete(known.keys().next().value as string);
  known.set(key, n);
  return n;
}

/**
 * Footprint normals already measured, per knee, by the exact centre and rotation: ~50 skin
 * look-ups each, and the same poses come back — placing the probe measures the normal its pose
 * is then framed with; a replay, the debrief and a review frame every pose of the live attempt
 * again (about 7 minutes of poses at 20 a second are kept).
 */
const footprintNormals = new WeakMap<KneeAnatomy, Map<string, Vec3>>();
const FOOTPRINT_NORMALS_KEPT = 8192;

function measureFootprintNormal(knee: KneeAnatomy, centre: Vec3, rotationDeg: number): Vec3 {
  const n0 = knee.skinNormal(centre);
  const { arrayAxis, crossAxis } = faceAxes(n0, rotationDeg);
  const half = FOOTPRINT_MM / 2;
  let sum: Vec3 = { x: 0, y: 0, z: 0 };
  for (const u of FOOTPRINT_SAMPLES_ALONG) {
    for (const v of FOOTPRINT_SAMPLES_ACROSS_MM) {
      const onSkin = knee.projectOntoSkin(add(centre, add(scale(arrayAxis, u * half), scale(crossAxis, v))));
      sum = add(sum, knee.skinNormal(onSkin));
    }
  }
  const n = normalize(sum);
  return Number.isFinite(n.x) ? n : n0;
}

/**
 * Maps image pixels to tissue and back. The footprint is flat and the skin is not: each scan
 * line's tissue is measured from where that line enters the skin, as if the skin conformed to
 * the pressed probe (it does, under gel and a little pressure); lines whose skin lies farther
 * than the coupling gap from the face have no contact and stay black. Probe pressure squeezes
 * superficial tissue more than deep tissue (displacement c·e^(−depth/λ)).
 */
export class ScanGeometry {
  /**
   * Per column, once traced: distance along the beam from the face to the skin (NaN: no contact).
   * Traced on demand (each column's trace is ~20 skin look-ups): the view's classification reads a
   * handful of columns per pose, the image all of them.
   */
  private readonly entries: Float64Array;
  private readonly entryKnown: Uint8Array;
  private entriesComplete = false;
  private depths: Float64Array | null = null;

  constructor(
    readonly knee: KneeAnatomy,
    readonly frame: ProbeFrame,
    readonly image: ImageGeometry,
  ) {
    this.entries = new Float64Array(image.cols);
    this.entryKnown = new Uint8Array(image.cols);
  }

  /** Per column: distance along the beam from the face to the skin; NaN where there is no contact. */
  get entryMm(): Float64Array {
    if (!this.entriesComplete) {
      for (let col = 0; col < this.image.cols; col++) this.entryOf(col);
      this.entriesComplete = true;
    }
    return this.entries;
  }

  /** Per row: depth in the uncompressed tissue imaged at that row. */
  get tissueDepthMm(): Float64Array {
    if (!this.depths) {
      const depths = new Float64Array(this.image.rows);
      for (let row = 0; row < this.image.rows; row++) depths[row] = this.uncompressedDepth((row + 0.5) * this.image.sampleSpacingMm);
      this.depths = depths;
    }
    return this.depths;
  }

  /** One column's skin entry (entryMm[col]), traced the first time it is asked for. */
  entryOf(col: number): number {
    if (this.entryKnown[col] === 0) {
      this.entries[col] = this.skinEntry(this.lateralMm(col + 0.5));
      this.entryKnown[col] = 1;
    }
    return this.entries[col];
  }

  /** Position across the footprint of a (fractional) column, 0 at the centre. */
  lateralMm(col: number): number {
    return col * this.image.lineSpacingMm - this.image.widthMm / 2;
  }

  /** Where the scan line at `lateralMm` starts, on the face's plane. */
  lineOrigin(lateralMm: number): Vec3 {
    return add(this.frame.pose.centre, scale(this.frame.arrayAxis, lateralMm));
  }

  /** The limb-frame point shown at pixel centre (col, row), or null where the line has no contact. */
  worldAt(col: number, row: number): Vec3 | null {
    const entry = this.entryOf(col);
    if (Number.isNaN(entry)) return null;
    const along = entry + this.tissueDepthMm[row];
    return add(this.lineOrigin(this.lateralMm(col + 0.5)), scale(this.frame.beamAxis, along));
  }

  /**
   * A box (limb frame) round every point this scan's lines reach: across the footprint, along the
   * beam from the nearest skin entry to the deepest row, and across the slice, each widened by
   * `marginMm` (the slice's thickness, the skin's drag, the tissue's motion). Empty where no line
   * touches the skin.
   */
  reachBox(marginMm: number): Box {
    let nearest = Infinity;
    let farthest = -Infinity;
    for (const entry of this.entryMm) {
      if (Number.isNaN(entry)) continue;
      nearest = Math.min(nearest, entry);
      farthest = Math.max(farthest, entry);
    }
    const box = { min: { x: Infinity, y: Infinity, z: Infinity }, max: { x: -Infinity, y: -Infinity, z: -Infinity } };
    if (nearest > farthest) return box;
    const deepest = this.tissueDepthMm[this.image.rows - 1];
    const { arrayAxis, beamAxis, elevationAxis, pose } = this.frame;
    for (const across of [-this.image.widthMm / 2 - marginMm, this.image.widthMm / 2 + marginMm])
      for (const along of [nearest - marginMm, farthest + deepest + marginMm])
        for (const elevation of [-marginMm, marginMm]) {
          const p = add(add(add(pose.centre, scale(arrayAxis, across)), scale(beamAxis, along)), scale(elevationAxis, elevation));
          box.min = { x: Math.min(box.min.x, p.x), y: Math.min(box.min.y, p.y), z: Math.min(box.min.z, p.z) };
          box.max = { x: Math.max(box.max.x, p.x), y: Math.max(box.max.y, p.y), z: Math.max(box.max.z, p.z) };
        }
    return box;
  }

  /** Image position of a limb-frame point (fractional pixel coordinates) and its distance from the image plane. */
  toImage(p: Vec3): { col: number; row: number; outOfPlaneMm: number } {
    const rel = sub(p, this.frame.pose.centre);
    const lateral = dot(rel, this.frame.arrayAxis);
    const colF = (lateral + this.image.widthMm / 2) / this.image.lineSpacingMm;
    const entry = this.entryAtColumn(colF - 0.5);
    const tissueDepth = dot(rel, this.frame.beamAxis) - entry;
    const depth = this.compressedDepth(tissueDepth);
    return { col: colF, row: depth / this.image.sampleSpacingMm, outOfPlaneMm: dot(rel, this.frame.elevationAxis) };
  }

  private entryAtColumn(colF: number): number {
    const c = Math.min(this.image.cols - 1, Math.max(0, Math.round(colF)));
    const e = this.entryOf(c);
    return Number.isNaN(e) ? this.skinEntryUnlimited(this.lateralMm(colF + 0.5)) : e;
  }

  /** Sphere-trace the skin along the scan line; NaN if it is out of reach of the face. */
  private skinEntry(lateralMm: number): number {
    const t = this.skinEntryUnlimited(lateralMm);
    return t <= this.frame.pose.compressionMm + COUPLING_GAP_MM ? t : NaN;
  }

  private skinEntryUnlimited(lateralMm: number): number {
    const origin = this.lineOrigin(lateralMm);
    const beam = this.frame.beamAxis;
    let t = -ENTRY_SEARCH_MM;
    for (let i = 0; i < 256 && t < ENTRY_SEARCH_MM; i++) {
      const d = this.knee.skin.distance(add(origin, scale(beam, t)));
      // Where the skin bulges above the face it is pressed flat: the line still starts at the
      // skin (a negative entry), so skin and fat show there too. A face sunk deeper than the
      // search starts in the tissue.
      if (d < 0.01) return i === 0 ? 0 : t;
      t += Math.max(d / 1.8, 0.02);
    }
    return ENTRY_SEARCH_MM;
  }

  /** Image depth of tissue that lay at `tissueDepth` before the probe pressed. */
  compressedDepth(tissueDepth: number): number {
    const c = this.frame.pose.compressionMm;
    return tissueDepth + c * (Math.exp(-Math.max(0, tissueDepth) / COMPRESSION_DECAY_MM) - 1);
  }

  /** Inverse of compressedDepth (monotonic because compression < decay length): Newton steps. */
  uncompressedDepth(imageDepth: number): number {
    const c = this.frame.pose.compressionMm;
    if (c === 0) return imageDepth;
    let t = imageDepth + c;
    for (let i = 0; i < 8; i++) {
      const e = Math.exp(-t / COMPRESSION_DECAY_MM);
      const f = t + c * (e - 1) - imageDepth;
      const df = 1 - (c / COMPRESSION_DECAY_MM) * e;
      t -= f / df;
    }
    return t;
  }
}
