import type { Vec3 } from '../math/vec3';
import type { Side } from './parameters';

/**
 * The limb frame keeps +X lateral on either leg; the scene's world frame keeps +X toward the
 * patient's right. A right leg's limb frame is the world frame; a left leg is its mirror.
 */
export function limbToWorld(p: Vec3, side: Side): Vec3 {
  return side === 'right' ? { ...p } : { x: -p.x, y: p.y, z: p.z };
}

/** Mirroring is its own inverse. */
export const worldToLimb = limbToWorld;
