import * as THREE from 'three';

/** A triangle mesh from core (or the worker) as a three.js geometry. */
export function geometryFromMesh(mesh: { positions: Float32Array; normals: Float32Array; indices: Uint32Array }): THREE.BufferGeometry {
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.BufferAttribute(mesh.positions, 3));
  g.setAttribute('normal', new THREE.BufferAttribute(mesh.normals, 3));
  g.setIndex(new THREE.BufferAttribute(mesh.indices, 1));
  return g;
}
