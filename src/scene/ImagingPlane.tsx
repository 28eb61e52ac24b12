import { useEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import { useSimStore } from '../state/store';
import { FOOTPRINT_MM } from '../core/probe/pose';
import { useFollowProbe } from './probePlacement';

/**
 * The slice the image shows: a translucent rectangle hanging from the probe face, as wide as the
 * array and as deep as the depth setting, in the probe's frame (array × beam).
 */
export function ImagingPlane() {
  const groupRef = useRef<THREE.Group>(null);
  const depthMm = useSimStore((s) => s.imaging.depthMm);
  const visible = useSimStore((s) => s.probe !== null);
  const fill = useMemo(() => new THREE.PlaneGeometry(FOOTPRINT_MM, depthMm), [depthMm]);
  const outline = useMemo(() => new THREE.EdgesGeometry(fill), [fill]);
  useEffect(
    () => () => {
      fill.dispose();
      outline.dispose();
    },
    [fill, outline],
  );

  useFollowProbe(groupRef);

  // In the probe's frame the beam runs down −Z; the plane lies in X (array) × Z.
  return (
    <group ref={groupRef} matrixAutoUpdate={false} visible={visible}>
      <group position={[0, 0, -depthMm / 2]} rotation={[Math.PI / 2, 0, 0]}>
        {/* Where nothing is in front of it the slice shows clearly; behind anatomy, faintly. */}
        <mesh geometry={fill} renderOrder={2}>
          <meshBasicMaterial color="#7fdcff" transparent opacity={0.3} side={THREE.DoubleSide} depthWrite={false} toneMapped={false} />
        </mesh>
        <mesh geometry={fill} renderOrder={3}>
          <meshBasicMaterial color="#7fdcff" transparent opacity={0.1} side={THREE.DoubleSide} depthWrite={false} depthTest={false} toneMapped={false} />
        </mesh>
        <lineSegments geometry={outline} renderOrder={4}>
          <lineBasicMaterial color="#b5ecff" transparent opacity={0.85} depthWrite={false} depthTest={false} toneMapped={false} />
        </lineSegments>
      </group>
    </group>
  );
}
