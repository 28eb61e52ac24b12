import { useEffect, useMemo, useRef } from 'react';
import type { ThreeEvent } from '@react-three/fiber';
import * as THREE from 'three';
import { useSimStore } from '../state/store';
import { FOOTPRINT_MM } from '../core/probe/pose';
import { useFollowProbe } from './probePlacement';
import { loftedBody, type BodySection } from './probeGeometry';

/** Local frame: X along the array (the marker at −X), Y across it, Z up out of the skin (the face at 0). */
const BODY: readonly BodySection[] = [
  { z: 0, width: FOOTPRINT_MM + 1, thickness: 10, radius: 2.5 },
  { z: 2.5, width: FOOTPRINT_MM + 3, thickness: 12, radius: 3.5 },
  { z: 15, width: FOOTPRINT_MM + 3, thickness: 12.5, radius: 4 },
  { z: 25, width: 40, thickness: 13.5, radius: 5 },
  { z: 34, width: 31, thickness: 15, radius: 6 },
  { z: 56, width: 29, thickness: 16, radius: 6.5 },
  { z: 65, width: 24, thickness: 14, radius: 6 },
  { z: 70, width: 15, thickness: 10, radius: 4.5 },
];
const GRIP: readonly BodySection[] = [
  { z: 38, width: 31.2, thickness: 15.7, radius: 6.4 },
  { z: 52, width: 29.9, thickness: 16.3, radius: 6.7 },
];
const MARKER_COLOUR = '#29b6f6';

/** A linear transducer standing on the skin, its orientation marker on the image's left (column 0) end. */
export function ProbeModel(handlers: {
  onPointerDown: (e: ThreeEvent<PointerEvent>) => void;
  onPointerOver: (e: ThreeEvent<PointerEvent>) => void;
  onPointerOut: (e: ThreeEvent<PointerEvent>) => void;
}) {
  const groupRef = useRef<THREE.Group>(null);
  const visible = useSimStore((s) => s.probe !== null);
  const body = useMemo(() => loftedBody(BODY), []);
  const grip = useMemo(() => loftedBody(GRIP), []);
  useEffect(
    () => () => {
      body.dispose();
      grip.dispose();
    },
    [body, grip],
  );

  useEffect(() => {
    // Drawn in the transparent pass after the imaging plane (whose outline ignores depth, to show
    // through the anatomy), so that the probe itself still hides it.
    groupRef.current?.traverse((o) => {
      const mesh = o as THREE.Mesh;
      if (!mesh.isMesh) return;
      mesh.renderOrder = 5;
      (mesh.material as THREE.Material).transparent = true;
    });
  }, []);

  useFollowProbe(groupRef);

  return (
    <group ref={groupRef} matrixAutoUpdate={false} visible={visible} {...handlers}>
      <mesh geometry={body}>
        <meshLambertMaterial color="#c3c8ce" />
      </mesh>
      {/* The acoustic lens on the face. */}
      <mesh position={[0, 0, -0.3]}>
        <boxGeometry args={[FOOTPRINT_MM, 8, 0.8]} />
        <meshLambertMaterial color="#36414b" />
      </mesh>
      {/* A darker grip band where the hand holds it. */}
      <mesh geometry={grip}>
        <meshLambertMaterial color="#6a727b" />
      </mesh>
      {/* Orientation marker: a bright ridge on the marked end of the head. */}
      <mesh position={[-(FOOTPRINT_MM / 2 + 2.6), 0, 9]}>
        <boxGeometry args={[3, 7, 12]} />
        <meshLambertMaterial color={MARKER_COLOUR} emissive="#0b4f73" />
      </mesh>
      {/* Strain relief and the cable. */}
      <mesh position={[0, 0, 78]} rotation={[Math.PI / 2, 0, 0]}>
        <cylinderGeometry args={[3, 4.6, 18, 16]} />
        <meshLambertMaterial color="#2c3137" />
      </mesh>
      <mesh position={[0, 0, 97]} rotation={[Math.PI / 2, 0, 0]}>
        <cylinderGeometry args={[2.6, 2.6, 22, 12]} />
        <meshLambertMaterial color="#23272c" />
      </mesh>
    </group>
  );
}
