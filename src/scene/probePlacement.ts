import { useEffect, type RefObject } from 'react';
import * as THREE from 'three';
import { useSimStore } from '../state/store';
import type { KneeAnatomy } from '../core/anatomy/knee';
import type { ProbePose } from '../core/probe/pose';
import { probeFrame } from '../core/probe/scanGeometry';

/**
 * The probe's matrix in the limb frame: local X along the array, Y along the elevation, −Z along
 * the beam (so the body stands up from the skin and rocks with the tilt); the face is pressed in
 * by the compression.
 */
export function probeMatrix(anatomy: KneeAnatomy, pose: ProbePose, target: THREE.Matrix4): THREE.Matrix4 {
  const f = probeFrame(anatomy, pose);
  const x = new THREE.Vector3(f.arrayAxis.x, f.arrayAxis.y, f.arrayAxis.z);
  const y = new THREE.Vector3(f.elevationAxis.x, f.elevationAxis.y, f.elevationAxis.z);
  const z = new THREE.Vector3(-f.beamAxis.x, -f.beamAxis.y, -f.beamAxis.z);
  const face = new THREE.Vector3(pose.centre.x, pose.centre.y, pose.centre.z).addScaledVector(
    new THREE.Vector3(f.skinNormal.x, f.skinNormal.y, f.skinNormal.z),
    -pose.compressionMm,
  );
  return target.makeBasis(x, y, z).setPosition(face);
}

/**
 * Keeps a group on the probe: its matrix follows every probe pose through a transient store
 * subscription, so the probe moves at pointer rate without re-rendering React.
 */
export function useFollowProbe(groupRef: RefObject<THREE.Group | null>): void {
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
  }, [groupRef]);
}
