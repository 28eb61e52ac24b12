import type { ProbePose } from '../core/probe/pose';
import type { NeedleState } from '../core/needle/needle';
import type { Vec3 } from '../core/math/vec3';

const sameVec = (a: Vec3, b: Vec3): boolean => a.x === b.x && a.y === b.y && a.z === b.z;

/**
 * The same pose by value. The worker's answer to a pose event carries its own copy of the pose
 * the store already shows (sessionMirror puts it in the store): a new object, not a new pose, so
 * neither the image nor the 3D view has anything new to show for it.
 */
export function samePose(a: ProbePose | null | undefined, b: ProbePose | null | undefined): boolean {
  if (!a || !b) return a === b;
  return a === b || (sameVec(a.centre, b.centre) && a.rotationDeg === b.rotationDeg && a.tiltDeg === b.tiltDeg && a.compressionMm === b.compressionMm && (a.skinDragMm ?? 0) === (b.skinDragMm ?? 0));
}

/** The same needle by value (each answered event mirrors the session's copy of it). */
export function sameNeedle(a: NeedleState | null | undefined, b: NeedleState | null | undefined): boolean {
  if (!a || !b) return a === b;
  return a === b || (sameVec(a.entry, b.entry) && sameVec(a.direction, b.direction) && a.insertedMm === b.insertedMm);
}
