import type { KneeAnatomy } from '../anatomy/knee';
import type { Structure } from '../anatomy/structure';
import type { Box } from '../anatomy/sdf';
import type { Vec3 } from '../math/vec3';
import { sampleField, surfaceNets, type TriangleMesh } from './surfaceNets';

/**
 * The surface of named anatomy structures (their union), cut off cleanly at the modelled region:
 * the same mesh whether a script writes it into a model file or the 3D view builds it at load.
 */
export function structureMesh(knee: KneeAnatomy, names: readonly string[], spacingMm: number): TriangleMesh {
  const parts = names.map((name) => {
    const s = knee.structures.find((x) => x.name === name);
    if (!s) throw new Error(`No structure named ${name}`);
    return s;
  });
  const bounds = intersect(parts.map((s) => s.bounds).reduce(union), knee.region);
  const field = (p: Vec3) => Math.max(unionDistance(parts, p), boxDistanceSigned(knee.region, p));
  const margin = 2 * spacingMm;
  return surfaceNets(sampleField(field, grow(bounds.min, -margin), grow(bounds.max, margin), spacingMm));
}

function unionDistance(parts: Structure[], p: Vec3): number {
  let d = Infinity;
  for (const s of parts) d = Math.min(d, s.nearDistance(p));
  return d;
}

/** Negative inside the box: cuts meshes off cleanly at the modelled region. */
function boxDistanceSigned(b: Box, p: Vec3): number {
  return Math.max(b.min.x - p.x, p.x - b.max.x, b.min.y - p.y, p.y - b.max.y, b.min.z - p.z, p.z - b.max.z);
}

const grow = (v: Vec3, k: number): Vec3 => ({ x: v.x + k, y: v.y + k, z: v.z + k });
const union = (a: Box, b: Box): Box => ({
  min: { x: Math.min(a.min.x, b.min.x), y: Math.min(a.min.y, b.min.y), z: Math.min(a.min.z, b.min.z) },
  max: { x: Math.max(a.max.x, b.max.x), y: Math.max(a.max.y, b.max.y), z: Math.max(a.max.z, b.max.z) },
});
const intersect = (a: Box, b: Box): Box => ({
  min: { x: Math.max(a.min.x, b.min.x), y: Math.max(a.min.y, b.min.y), z: Math.max(a.min.z, b.min.z) },
  max: { x: Math.min(a.max.x, b.max.x), y: Math.min(a.max.y, b.max.y), z: Math.min(a.max.z, b.max.z) },
});

/** The CPN and its branches: built at load (it differs from patient to patient), not stored in the model file. */
export const CPN_STRUCTURES = ['common peroneal nerve', 'superficial peroneal nerve', 'deep peroneal nerve'] as const;
export const CPN_MESH_SPACING_MM = 1.1;

const cpnMeshes = new WeakMap<KneeAnatomy, TriangleMesh>();

/**
 * The CPN's mesh of this knee, made once: the page makes it while the worker builds the knee,
 * and the 3D view takes it when the knee is ready (half a second and more of a start otherwise).
 */
export function cpnMesh(knee: KneeAnatomy): TriangleMesh {
  let mesh = cpnMeshes.get(knee);
  if (!mesh) {
    mesh = structureMesh(knee, CPN_STRUCTURES, CPN_MESH_SPACING_MM);
    cpnMeshes.set(knee, mesh);
  }
  return mesh;
}
