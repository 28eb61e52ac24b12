import { useEffect, useMemo, useRef } from 'react';
import { useThree, type ThreeEvent } from '@react-three/fiber';
import * as THREE from 'three';
import { useSimStore } from '../state/store';

const TILT_DEG_PER_PIXEL = 0.25;
const ROTATE_DEG_PER_NOTCH = 5;

/** Pointer handlers for the meshes the probe can be dragged over (the skin and the limb). */
export interface SurfaceHandlers {
  onPointerDown: (e: ThreeEvent<PointerEvent>) => void;
  onPointerOver: (e: ThreeEvent<PointerEvent>) => void;
  onPointerOut: (e: ThreeEvent<PointerEvent>) => void;
}

interface Drag {
  mode: 'slide' | 'tilt';
  lastY: number;
  /** Limb-frame offset from the skin point under the pointer to the probe centre (grabbing the probe itself). */
  offset: THREE.Vector3;
  surfaces: THREE.Object3D[];
}

/**
 * Mouse control of the probe in 3D. A left drag that starts on the skin (or on the probe) slides
 * the probe over the skin — the store projects every point onto the skin and clamps it, so the
 * probe cannot leave it; Shift+drag tilts; Alt or Ctrl + wheel rotates. Orbiting is paused while
 * the probe is dragged; anywhere else, drags orbit and the wheel zooms.
 */
export function useProbeDrag(limbRoot: React.RefObject<THREE.Group | null>): { surface: SurfaceHandlers; onProbePointerDown: (e: ThreeEvent<PointerEvent>) => void } {
  const get = useThree((s) => s.get);
  const gl = useThree((s) => s.gl);
  const drag = useRef<Drag | null>(null);
  const hovering = useRef(0);

  const api = useMemo(() => {
    const raycaster = new THREE.Raycaster();
    const ndc = new THREE.Vector2();

    const setCursor = () => {
      gl.domElement.style.cursor = drag.current ? 'grabbing' : hovering.current > 0 ? 'grab' : '';
    };
    const probeSurfaces = (): THREE.Object3D[] => {
      const list: THREE.Object3D[] = [];
      get().scene.traverse((o) => {
        if (o.userData.probeSurface) list.push(o);
      });
      return list;
    };
    /** The limb-frame point of the skin under the pointer, or null off the limb. */
    const skinPointUnder = (clientX: number, clientY: number, surfaces: THREE.Object3D[]): THREE.Vector3 | null => {
      const root = limbRoot.current;
      if (!root) return null;
      const rect = gl.domElement.getBoundingClientRect();
      ndc.set(((clientX - rect.left) / rect.width) * 2 - 1, -((clientY - rect.top) / rect.height) * 2 + 1);
      raycaster.setFromCamera(ndc, get().camera);
      const hit = raycaster.intersectObjects(surfaces, false)[0];
      // World → limb frame through the root's inverse (it mirrors a left leg).
      return hit ? root.worldToLocal(hit.point.clone()) : null;
    };
    const ready = () => {
      const s = useSimStore.getState();
      // A replay shows a stored attempt: the probe stays where the record put it.
      return s.buildStatus === 'ready' && s.anatomy !== null && s.probe !== null && s.replay === null;
    };
    const start = (e: ThreeEvent<PointerEvent>, onProbe: boolean) => {
      if (e.button !== 0 || !ready()) return;
      e.stopPropagation();
      const surfaces = probeSurfaces();
      const offset = new THREE.Vector3();
      const under = skinPointUnder(e.clientX, e.clientY, surfaces);
      const centre = useSimStore.getState().probe!.pose.centre;
      if (onProbe && under) offset.set(centre.x - under.x, centre.y - under.y, centre.z - under.z);
      drag.current = { mode: e.shiftKey ? 'tilt' : 'slide', lastY: e.clientY, offset, surfaces };
      const controls = get().controls as { enabled: boolean } | null;
      if (controls) controls.enabled = false;
      setCursor();
      if (!onProbe && !e.shiftKey && under) useSimStore.getState().moveProbeTo({ x: under.x, y: under.y, z: under.z });
    };
    const move = (event: PointerEvent) => {
      const d = drag.current;
      if (!d) return;
      if (d.mode === 'tilt') {
        const dy = d.lastY - event.clientY;
        d.lastY = event.clientY;
        if (dy !== 0) useSimStore.getState().tiltProbe(dy * TILT_DEG_PER_PIXEL);
        return;
      }
      const p = skinPointUnder(event.clientX, event.clientY, d.surfaces);
      if (p) useSimStore.getState().moveProbeTo({ x: p.x + d.offset.x, y: p.y + d.offset.y, z: p.z + d.offset.z });
    };
    const end = () => {
      if (!drag.current) return;
      drag.current = null;
      const controls = get().controls as { enabled: boolean } | null;
      if (controls) controls.enabled = true;
      setCursor();
    };
    const wheel = (event: WheelEvent) => {
      if (!(event.altKey || event.ctrlKey) || !ready()) return;
      // Rotate the probe instead of zooming (and instead of the browser's Ctrl+wheel page zoom).
      event.preventDefault();
      event.stopImmediatePropagation();
      if (event.deltaY !== 0) useSimStore.getState().rotateProbe(event.deltaY > 0 ? ROTATE_DEG_PER_NOTCH : -ROTATE_DEG_PER_NOTCH);
    };
    const surface: SurfaceHandlers = {
      onPointerDown: (e) => start(e, false),
      onPointerOver: () => {
        hovering.current++;
        setCursor();
      },
      onPointerOut: () => {
        hovering.current = Math.max(0, hovering.current - 1);
        setCursor();
      },
    };
    return { surface, onProbePointerDown: (e: ThreeEvent<PointerEvent>) => start(e, true), move, end, wheel };
  }, [get, gl, limbRoot]);

  useEffect(() => {
    const canvas = gl.domElement;
    window.addEventListener('pointermove', api.move);
    window.addEventListener('pointerup', api.end);
    window.addEventListener('pointercancel', api.end);
    window.addEventListener('blur', api.end);
    // Capture on the canvas: runs before OrbitControls' wheel handler on the canvas's parent.
    canvas.addEventListener('wheel', api.wheel, { passive: false, capture: true });
    return () => {
      window.removeEventListener('pointermove', api.move);
      window.removeEventListener('pointerup', api.end);
      window.removeEventListener('pointercancel', api.end);
      window.removeEventListener('blur', api.end);
      canvas.removeEventListener('wheel', api.wheel, { capture: true });
      api.end();
    };
  }, [api, gl]);

  return { surface: api.surface, onProbePointerDown: api.onProbePointerDown };
}
