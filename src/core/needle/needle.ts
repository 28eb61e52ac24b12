import { type Vec3, add, scale, normalize, isFiniteVec3, length, dot, degToRad, cross } from '../math/vec3';
import type { KneeAnatomy } from '../anatomy/knee';
import type { TissueType } from '../anatomy/tissues';
import { type StructureName, structureHitAt } from '../anatomy/namedStructure';
import { SimError } from '../simError';
import { message } from '../message';
import type { ProbeFrame } from '../probe/scanGeometry';
import { sliceHalfThicknessMm } from '../ultrasound/beamShape';

/** A 25 G, 50 mm block needle (anatomy.md: 22–27 G, 38–50 mm). */
export const NEEDLE_LENGTH_MM = 50;
export const NEEDLE_OUTER_DIAMETER_MM = 0.51;
/** An entry point this close to the skin is put on it (a point beside the probe's end, say). */
const MAX_ENTRY_FROM_SKIN_MM = 10;
/** The tip's tissue is classified at every step this long. */
const STEP_MM = 0.1;

export interface NeedleState {
  /** Where the needle pierced (or will pierce) the skin. */
  entry: Vec3;
  /** Unit direction of the shaft, hub to tip. */
  direction: Vec3;
  /** Length of shaft past the entry point. */
  insertedMm: number;
}

export type NeedleContact =
  | 'skin-punctured'
  | 'fascia-crossed'
  | 'nerve-touched'
  | 'nerve-entered'
  | 'vessel-punctured'
  | 'bone-struck';

/** What the needle met, where, and which structure it was (the CPN or the sural nerve under the skin are both "nerve"). */
export interface NeedleContactEvent {
  kind: NeedleContact;
  at: Vec3;
  insertedMm: number;
  structure: StructureName;
}

export interface NeedleStep {
  state: NeedleState;
  contacts: NeedleContactEvent[];
  tissueAtTip: TissueType;
}

/** Named only where something was met: a point per contact, not per 0.1 mm step. */
const contactAt = (knee: KneeAnatomy, kind: NeedleContact, at: Vec3, insertedMm: number): NeedleContactEvent => ({
  kind, at, insertedMm, structure: structureHitAt(knee, at).structure,
});

export const needleTip = (n: NeedleState): Vec3 => add(n.entry, scale(n.direction, n.insertedMm));

/** Validates a new needle: an entry near the skin and a direction into the limb. */
export function placeNeedle(knee: KneeAnatomy, request: { entry: Vec3; direction: Vec3 }): NeedleState {
  if (typeof request !== 'object' || request === null || !isFiniteVec3(request.entry) || !isFiniteVec3(request.direction)) {
    throw new SimError('invalid-argument', message('error.needle.request'));
  }
  if (length(request.direction) < 1e-6) throw new SimError('invalid-argument', message('error.needle.zeroDirection'));
  if (Math.abs(knee.skin.distance(request.entry)) > MAX_ENTRY_FROM_SKIN_MM) {
    throw new SimError('off-limb', message('error.needle.entryOffSkin', { max: MAX_ENTRY_FROM_SKIN_MM }));
  }
  const entry = knee.projectOntoSkin(request.entry);
  const direction = normalize(request.direction);
  if (dot(direction, knee.skinNormal(entry)) > -0.05) throw new SimError('invalid-argument', message('error.needle.outward'));
  return { entry, direction, insertedMm: 0 };
}

/**
 * Advances (mm > 0) or withdraws (mm < 0) the needle along its shaft, classifying the tissue at
 * the tip every 0.1 mm and reporting what it met. Bone stops it: the tip rests on the cortex.
 */
export function advanceNeedle(knee: KneeAnatomy, needle: NeedleState, mm: number): NeedleStep {
  if (typeof mm !== 'number' || !Number.isFinite(mm)) throw new SimError('invalid-argument', message('error.needle.distance', { got: String(mm) }));
  const contacts: NeedleStep['contacts'] = [];
  if (mm <= 0) {
    const state = { ...needle, insertedMm: Math.max(0, needle.insertedMm + mm) };
    return { state, contacts, tissueAtTip: knee.tissueAt(needleTip(state)) };
  }
  const target = Math.min(NEEDLE_LENGTH_MM, needle.insertedMm + mm);
  let inserted = needle.insertedMm;
  let previous = knee.tissueAt(needleTip(needle));
  while (inserted < target - 1e-9) {
    const next = Math.min(target, inserted + STEP_MM);
    const at = add(needle.entry, scale(needle.direction, next));
    const tissue = knee.tissueAt(at);
    if (tissue === 'bone') {
      contacts.push(contactAt(knee, 'bone-struck', at, inserted));
      break;
    }
    if (tissue !== previous) {
      const kind = contactBetween(previous, tissue);
      if (kind) contacts.push(contactAt(knee, kind, at, next));
    }
    previous = tissue;
    inserted = next;
  }
  const state = { ...needle, insertedMm: inserted };
  return { state, contacts, tissueAtTip: knee.tissueAt(needleTip(state)) };
}

/** A redirection is a small turn of the shaft about the skin puncture; more needs a new pass. */
export const MAX_REDIRECT_DEG = 10;
const REDIRECT_STEPS = 10;

/**
 * Turns the needle about its entry point toward `direction` (at most MAX_REDIRECT_DEG), sweeping
 * the tip through the tissue between and reporting what it met; bone stops the turn.
 */
export function redirectNeedle(knee: KneeAnatomy, needle: NeedleState, direction: Vec3): NeedleStep {
  if (typeof direction !== 'object' || direction === null || !isFiniteVec3(direction) || length(direction) < 1e-6) {
    throw new SimError('invalid-argument', message('error.needle.redirectRequest'));
  }
  const target = normalize(direction);
  const turnDeg = (Math.acos(Math.min(1, Math.max(-1, dot(target, needle.direction)))) * 180) / Math.PI;
  if (turnDeg > MAX_REDIRECT_DEG + 1e-9) {
    throw new SimError('invalid-argument', message('error.needle.turnTooFar', { max: MAX_REDIRECT_DEG, asked: Math.round(turnDeg * 10) / 10 }));
  }
  if (dot(target, knee.skinNormal(needle.entry)) > -0.05) throw new SimError('invalid-argument', message('error.needle.outward'));
  const contacts: NeedleStep['contacts'] = [];
  let current = needle.direction;
  let previous = knee.tissueAt(needleTip(needle));
  for (let i = 1; i <= REDIRECT_STEPS; i++) {
    const t = i / REDIRECT_STEPS;
    const next = normalize(add(scale(needle.direction, 1 - t), scale(target, t)));
    const at = add(needle.entry, scale(next, needle.insertedMm));
    const tissue = knee.tissueAt(at);
    if (tissue === 'bone') {
      contacts.push(contactAt(knee, 'bone-struck', at, needle.insertedMm));
      break;
    }
    if (tissue !== previous) {
      const kind = contactBetween(previous, tissue);
      if (kind) contacts.push(contactAt(knee, kind, at, needle.insertedMm));
    }
    previous = tissue;
    current = next;
  }
  const state = { ...needle, direction: current };
  return { state, contacts, tissueAtTip: knee.tissueAt(needleTip(state)) };
}

/** The direction `deltaDeg` steeper (+) or shallower (−) in the plane of the shaft and the beam. */
export function steeperBy(direction: Vec3, beamAxis: Vec3, deltaDeg: number): Vec3 {
  // Turn about the axis perpendicular to both, so the needle stays in the image plane.
  const axis = normalize(cross(direction, beamAxis));
  const a = degToRad(deltaDeg);
  // Rodrigues' rotation of `direction` about `axis` (axis ⟂ direction).
  const turned = add(scale(direction, Math.cos(a)), scale(cross(axis, direction), Math.sin(a)));
  return normalize(turned);
}

function contactBetween(from: TissueType, to: TissueType): NeedleContact | null {
  if (from === 'outside' && to === 'skin') return 'skin-punctured';
  if (to === 'epineurium' && from !== 'nerve') return 'nerve-touched';
  if (to === 'nerve' && from !== 'nerve') return 'nerve-entered';
  if (to === 'vessel') return 'vessel-punctured';
  if ((from === 'muscle') !== (to === 'muscle') || (from === 'tendon') !== (to === 'tendon')) return 'fascia-crossed';
  return null;
}

export interface NeedleVisibility {
  /** The shaft under the skin lies within the slice thickness along its length. */
  inPlane: boolean;
  /** The tip itself is inside the slice. */
  tipVisible: boolean;
  /** Angle between the shaft and the beam's perpendicular (0 = parallel to the probe face). */
  angleToBeamDeg: number;
}

/** scoring.md: in plane = the axis within the slice thickness along its visible length; tip visible = tip in the slice. */
export function needleVisibility(frame: ProbeFrame, needle: NeedleState): NeedleVisibility {
  const offPlane = (p: Vec3) => Math.abs(dot({ x: p.x - frame.pose.centre.x, y: p.y - frame.pose.centre.y, z: p.z - frame.pose.centre.z }, frame.elevationAxis));
  const depthOf = (p: Vec3) => dot({ x: p.x - frame.pose.centre.x, y: p.y - frame.pose.centre.y, z: p.z - frame.pose.centre.z }, frame.beamAxis);
  const tip = needleTip(needle);
  const within = (p: Vec3) => offPlane(p) <= sliceHalfThicknessMm(Math.max(0, depthOf(p))) + NEEDLE_OUTER_DIAMETER_MM / 2;
  let inPlane = needle.insertedMm > 0;
  for (let d = 0; d <= needle.insertedMm && inPlane; d += 1) inPlane = within(add(needle.entry, scale(needle.direction, d)));
  const sinToBeam = Math.abs(dot(needle.direction, frame.beamAxis));
  return { inPlane, tipVisible: needle.insertedMm > 0 && within(tip), angleToBeamDeg: (Math.asin(Math.min(1, sinToBeam)) * 180) / Math.PI };
}

/** A needle direction in the probe's plane, `angleDeg` below the probe face, heading along +array. */
export function inPlaneDirection(frame: ProbeFrame, angleDeg: number): Vec3 {
  const a = degToRad(angleDeg);
  return normalize(add(scale(frame.arrayAxis, Math.cos(a)), scale(frame.beamAxis, Math.sin(a))));
}
