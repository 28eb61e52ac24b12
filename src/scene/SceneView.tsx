import { Suspense, useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { Canvas, useFrame, useThree } from '@react-three/fiber';
import { AdaptiveDpr, OrbitControls } from '@react-three/drei';
import type * as THREE from 'three';
import { useSimStore } from '../state/store';
import { sceneLatency, sceneRate } from '../state/rateMeter';
import { clockMs } from '../state/attemptSlice';
import { KneeModel } from './KneeModel';
import { LimbSkin } from './LimbSkin';
import { TreatmentTable } from './TreatmentTable';
import { ProbeModel } from './ProbeModel';
import { ImagingPlane } from './ImagingPlane';
import { NeedleModel } from './NeedleModel';
import { NerveModel } from './NerveModel';
import { FluidModel } from './FluidModel';
import { AnatomyLabelOverlay, LabelPlacer } from './AnatomyLabels';
import { CameraRig } from './CameraRig';
import { useProbeDrag } from './useProbeDrag';
import { renderQuality } from './renderQuality';
import { useText } from '../i18n';
import type { CameraPreset } from '../state/viewSlice';
import { ContextLossWatcher } from './ContextLossWatcher';
import { sceneChanged } from './sceneChanges';
import { samePose } from '../state/sameValue';
import { imagePipeline } from '../state/imagePipeline';

/** When the oldest change the view has not yet drawn came (clockMs), or null: it shows every change. */
let undrawnSince: number | null = null;

/**
 * Counts rendered frames (for stats()): the canvas renders on demand, so this is the real rate.
 * A frame that draws store changes also marks how long the oldest of them waited to be seen: from
 * the change to the next animation frame after the render, by when the compositor has taken the
 * frame (under software compositing it reads each 3D frame back before that).
 */
function SceneRateMeter() {
  useFrame(() => {
    const renderedAt = clockMs();
    sceneRate.mark(renderedAt);
    const changedAt = undrawnSince;
    undrawnSince = null;
    if (changedAt !== null) requestAnimationFrame(() => sceneLatency.mark(renderedAt, clockMs() - changedAt));
  });
  return null;
}

/** At most this many 3D frames a second from store changes, leaving time for the ultrasound image. */
const MAX_SCENE_FPS = 24;

/**
 * Re-renders the demand-driven canvas when the store changes, no more often than MAX_SCENE_FPS
 * (with software WebGL the 3D view and the image share the same cores). While the probe moves the
 * view drops to a lower resolution (AdaptiveDpr via performance.regress) and returns to full a
 * moment after it stops.
 */
function InvalidateOnStoreChange() {
  const invalidate = useThree((s) => s.invalidate);
  const regress = useThree((s) => s.performance.regress);
  const adaptive = renderQuality().movingResolution < 1;
  useEffect(() => {
    let last = -Infinity;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = useSimStore.subscribe((state, previous) => {
      // Only what the 3D view draws: the syringe, the log and the manometer change many times a
      // second while injecting, and must not take the image's time.
      if (!sceneChanged(state, previous)) return;
      undrawnSince ??= clockMs();
      if (!samePose(state.probe?.pose, previous.probe?.pose) && adaptive) regress();
      const wait = 1000 / MAX_SCENE_FPS - (clockMs() - last);
      if (wait <= 0) {
        last = clockMs();
        invalidate();
      } else {
        timer ??= setTimeout(() => {
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
  }, [invalidate, regress, adaptive]);
  return null;
}

/**
 * Everything in the limb frame (mm; +X lateral, +Y proximal, +Z posterior = up, the patient
 * prone). A left leg is the mirror image of a right one: the root mirrors X, and the limb frame
 * keeps +X lateral on both.
 */
function LimbRoot({ children, rootRef }: { children: ReactNode; rootRef: RefObject<THREE.Group | null> }) {
  const side = useSimStore((s) => s.parameters.side);
  return (
    <group ref={rootRef} scale={[side === 'left' ? -1 : 1, 1, 1]}>
      {children}
    </group>
  );
}

/**
 * `held`: a new case's first image is not drawn yet. The parts made from the page's knee (the
 * nerve's mesh, the skin's tube: half a second of this thread on a first visit) are made after it.
 */
function Scene({ labelsRef, held }: { labelsRef: RefObject<HTMLDivElement | null>; held: boolean }) {
  const rootRef = useRef<THREE.Group>(null);
  const mirror = useSimStore((s) => s.parameters.side === 'left');
  const { surface, onProbePointerDown } = useProbeDrag(rootRef);
  return (
    <>
      <color attach="background" args={['#1a222b']} />
      {/* Two lights only: each costs every pixel under software WebGL. */}
      <hemisphereLight args={['#fffaf4', '#7d8590', 1.9]} />
      <directionalLight position={[mirror ? -170 : 170, -110, 230]} intensity={1.5} />
      <LimbRoot rootRef={rootRef}>
        <Suspense fallback={null}>
          <KneeModel />
        </Suspense>
        {!held && <NerveModel />}
        {!held && <LimbSkin surface={surface} />}
        <TreatmentTable />
        <ProbeModel onPointerDown={onProbePointerDown} onPointerOver={surface.onPointerOver} onPointerOut={surface.onPointerOut} />
        <ImagingPlane />
        <NeedleModel />
        <FluidModel />
      </LimbRoot>
      <OrbitControls makeDefault enableDamping={false} regress={renderQuality().movingResolution < 1} minDistance={60} maxDistance={900} />
      <CameraRig />
      <LabelPlacer containerRef={labelsRef} limbRoot={rootRef} />
      <SceneRateMeter />
      <InvalidateOnStoreChange />
      {renderQuality().movingResolution < 1 && <AdaptiveDpr pixelated />}
    </>
  );
}

/** The longest the 3D view waits for a new case's first image (a worker that never answers must not freeze it). */
const FIRST_IMAGE_WAIT_MS = 3000;

/**
 * Whether the 3D view holds its redraws because a case was just built and its first ultrasound
 * image is not drawn yet. The view's first draw of a new knee (the skin, the nerve, the probe)
 * compiles new pipelines, hundreds of milliseconds of this thread under software WebGL, and the
 * image waiting behind it is what the trainee is here for; the view follows a frame later.
 */
function useHoldForFirstImage(): boolean {
  const builtGeneration = useSimStore((s) => (s.buildStatus === 'ready' ? s.generation : -1));
  const [imageShownFor, setImageShownFor] = useState(-1);
  useEffect(() => {
    if (builtGeneration < 0) return;
    let current = true;
    const release = () => current && setImageShownFor(builtGeneration);
    imagePipeline.whenCurrent().then(release, release);
    const timer = setTimeout(release, FIRST_IMAGE_WAIT_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [builtGeneration]);
  return builtGeneration >= 0 && imageShownFor !== builtGeneration;
}

/** Draws the view once its hold ends (the store changes meanwhile asked for frames that were not drawn). */
function RedrawAfterHold({ held }: { held: boolean }) {
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    if (!held) invalidate();
  }, [held, invalidate]);
  return null;
}

/** Keys the focused 3D view answers to itself: the camera presets. */
const CAMERA_KEYS: Record<string, CameraPreset> = { '1': 'overview', '2': 'over-probe' };

/** The 3D view: the prone limb on the table, the probe on the skin and its imaging plane. Fills its parent. */
export function SceneView() {
  const quality = renderQuality();
  const labelsRef = useRef<HTMLDivElement>(null);
  const { t } = useText();
  const [contextLost, setContextLost] = useState(false);
  const held = useHoldForFirstImage();
  return (
    // Focusable for keyboard users: the probe's shortcuts work here as anywhere, and 1 / 2 move the camera.
    <div
      data-testid="scene-view"
      className="scene-view"
      role="application"
      tabIndex={0}
      aria-label={t('a11y.scene')}
      aria-describedby="scene-view-keys"
      aria-keyshortcuts="1 2"
      onKeyDown={(e) => {
        const preset = CAMERA_KEYS[e.key];
        if (!preset || e.altKey || e.ctrlKey || e.metaKey) return;
        e.preventDefault();
        useSimStore.getState().setCameraPreset(preset);
      }}
      style={{ position: 'relative', width: '100%', height: '100%', overflow: 'hidden' }}
    >
      <span id="scene-view-keys" className="sr-only">
        {t('a11y.sceneKeys')}
      </span>
      <Canvas
        frameloop={held ? 'never' : 'demand'}
        dpr={quality.dpr}
        performance={{ min: quality.movingResolution, debounce: 250 }}
        camera={{ fov: 35, near: 5, far: 3000, position: [250, -150, 260], up: [0, 0, 1] }}
        gl={{ antialias: quality.antialias, preserveDrawingBuffer: true }}
      >
        <Scene labelsRef={labelsRef} held={held} />
        <ContextLossWatcher onLostChange={setContextLost} />
        <RedrawAfterHold held={held} />
      </Canvas>
      {contextLost && (
        <p className="storage-problem" role="alert" data-testid="webgl-context-lost" style={{ position: 'absolute', top: 8, left: 8, right: 8, margin: 0 }}>
          {t('scene.contextLost')}
        </p>
      )}
      <AnatomyLabelOverlay containerRef={labelsRef} />
    </div>
  );
}
