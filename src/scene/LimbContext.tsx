import { useMemo } from 'react';
import type { ThreeEvent } from '@react-three/fiber';
import * as THREE from 'three';
import { useSimStore } from '../state/store';
import { limbOutline, modelRegion } from '../core/anatomy/kneeGeometry';

const THIGH_LENGTH_MM = 110;
const LEG_LENGTH_MM = 120;

/**
 * The thigh and leg beyond the modelled knee: low-poly elliptic tubes on the limb's outline, so
 * the knee reads as part of a prone leg. The skin's transparency applies to them too.
 */
export function LimbContext({ onSkinPointerDown }: { onSkinPointerDown: (e: ThreeEvent<PointerEvent>) => void }) {
  const skinOpacity = useSimStore((s) => s.skinOpacity);
  const [thigh, leg] = useMemo(
    () => [limbSegment(modelRegion.max.y, modelRegion.max.y + THIGH_LENGTH_MM, 1, 1.18), limbSegment(modelRegion.min.y - LEG_LENGTH_MM, modelRegion.min.y, 0.78, 1)],
    [],
  );
  const material = useMemo(() => new THREE.MeshLambertMaterial({ color: 0xd9a38a }), []);
  material.transparent = skinOpacity < 1;
  material.opacity = Math.max(skinOpacity, 0.12);
  material.depthWrite = skinOpacity >= 1;
  return (
    <group>
      <mesh geometry={thigh} material={material} onPointerDown={onSkinPointerDown} />
      <mesh geometry={leg} material={material} onPointerDown={onSkinPointerDown} />
    </group>
  );
}

/** An elliptic tube along Y from y0 to y1, its outline scaled from scale0 to scale1. */
function limbSegment(y0: number, y1: number, scale0: number, scale1: number): THREE.BufferGeometry {
  const around = 40;
  const along = 8;
  const positions: number[] = [];
  const indices: number[] = [];
  for (let j = 0; j <= along; j++) {
    const t = j / along;
    const y = y0 + (y1 - y0) * t;
    const s = scale0 + (scale1 - scale0) * t;
    for (let i = 0; i < around; i++) {
      const a = (i / around) * Math.PI * 2;
      positions.push(limbOutline.centreX + Math.cos(a) * limbOutline.radiusX * s * 1.04, y, limbOutline.centreZ + Math.sin(a) * limbOutline.radiusZ * s * 1.04);
    }
  }
  for (let j = 0; j < along; j++) {
    for (let i = 0; i < around; i++) {
      const a = j * around + i;
      const b = j * around + ((i + 1) % around);
      const c = a + around;
      const d = b + around;
      indices.push(a, c, b, b, c, d);
    }
  }
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.Float32BufferAttribute(positions, 3));
  geometry.setIndex(indices);
  geometry.computeVertexNormals();
  return geometry;
}
