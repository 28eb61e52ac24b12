import { useEffect } from 'react';
import { useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { useSimStore } from '../state/store';
import { probeFrame } from '../core/probe/scanGeometry';
import { modelRegion } from '../core/anatomy/kneeGeometry';

/** From the knee towards the overview camera (limb frame): lateral, posterior (up), a little distal. */
const OVERVIEW_DIRECTION = new THREE.Vector3(0.95, -0.55, 1).normalize();
/** What the overview must show: the modelled knee, a margin of the limb around it, the probe's height. */
const OVERVIEW_RADIUS_MM = 0.5 * Math.hypot(modelRegion.max.x - modelRegion.min.x, modelRegion.max.y - modelRegion.min.y, modelRegion.max.z - modelRegion.min.z) + 55;
const OVERVIEW_TARGET = new THREE.Vector3(
  (modelRegion.min.x + modelRegion.max.x) / 2 + 6,
  (modelRegion.min.y + modelRegion.max.y) / 2,
  (modelRegion.min.z + modelRegion.max.z) / 2 + 12,
);
/** Far enough above the probe (about 75 mm tall) to look past it at the skin and the imaging plane. */
const OVER_PROBE_HEIGHT_MM = 200;
const OVER_PROBE_BACK_MM = 110;

interface OrbitLike {
  target: THREE.Vector3;
  update: () => void;
}

/** Distance at which a sphere of this radius fills the view, whichever of width or height is tighter. */
function fitDistance(camera: THREE.PerspectiveCamera, radius: number): number {
  const vertical = THREE.MathUtils.degToRad(camera.fov) / 2;
  const horizontal = Math.atan(Math.tan(vertical) * camera.aspect);
  return radius / Math.sin(Math.min(vertical, horizontal));
}

/**
 * Moves the camera to a preset when the trainee asks (each cameraRequest) and when the leg
 * changes side: 'overview' looks at the knee from above and lateral, 'over-probe' looks down at
 * the probe from behind it along the skin normal, with the marker end on the left as in the image.
 */
export function CameraRig() {
  const camera = useThree((s) => s.camera) as THREE.PerspectiveCamera;
  const controls = useThree((s) => s.controls) as unknown as OrbitLike | null;
  const invalidate = useThree((s) => s.invalidate);
  const request = useSimStore((s) => s.cameraRequest);
  const side = useSimStore((s) => s.parameters.side);

  useEffect(() => {
    if (!controls) return;
    const { cameraPreset, anatomy, probe } = useSimStore.getState();
    const mirror = new THREE.Vector3(side === 'left' ? -1 : 1, 1, 1);
    const toWorld = (v: { x: number; y: number; z: number }) => new THREE.Vector3(v.x, v.y, v.z).multiply(mirror);
    let target: THREE.Vector3;
    let position: THREE.Vector3;
    if (cameraPreset === 'over-probe' && anatomy && probe) {
      const f = probeFrame(anatomy, probe.pose);
      target = toWorld(probe.pose.centre);
      const normal = toWorld(f.skinNormal);
      const elevation = toWorld(f.elevationAxis);
      const array = toWorld(f.arrayAxis);
      // Behind the probe on whichever side puts the marker end (−array) on the screen's left.
      position = target.clone().addScaledVector(normal, OVER_PROBE_HEIGHT_MM).addScaledVector(elevation, -OVER_PROBE_BACK_MM);
      const forward = target.clone().sub(position).normalize();
      const right = forward.clone().cross(camera.up);
      if (right.dot(array) < 0) position = target.clone().addScaledVector(normal, OVER_PROBE_HEIGHT_MM).addScaledVector(elevation, OVER_PROBE_BACK_MM);
    } else {
      target = OVERVIEW_TARGET.clone().multiply(mirror);
      position = target.clone().addScaledVector(OVERVIEW_DIRECTION.clone().multiply(mirror), fitDistance(camera, OVERVIEW_RADIUS_MM));
    }
    camera.position.copy(position);
    controls.target.copy(target);
    camera.lookAt(target);
    controls.update();
    invalidate();
  }, [request, side, controls, camera, invalidate]);
  return null;
}
