import { useEffect, useRef } from 'react';
import * as THREE from 'three';
import { useSimStore } from '../state/store';
import { FOOTPRINT_MM } from '../core/probe/pose';
import { probeMatrix } from './probePlacement';

/** The slice the image shows: a translucent rectangle under the probe, as deep as the depth setting. */
export function ImagingPlane() {
  const groupRef = useRef<THREE.Group>(null);
  const depthMm = useSimStore((s) => s.imaging.depthMm);
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
    return useSimStore.subscribe((s) => s.probe, place);
  }, []);

  return (
    <group ref={groupRef} matrixAutoUpdate={false} visible={visible}>
      <mesh position={[0, 0, -depthMm / 2]} rotation={[Math.PI / 2, 0, 0]} renderOrder={2}>
        <planeGeometry args={[FOOTPRINT_MM, depthMm]} />
        <meshBasicMaterial color="#59d0ff" transparent opacity={0.28} side={THREE.DoubleSide} depthWrite={false} />
      </mesh>
      <lineSegments position={[0, 0, -depthMm / 2]} rotation={[Math.PI / 2, 0, 0]} renderOrder={3}>
        <edgesGeometry args={[new THREE.PlaneGeometry(FOOTPRINT_MM, depthMm)]} />
        <lineBasicMaterial color="#8fe3ff" transparent opacity={0.8} depthWrite={false} />
      </lineSegments>
    </group>
  );
}
