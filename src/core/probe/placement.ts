import { type Vec3, isFiniteVec3, add, dot, scale, sub } from '../math/vec3';
import { footprintNormal } from './scanGeometry';
import type { KneeAnatomy } from '../anatomy/knee';
import { SimError } from '../simError';
import { message, type Message } from '../message';
import { type ProbePose, TILT_LIMIT_DEG, COMPRESSION_LIMIT_MM, MAX_DISTANCE_FROM_SKIN_MM } from './pose';

export interface ProbeRequest {
  centre: Vec3;
  rotationDeg: number;
  tiltDeg?: number;
  compressionMm?: number;
}

/** Keep the footprint's centre this far inside the modelled region so the image has tissue under it. */
const REGION_MARGIN_MM = 3;

/** Rotation in (−180, 180]: a probe turned a full circle is the same probe. */
/** Where the probe starts on a new case: over the popliteal fossa, proximal and medial to the nerve, so the trainee must find it. */
export const PROBE_START_POINT: Vec3 = { x: -35, y: 35, z: 32 };

/** The probe's first placement on a new case: on the skin nearest PROBE_START_POINT, transverse, lightly pressed. */
export function startProbeRequest(knee: KneeAnatomy): ProbeRequest {
  return { centre: nearestScannableSkinPoint(knee, PROBE_START_POINT), rotationDeg: 0, tiltDeg: 0, compressionMm: 1 };
}

export function normaliseRotationDeg(deg: number): number {
  let r = deg % 360;
  if (r <= -180) r += 360;
  if (r > 180) r -= 360;
  return r;
}

/**
 * Validates a requested probe pose and puts it on the skin. Refuses (SimError, nothing changed)
 * what a hand could not do: no number, a centre far from the limb or outside the scanned region,
 * a tilt or pressure beyond the probe's limits.
 */
export function placeProbe(knee: KneeAnatomy, request: ProbeRequest): ProbePose {
  if (typeof request !== 'object' || request === null) {
    throw new SimError('invalid-argument', message('error.probe.request'));
  }
  const { centre, rotationDeg, tiltDeg = 0, compressionMm = 0 } = request;
  if (!isFiniteVec3(centre)) throw new SimError('invalid-argument', message('error.probe.centre'));
  if (typeof rotationDeg !== 'number' || !Number.isFinite(rotationDeg)) {
    throw new SimError('invalid-argument', message('error.probe.rotation', { got: String(rotationDeg) }));
  }
  if (typeof tiltDeg !== 'number' || !Number.isFinite(tiltDeg) || Math.abs(tiltDeg) > TILT_LIMIT_DEG) {
    throw new SimError('invalid-argument', message('error.probe.tilt', { max: TILT_LIMIT_DEG, got: String(tiltDeg) }));
  }
  if (typeof compressionMm !== 'number' || !Number.isFinite(compressionMm) || compressionMm < 0 || compressionMm > COMPRESSION_LIMIT_MM) {
    throw new SimError('invalid-argument', message('error.probe.compression', { max: COMPRESSION_LIMIT_MM, got: String(compressionMm) }));
  }
  const fromSkin = knee.skin.distance(centre);
  if (Math.abs(fromSkin) > MAX_DISTANCE_FROM_SKIN_MM) {
    throw new SimError('off-limb', message('error.probe.farFromSkin', { mm: Math.round(Math.abs(fromSkin)), max: MAX_DISTANCE_FROM_SKIN_MM }));
  }
  // Looking at the asked point, or, where that would leave the region, the skin nearest to it.
  const above = skinAbove(knee, centre, rotationDeg);
  const onSkin = insideScannedRegion(knee, above) ? above : knee.projectOntoSkin(centre);
  if (!insideScannedRegion(knee, onSkin)) {
    const r = knee.region;
    throw new SimError('off-limb', message('error.probe.offKnee', {
      xMin: r.min.x + REGION_MARGIN_MM, xMax: r.max.x - REGION_MARGIN_MM, yMin: r.min.y + REGION_MARGIN_MM, yMax: r.max.y - REGION_MARGIN_MM,
    }));
  }
  return { centre: onSkin, rotationDeg: normaliseRotationDeg(rotationDeg), tiltDeg, compressionMm };
}

/**
 * The skin point the face's centre rests on to look at p: along the face's normal through p (the
 * footprint's mean normal, not the skin's own under the centre), so the centre line passes
 * through p. Near the skin this is the nearest skin point.
 */
function skinAbove(knee: KneeAnatomy, p: Vec3, rotationDeg: number): Vec3 {
  let q = knee.projectOntoSkin(p);
  for (let pass = 0; pass < 2; pass++) {
    const n = footprintNormal(knee, q, rotationDeg);
    let t = dot(sub(q, p), n);
    for (let i = 0; i < 20; i++) {
      const d = knee.skin.distance(add(p, scale(n, t)));
      if (Math.abs(d) < 1e-3) break;
      t -= d;
    }
    const above = add(p, scale(n, t));
    if (!isFiniteVec3(above) || Math.abs(knee.skin.distance(above)) > 0.05) return q;
    q = above;
  }
  return q;
}

export function insideScannedRegion(knee: KneeAnatomy, p: Vec3): boolean {
  const r = knee.region;
  const m = REGION_MARGIN_MM;
  return p.x >= r.min.x + m && p.x <= r.max.x - m && p.y >= r.min.y + m && p.y <= r.max.y - m && p.z >= r.min.z && p.z <= r.max.z;
}

/** For the UI: the nearest allowed skin point to wherever the mouse is, so a drag can never leave the skin. */
export function nearestScannableSkinPoint(knee: KneeAnatomy, p: Vec3): Vec3 {
  const r = knee.region;
  const m = REGION_MARGIN_MM + 0.5;
  let q = p;
  // Projecting onto the skin can step back over an edge the clamp kept it inside: clamp again.
  for (let i = 0; i < 4; i++) {
    const clamped = {
      x: Math.min(r.max.x - m, Math.max(r.min.x + m, q.x)),
      y: Math.min(r.max.y - m, Math.max(r.min.y + m, q.y)),
      z: Math.min(r.max.z, Math.max(r.min.z, q.z)),
    };
    q = knee.projectOntoSkin(clamped);
    if (insideScannedRegion(knee, q)) break;
  }
  return q;
}

/** Closer than this to the fibular head apex's level (or its sagittal plane) reads as level with it. */
const LEVEL_WITHIN_MM = 2;

/**
 * Where the probe sits relative to the fibular head apex, in words a trainee uses: `said` for the UI
 * (a key and values, either language), `text` its English for scripts reading the automation API.
 */
export function describePosition(p: Vec3): { proximalMm: number; lateralMm: number; text: string; said: Message } {
  const proximalMm = p.y;
  const lateralMm = p.x;
  const alongMm = Math.round(Math.abs(proximalMm));
  const acrossMm = Math.round(Math.abs(lateralMm));
  const levelAlong = Math.abs(proximalMm) < LEVEL_WITHIN_MM;
  const levelAcross = Math.abs(lateralMm) < LEVEL_WITHIN_MM;
  const along = levelAlong ? message('position.level') : message(proximalMm > 0 ? 'position.proximal' : 'position.distal', { mm: alongMm });
  const across = levelAcross ? '' : message(lateralMm > 0 ? 'position.lateral' : 'position.medial', { mm: acrossMm });
  const alongText = levelAlong ? 'level with' : `${alongMm} mm ${proximalMm > 0 ? 'proximal to' : 'distal to'}`;
  const acrossText = levelAcross ? '' : `, ${acrossMm} mm ${lateralMm > 0 ? 'lateral' : 'medial'}`;
  return { proximalMm, lateralMm, text: `${alongText} the fibular head${acrossText}`, said: message('position.described', { along, across }) };
}
