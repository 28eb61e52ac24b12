import type { Vec3 } from '../../src/automation/types';

/**
 * The few vector operations a spec needs to aim a needle or place a probe, done once here in Node
 * (limb frame, mm). Specs pass plain points to window.sim; none pastes this arithmetic again.
 */
export const add = (a: Vec3, b: Vec3, k = 1): Vec3 => ({ x: a.x + b.x * k, y: a.y + b.y * k, z: a.z + b.z * k });
export const sub = (a: Vec3, b: Vec3): Vec3 => ({ x: a.x - b.x, y: a.y - b.y, z: a.z - b.z });
export const length = (a: Vec3): number => Math.hypot(a.x, a.y, a.z);
export const distance = (a: Vec3, b: Vec3): number => length(sub(a, b));
export const unit = (a: Vec3): Vec3 => {
  const l = length(a);
  if (!(l > 0)) throw new Error(`cannot aim along a zero-length vector (${JSON.stringify(a)})`);
  return { x: a.x / l, y: a.y / l, z: a.z / l };
};
/** The probe rotation (deg) that lays the array along a direction in the limb's XY plane. */
export const rotationAlongDeg = (direction: Vec3): number => (Math.atan2(direction.y, direction.x) * 180) / Math.PI;
