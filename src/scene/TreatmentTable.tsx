import { useEffect, useMemo } from 'react';
import { RoundedBox } from '@react-three/drei';
import * as THREE from 'three';
import { limbOutline } from '../core/anatomy/kneeGeometry';

/** The table top, just under the prone limb's anterior surface. */
export const TABLE_TOP_Z = limbOutline.centreZ - limbOutline.radiusZ - 2;
const TABLE = { width: 560, length: 900, thickness: 40 };

/** A soft elliptical shadow, painted once, so the limb sits on the table without shadow maps. */
function shadowTexture(): THREE.CanvasTexture {
  const size = 128;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d')!;
  const g = ctx.createRadialGradient(size / 2, size / 2, 0, size / 2, size / 2, size / 2);
  g.addColorStop(0, 'rgba(0,0,0,0.55)');
  g.addColorStop(0.55, 'rgba(0,0,0,0.3)');
  g.addColorStop(1, 'rgba(0,0,0,0)');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, size, size);
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  return texture;
}

/**
 * The treatment table with a paper sheet under the limb, unlit (flat colours cost least per pixel).
 * Not a probe surface: drags here orbit.
 */
export function TreatmentTable() {
  const shadow = useMemo(shadowTexture, []);
  useEffect(() => () => shadow.dispose(), [shadow]);
  const cx = limbOutline.centreX;
  return (
    <group>
      <RoundedBox args={[TABLE.width, TABLE.length, TABLE.thickness]} radius={10} smoothness={3} position={[cx, 0, TABLE_TOP_Z - TABLE.thickness / 2 - 0.6]}>
        <meshBasicMaterial color="#334050" />
      </RoundedBox>
      <mesh position={[cx, 0, TABLE_TOP_Z - 0.5]}>
        <planeGeometry args={[250, TABLE.length]} />
        <meshBasicMaterial color="#8f9ea9" />
      </mesh>
      <mesh position={[cx, 5, TABLE_TOP_Z - 0.2]} renderOrder={0}>
        <planeGeometry args={[190, 360]} />
        <meshBasicMaterial map={shadow} transparent depthWrite={false} toneMapped={false} />
      </mesh>
    </group>
  );
}
