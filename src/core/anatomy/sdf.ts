import type { Vec3 } from '../math/vec3';
import { hypot2, hypot3 } from '../math/hypot';

/**
 * Signed-distance primitives. Negative inside. Every function here returns a lower bound of the
 * true distance (never more), which is what the voxeliser's block culling relies on.
 */

export interface Box {
  min: Vec3;
  max: Vec3;
}

/** Ellipsoid estimate (Quilez): exact on the axes, close elsewhere, not always a bound. */
export function ellipsoidDistance(p: Vec3, centre: Vec3, radii: Vec3): number {
  const x = p.x - centre.x;
  const y = p.y - centre.y;
  const z = p.z - centre.z;
  const k0 = hypot3(x / radii.x, y / radii.y, z / radii.z);
  const k1 = hypot3(x / (radii.x * radii.x), y / (radii.y * radii.y), z / (radii.z * radii.z));
  if (k1 === 0) return -Math.min(radii.x, radii.y, radii.z);
  return (k0 * (k0 - 1)) / k1;
}

/** A true lower bound: the gap to a scaled copy of the ellipsoid is narrowest along its shortest axis. */
export function ellipsoidDistanceBound(p: Vec3, centre: Vec3, radii: Vec3): number {
  const k0 = hypot3((p.x - centre.x) / radii.x, (p.y - centre.y) / radii.y, (p.z - centre.z) / radii.z);
  return (k0 - 1) * Math.min(radii.x, radii.y, radii.z);
}

export function ellipsoidBox(centre: Vec3, radii: Vec3): Box {
  return {
    min: { x: centre.x - radii.x, y: centre.y - radii.y, z: centre.z - radii.z },
    max: { x: centre.x + radii.x, y: centre.y + radii.y, z: centre.z + radii.z },
  };
}

/** Infinite cylinder along Y with an elliptic cross-section in XZ (the limb's outline). */
export function ellipticCylinderDistance(p: Vec3, centreX: number, centreZ: number, radiusX: number, radiusZ: number): number {
  const u = (p.x - centreX) / radiusX;
  const v = (p.z - centreZ) / radiusZ;
  return (hypot2(u, v) - 1) * Math.min(radiusX, radiusZ);
}

/** Polynomial smooth minimum: joins two surfaces with a fillet of about k mm. */
export function smoothMin(a: number, b: number, k: number): number {
  const h = Math.max(k - Math.abs(a - b), 0) / k;
  return Math.min(a, b) - (h * h * k) / 4;
}

export function unionBox(a: Box, b: Box): Box {
  return {
    min: { x: Math.min(a.min.x, b.min.x), y: Math.min(a.min.y, b.min.y), z: Math.min(a.min.z, b.min.z) },
    max: { x: Math.max(a.max.x, b.max.x), y: Math.max(a.max.y, b.max.y), z: Math.max(a.max.z, b.max.z) },
  };
}

export function expandBox(b: Box, mm: number): Box {
  return {
    min: { x: b.min.x - mm, y: b.min.y - mm, z: b.min.z - mm },
    max: { x: b.max.x + mm, y: b.max.y + mm, z: b.max.z + mm },
  };
}

/** Distance from p to the box (0 inside): a cheap reject before any real SDF. */
export function boxDistance(b: Box, p: Vec3): number {
  const dx = Math.max(b.min.x - p.x, 0, p.x - b.max.x);
  const dy = Math.max(b.min.y - p.y, 0, p.y - b.max.y);
  const dz = Math.max(b.min.z - p.z, 0, p.z - b.max.z);
  return hypot3(dx, dy, dz);
}
