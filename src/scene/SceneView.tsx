import { Suspense, useEffect, useRef } from 'react';
import { Canvas, useFrame, useThree } from '@react-three/fiber';
import { OrbitControls } from '@react-three/drei';
import * as THREE from 'three';
import { useSimStore } from '../state/store';
import { sceneRate } from '../state/rateMeter';
import { clockMs } from '../state/attemptSlice';
import { KneeModel } from './KneeModel';
import { LimbContext } from './LimbContext';
import { ProbeModel } from './ProbeModel';
import { ImagingPlane } from './ImagingPlane';
import { AnatomyLabels } from './AnatomyLabels';
import { CameraRig } from './CameraRig';
import { useProbeDrag } from './useProbeDrag';

// The patient lies prone: the limb frame's +Z (posterior) is up on screen.
THREE.Object3D.DEFAULT_UP.set(0, 0, 1);

/** Counts rendered frames (for stats()) — the canvas renders on demand, so this is the real rate. */
function SceneRateMeter() {
  useFrame(() => sceneRate.mark(clockMs()));
  return null;
}

/** At most this many 3D frames a second while the probe moves, leaving the GPU time for the image. */
const MAX_SCENE_FPS = 30;

/**
 * Re-renders the demand-driven canvas when something it draws changes in the store, no more
 * often than MAX_SCENE_FPS: with software WebGL the 3D view and the ultrasound image share one
 * GPU process, and the image must keep up with the hand.
 */
function InvalidateOnStoreChange() {
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = useSimStore.subscribe(() => {
      const now = clockMs();
      const wait = 1000 / MAX_SCENE_FPS - (now - last);
      if (wait <= 0) {
        last = now;
        invalidate();
      } else if (!timer) {
        timer = setTimeout(() => {
          timer = undefined;
          last = clockMs();
          invalidate();
        }, wait);
      }
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [invalidate]);
  return null;
}

function LimbRoot({ children, groupRef }: { children: React.ReactNode; groupRef: React.RefObject<THREE.Group | null> }) {
  const side = useSimStore((s) => s.parameters.side);
  // A left leg is the mirror image of a right one; the limb frame keeps +X lateral on both.
  return (
    <group ref={groupRef} scale={[side === 'left' ? -1 : 1, 1, 1]}>
      {children}
    </group>
  );
}

function Scene() {
  const rootRef = useRef<THREE.Group>(null);
  const drag = useProbeDrag(rootRef);
  return (
    <>
      <color attach="background" args={['#1b232c']} />
      <hemisphereLight args={['#f4f1ea', '#3a3a44', 0.9]} />
      <directionalLight position={[120, -160, 260]} intensity={1.6} />
      <directionalLight position={[-200, 150, 120]} intensity={0.5} />
      <LimbRoot groupRef={rootRef}>
        <Suspense fallback={null}>
          <KneeModel onSkinPointerDown={drag.onPointerDown} />
        </Suspense>
        <LimbContext onSkinPointerDown={drag.onPointerDown} />
        <ProbeModel />
        <ImagingPlane />
        <AnatomyLabels />
      </LimbRoot>
      <mesh position={[-40, 5, -62]} receiveShadow>
        <boxGeometry args={[320, 520, 6]} />
        <meshLambertMaterial color="#56636f" />
      </mesh>
      <OrbitControls makeDefault enableDamping={false} target={[-8, 5, 8]} />
      <CameraRig />
      <SceneRateMeter />
      <InvalidateOnStoreChange />
    </>
  );
}

/** The 3D view: the prone limb, the probe on the skin and its imaging plane. */
export function SceneView() {
  return (
    <div data-testid="scene-view" className="scene-view">
      <Canvas
        frameloop="demand"
        dpr={0.75}
        camera={{ fov: 35, near: 5, far: 3000, position: [170, -190, 250], up: [0, 0, 1] }}
        gl={{ antialias: false, preserveDrawingBuffer: true, powerPreference: 'high-performance' }}
      >
        <Scene />
      </Canvas>
    </div>
  );
}
