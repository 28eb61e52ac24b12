import { useCallback, useEffect, useRef } from 'react';
import { useThree, type ThreeEvent } from '@react-three/fiber';
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib';
import * as THREE from 'three';
import { useSimStore } from '../state/store';

const TILT_DEG_PER_PIXEL = 0.25;
const ROTATE_DEG_PER_NOTCH = 5;

/**
 * Mouse control of the probe in 3D: drag on the skin slides it (the store keeps it on the skin),
 * Shift+drag tilts it, Alt/Ctrl+wheel rotates it. Orbiting is paused while dragging the probe.
 */
export function useProbeDrag(limbGroup: React.RefObject<THREE.Group | null>) {
  const { camera, gl, scene, controls } = useThree((s) => ({ camera: s.camera, gl: s.gl, scene: s.scene, controls: s.controls as OrbitControlsImpl | null }));
  const dragging = useRef<{ mode: 'slide' | 'tilt'; lastY: number } | null>(null);
  const raycaster = useRef(new THREE.Raycaster());

  const skinPointUnder = useCallback(
    (clientX: number, clientY: number): THREE.Vector3 | null => {
      const rect = gl.domElement.getBoundingClientRect();
      const ndc = new THREE.Vector2(((clientX - rect.left) / rect.width) * 2 - 1, -((clientY - rect.top) / rect.height) * 2 + 1);
      raycaster.current.setFromCamera(ndc, camera);
      const surfaces: THREE.Object3D[] = [];
      scene.traverse((o) => {
        if (o.userData.probeSurface) surfaces.push(o);
      });
      const hit = raycaster.current.intersectObjects(surfaces, false)[0];
      if (!hit || !limbGroup.current) return null;
      return limbGroup.current.worldToLocal(hit.point.clone());
    },
    [camera, gl, scene, limbGroup],
  );

  useEffect(() => {
    const onMove = (event: PointerEvent) => {
      const drag = dragging.current;
      if (!drag) return;
      if (drag.mode === 'tilt') {
        useSimStore.getState().tiltProbe((drag.lastY - event.clientY) * TILT_DEG_PER_PIXEL);
        drag.lastY = event.clientY;
        return;
      }
      const p = skinPointUnder(event.clientX, event.clientY);
      if (p) useSimStore.getState().moveProbeTo({ x: p.x, y: p.y, z: p.z });
    };
    const onUp = () => {
      if (!dragging.current) return;
      dragging.current = null;
      if (controls) controls.enabled = true;
      gl.domElement.style.cursor = '';
    };
    const onWheel = (event: WheelEvent) => {
      if (!(event.altKey || event.ctrlKey)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      useSimStore.getState().rotateProbe(event.deltaY > 0 ? ROTATE_DEG_PER_NOTCH : -ROTATE_DEG_PER_NOTCH);
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
    gl.domElement.addEventListener('wheel', onWheel, { passive: false, capture: true });
    return () => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      gl.domElement.removeEventListener('wheel', onWheel, { capture: true });
    };
  }, [gl, controls, skinPointUnder]);

  const onPointerDown = useCallback(
    (event: ThreeEvent<PointerEvent>) => {
      if (event.button !== 0 || useSimStore.getState().buildStatus !== 'ready') return;
      event.stopPropagation();
      dragging.current = { mode: event.shiftKey ? 'tilt' : 'slide', lastY: event.clientY };
      if (controls) controls.enabled = false;
      gl.domElement.style.cursor = 'grabbing';
      if (!event.shiftKey) {
        const p = limbGroup.current?.worldToLocal(event.point.clone());
        if (p) useSimStore.getState().moveProbeTo({ x: p.x, y: p.y, z: p.z });
      }
    },
    [controls, gl, limbGroup],
  );

  return { onPointerDown };
}
