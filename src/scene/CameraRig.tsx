import { useEffect } from 'react';
import { useThree } from '@react-three/fiber';
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib';
import * as THREE from 'three';
import { useSimStore } from '../state/store';
import { probeFrame } from '../core/probe/scanGeometry';

const OVERVIEW = { position: new THREE.Vector3(170, -190, 250), target: new THREE.Vector3(-8, 5, 8) };
const OVER_PROBE_DISTANCE_MM = 170;

/** Moves the camera to a preset when the trainee asks for one (overview, or looking over the probe). */
export function CameraRig() {
  const camera = useThree((s) => s.camera);
  const controls = useThree((s) => s.controls) as OrbitControlsImpl | null;
  const invalidate = useThree((s) => s.invalidate);
  const request = useSimStore((s) => s.cameraRequest);

  useEffect(() => {
    if (!controls) return;
    const { cameraPreset, anatomy, probe, parameters } = useSimStore.getState();
    const mirror = parameters.side === 'left' ? -1 : 1;
    let position = OVERVIEW.position.clone();
    let target = OVERVIEW.target.clone();
    if (cameraPreset === 'over-probe' && anatomy && probe) {
      const f = probeFrame(anatomy, probe.pose);
      const c = probe.pose.centre;
      target = new THREE.Vector3(c.x, c.y, c.z);
      // From above and a little behind the probe, looking down its beam, the image plane edge-on-ish.
      position = target
        .clone()
        .addScaledVector(new THREE.Vector3(f.skinNormal.x, f.skinNormal.y, f.skinNormal.z), OVER_PROBE_DISTANCE_MM)
        .addScaledVector(new THREE.Vector3(-f.elevationAxis.x, -f.elevationAxis.y, -f.elevationAxis.z), OVER_PROBE_DISTANCE_MM * 0.55);
    }
    position.x *= mirror;
    target.x *= mirror;
    camera.position.copy(position);
    controls.target.copy(target);
    controls.update();
    invalidate();
  }, [request, controls, camera, invalidate]);
  return null;
}
