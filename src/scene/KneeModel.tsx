import { useMemo } from 'react';
import { useGLTF } from '@react-three/drei';
import * as THREE from 'three';
import { anatomyMaterial } from './materials';
import { useSimStore } from '../state/store';
import { DEFAULT_CASE_ID, kneeModelFileName } from '../core/cases/cases';

/** The current case's generated model (public/models/knee-<case>.glb). */
export const kneeModelUrl = (caseId: string) => `${import.meta.env.BASE_URL}models/${kneeModelFileName(caseId)}`;

/** useGLTF caches the parsed file, so it is prepared once however often the view mounts. */
const prepared = new WeakMap<THREE.Object3D, THREE.Mesh[]>();

/**
 * The model's structures under the skin, with shared Lambert materials. The skin is not in the
 * model: LimbSkin draws it from the same field the probe sits on, continuous with thigh and leg.
 */
function prepare(root: THREE.Object3D): THREE.Mesh[] {
  const cached = prepared.get(root);
  if (cached) return cached;
  const inner: THREE.Mesh[] = [];
  root.traverse((o) => {
    const mesh = o as THREE.Mesh;
    if (!mesh.isMesh) return;
    const original = mesh.material as THREE.MeshStandardMaterial;
    mesh.material = anatomyMaterial(mesh.name, original.color ?? new THREE.Color(0xcccccc));
    original.dispose();
    inner.push(mesh);
  });
  prepared.set(root, inner);
  return inner;
}

/** The knee's deep structures generated from the case's anatomy: always opaque. */
export function KneeModel() {
  const caseId = useSimStore((s) => s.caseId);
  const gltf = useGLTF(kneeModelUrl(caseId));
  const inner = useMemo(() => prepare(gltf.scene), [gltf]);
  return (
    <group>
      {inner.map((m) => (
        <primitive key={m.uuid} object={m} />
      ))}
    </group>
  );
}

useGLTF.preload(kneeModelUrl(DEFAULT_CASE_ID));
