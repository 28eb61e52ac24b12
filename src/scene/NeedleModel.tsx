import { useEffect, useRef } from 'react';
import * as THREE from 'three';
import { useSimStore } from '../state/store';
import { needleTip, NEEDLE_LENGTH_MM, NEEDLE_OUTER_DIAMETER_MM } from '../core/needle/needle';

const UP = new THREE.Vector3(0, 1, 0);

/** The needle in 3D: the shaft from hub to tip along its axis, the part under the skin included. */
export function NeedleModel() {
  const groupRef = useRef<THREE.Group>(null);
  const present = useSimStore((s) => s.needle !== null);
  useEffect(() => {
    const place = () => {
      const needle = useSimStore.getState().needle;
      const group = groupRef.current;
      if (!group || !needle) return;
      // The shaft's 50 mm run from the hub (outside the skin) to the tip.
      const tip = needleTip(needle);
      const direction = new THREE.Vector3(needle.direction.x, needle.direction.y, needle.direction.z);
      const middle = new THREE.Vector3(tip.x, tip.y, tip.z).addScaledVector(direction, -NEEDLE_LENGTH_MM / 2);
      group.position.copy(middle);
      group.quaternion.setFromUnitVectors(UP, direction);
    };
    place();
    return useSimStore.subscribe((s) => s.needle, place);
  }, []);
  if (!present) return null;
  return (
    <group ref={groupRef}>
      <mesh>
        <cylinderGeometry args={[NEEDLE_OUTER_DIAMETER_MM * 0.8, NEEDLE_OUTER_DIAMETER_MM * 0.8, NEEDLE_LENGTH_MM, 8]} />
        <meshLambertMaterial color="#d9dde2" emissive="#30343a" />
      </mesh>
      <mesh position={[0, -NEEDLE_LENGTH_MM / 2 - 6, 0]}>
        <cylinderGeometry args={[2.2, 1.4, 12, 12]} />
        <meshLambertMaterial color="#f29c38" />
      </mesh>
    </group>
  );
}
