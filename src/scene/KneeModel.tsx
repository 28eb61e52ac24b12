import { useMemo } from 'react';
import { useGLTF } from '@react-three/drei';
import * as THREE from 'three';
import { anatomyMaterial } from './materials';

export const KNEE_MODEL_URL = `${import.meta.env.BASE_URL}models/knee.glb`;

/** useGLTF caches the parsed file, so it is prepared once however often the view mounts. */
const prepared = new WeakMap<THREE.Object3D, THREE.Mesh[]>();

/**
 * The model's structures under the skin, with shared Lambert materials. The model's own `skin`
 * mesh is not drawn: it is the skin cut off by a box at the modelled region, so it cannot join the
 * thigh and leg without seams, and it is the default patient's. LimbSkin draws the skin of the
 * case on the trainee's screen from the same field the probe sits on.
 */
function prepare(root: THREE.Object3D): THREE.Mesh[] {
  const cached = prepared.get(root);
  if (cached) return cached;
  const inner: THREE.Mesh[] = [];
  root.traverse((o) => {
    const mesh = o as THREE.Mesh;
    if (!mesh.isMesh || mesh.name === 'skin') return;
    const original = mesh.material as THREE.MeshStandardMaterial;
    mesh.material = anatomyMaterial(mesh.name, original.color ?? new THREE.Color(0xcccccc));
    original.dispose();
    inner.push(mesh);
  });
  prepared.set(root, inner);
  return inner;
}

/** The knee's deep structures generated from the anatomy (public/models/knee.glb): always opaque. */
export function KneeModel() {
  const gltf = useGLTF(KNEE_MODEL_URL);
  const inner = useMemo(() => prepare(gltf.scene), [gltf]);
  return (
    <group>
      {inner.map((m) => (
        <primitive key={m.uuid} object={m} />
      ))}
    </group>
  );
}

useGLTF.preload(KNEE_MODEL_URL);
