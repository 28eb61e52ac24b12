import { useEffect, useMemo, useState } from 'react';
import * as THREE from 'three';
import { useThree } from '@react-three/fiber';
import { useSimStore } from '../state/store';
import { imagePipeline } from '../state/imagePipeline';
import type { FluidSurfaceUpdate } from '../core/fluid/fluidMesher';
import { FluidBlocks } from './fluidBlocks';
import { fluidMaterials } from './fluidMaterial';
import { geometryFromMesh } from './meshGeometry';

const fluidBlocks = new FluidBlocks();
const EMPTY: ReadonlyMap<number, THREE.BufferGeometry> = new Map();
let shown: ReadonlyMap<number, THREE.BufferGeometry> = EMPTY;
const listeners = new Set<() => void>();

/**
 * Every update of the store's fluid surface, in order, from the moment this module loads (a
 * delta left unseen would leave the wrong blocks): the scene shows the blocks of the latest.
 */
const take = (update: FluidSurfaceUpdate | null) => {
  shown = update ? fluidBlocks.apply(update) : EMPTY;
  for (const l of listeners) l();
};
if (useSimStore.getState().fluidSurface) take(useSimStore.getState().fluidSurface);
useSimStore.subscribe((state, previous) => {
  if (state.fluidSurface !== previous.fluidSurface) take(state.fluidSurface);
});

/**
 * One triangle a micrometre across at p: drawn with the fluid's materials it covers no pixel, but
 * the draw has the rasteriser make its routines for them (software WebGL compiles a routine per
 * pipeline state at the first draw that uses it; an empty draw makes none).
 */
function warmUpTriangle(p: { x: number; y: number; z: number }): THREE.BufferGeometry {
  const d = 1e-3;
  return geometryFromMesh({
    positions: new Float32Array([p.x, p.y, p.z, p.x + d, p.y, p.z, p.x, p.y + d, p.z]),
    normals: new Float32Array([0, 0, 1, 0, 0, 1, 0, 0, 1]),
    indices: new Uint32Array([0, 1, 2]),
  });
}

/**
 * True once the knee is built and the page has been idle: the fluid's materials are then drawn
 * once (warmUpTriangle) before any fluid exists. Drawn first with the first fluid, they held the
 * main thread ~0.2 s more than a frame under software WebGL (the page waits for each 3D frame's
 * read-back): the longest task of a first hold. Drawn before the first image is on screen, they
 * would delay it and `ready()`.
 */
function useProgramsWarmed(): boolean {
  const built = useSimStore((s) => s.buildStatus === 'ready');
  const [warmed, setWarmed] = useState(false);
  useEffect(() => {
    if (!built || warmed) return;
    // After the first image is on screen (`ready()` waits for it), when the page is next idle.
    let cancelled = false;
    const warm = () => {
      if (!cancelled) setWarmed(true);
    };
    imagePipeline.whenCurrent().then(
      // Safari has no requestIdleCallback: a moment later instead.
      () => (typeof requestIdleCallback === 'function' ? requestIdleCallback(warm, { timeout: 3000 }) : setTimeout(warm, 500)),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [built, warmed]);
  return warmed;
}

/** The injectate in 3D: a glowing shell where the fluid lies after pushing the tissue aside (fluidMaterial.ts), one mesh per 16 mm block. */
export function FluidModel() {
  const [blocks, setBlocks] = useState(shown);
  const materials = useMemo(fluidMaterials, []);
  // On the nerve, in view: a draw outside the view might be dropped before the rasteriser.
  const anatomy = useSimStore((s) => s.anatomy);
  const warmUp = useMemo(() => {
    const nerve = anatomy?.nerveAt(0);
    return nerve ? warmUpTriangle(nerve.centre) : null;
  }, [anatomy]);
  useEffect(() => () => warmUp?.dispose(), [warmUp]);
  const warmed = useProgramsWarmed();
  const invalidate = useThree((state) => state.invalidate);
  // The canvas draws on demand: the warm-up meshes are drawn (and their routines made) by asking.
  useEffect(() => {
    if (warmed) invalidate();
  }, [warmed, invalidate]);
  useEffect(() => () => materials.dispose(), [materials]);
  useEffect(() => {
    const listener = () => setBlocks(shown);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  // No redraws of its own: the canvas draws on demand, and each surface the worker sends is a
  // store change that asks for a frame (SceneView's InvalidateOnStoreChange); the camera's
  // controls ask for one as it turns. Redrawing an unchanged scene while the plunger is held only
  // kept the main thread waiting on the software rasteriser (under software compositing each 3D
  // frame is read back synchronously).
  if (blocks.size === 0) {
    if (!warmed || !warmUp) return null;
    return (
      <group>
        <mesh geometry={warmUp} material={materials.shell} frustumCulled={false} />
        <mesh geometry={warmUp} material={materials.seenThrough} frustumCulled={false} />
      </group>
    );
  }
  // After the skin (1) and the imaging plane (2, 3); the see-through pass after the plane's outline (4).
  return (
    <group>
      {[...blocks].map(([key, geometry]) => (
        <group key={key}>
          <mesh geometry={geometry} material={materials.shell} renderOrder={3} />
          <mesh geometry={geometry} material={materials.seenThrough} renderOrder={5} />
        </group>
      ))}
    </group>
  );
}
