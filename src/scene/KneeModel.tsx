import { useEffect, useMemo } from 'react';
import { useGLTF } from '@react-three/drei';
import type { ThreeEvent } from '@react-three/fiber';
import * as THREE from 'three';
import { useSimStore } from '../state/store';

export const KNEE_MODEL_URL = `${import.meta.env.BASE_URL}models/knee.glb`;

/** The knee generated from the anatomy (public/models/knee.glb), skin see-through on demand. */
export function KneeModel({ onSkinPointerDown }: { onSkinPointerDown: (e: ThreeEvent<PointerEvent>) => void }) {
  const gltf = useGLTF(KNEE_MODEL_URL);
  const skinOpacity = useSimStore((s) => s.skinOpacity);
  const meshes = useMemo(() => {
    const list: THREE.Mesh[] = [];
    gltf.scene.traverse((o) => {
      const mesh = o as THREE.Mesh;
      if (!mesh.isMesh) return;
      // Lambert shading: software WebGL (SwiftShader) cannot afford PBR at drag rate.
      const source = mesh.material as THREE.MeshStandardMaterial;
      mesh.material = new THREE.MeshLambertMaterial({ color: source.color, name: source.name });
      list.push(mesh);
    });
    return list;
  }, [gltf]);
  const skin = meshes.find((m) => m.name === 'skin');
  const inner = meshes.filter((m) => m.name !== 'skin');

  useEffect(() => {
    if (!skin) return;
    const material = skin.material as THREE.MeshLambertMaterial;
    material.transparent = skinOpacity < 1;
    material.opacity = skinOpacity;
    material.depthWrite = skinOpacity >= 1;
    material.side = THREE.FrontSide;
    material.needsUpdate = true;
    skin.visible = skinOpacity > 0.02;
    skin.renderOrder = 1;
  }, [skin, skinOpacity]);

  return (
    <group>
      {inner.map((m) => (
        <primitive key={m.uuid} object={m} />
      ))}
      {skin && <primitive object={skin} onPointerDown={onSkinPointerDown} userData={{ probeSurface: true }} />}
    </group>
  );
}

useGLTF.preload(KNEE_MODEL_URL);
