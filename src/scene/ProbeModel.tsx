import { useEffect, useRef } from 'react';
import { RoundedBox } from '@react-three/drei';
import * as THREE from 'three';
import { useSimStore } from '../state/store';
import { FOOTPRINT_MM } from '../core/probe/pose';
import { probeMatrix } from './probePlacement';

const BODY_HEIGHT_MM = 62;
const BODY_THICKNESS_MM = 11;

/** A linear transducer standing on the skin, its orientation marker on the image's left end. */
export function ProbeModel() {
  const groupRef = useRef<THREE.Group>(null);
  const visible = useSimStore((s) => s.probe !== null);

  useEffect(() => {
    const place = () => {
      const { anatomy, probe } = useSimStore.getState();
      const group = groupRef.current;
      if (!group || !anatomy || !probe) return;
      probeMatrix(anatomy, probe.pose, group.matrix);
      group.matrixWorldNeedsUpdate = true;
    };
    place();
    // Transient subscription: the probe moves at pointer rate without re-rendering React.
    return useSimStore.subscribe((s) => s.probe, place);
  }, []);

  return (
    <group ref={groupRef} matrixAutoUpdate={false} visible={visible}>
      <RoundedBox args={[FOOTPRINT_MM + 3, BODY_THICKNESS_MM, 12]} radius={3} position={[0, 0, 6]}>
        <meshLambertMaterial color="#3c4148" />
      </RoundedBox>
      <RoundedBox args={[FOOTPRINT_MM - 6, BODY_THICKNESS_MM - 2, BODY_HEIGHT_MM - 12]} radius={4} position={[0, 0, 12 + (BODY_HEIGHT_MM - 12) / 2]}>
        <meshLambertMaterial color="#c9ced4" />
      </RoundedBox>
      {/* The acoustic lens on the face. */}
      <mesh position={[0, 0, 0.4]}>
        <boxGeometry args={[FOOTPRINT_MM, BODY_THICKNESS_MM - 3, 0.8]} />
        <meshLambertMaterial color="#5b6b78" />
      </mesh>
      {/* Orientation marker: a bright ridge on the marked (image-left) end. */}
      <mesh position={[-(FOOTPRINT_MM / 2 + 1.2), 0, 8]}>
        <boxGeometry args={[2.4, 5, 6]} />
        <meshLambertMaterial color="#4fb3d9" emissive="#1d5a72" />
      </mesh>
      <mesh position={[0, 0, BODY_HEIGHT_MM + 6]}>
        <cylinderGeometry args={[3, 4, 14, 12]} />
        <meshLambertMaterial color="#2a2e33" />
      </mesh>
    </group>
  );
}
