import { useEffect, useMemo, useState } from 'react';
import * as THREE from 'three';
import { useSimStore } from '../state/store';
import type { FluidSurfaceUpdate } from '../core/fluid/fluidMesher';
import { FluidBlocks } from './fluidBlocks';
import { fluidMaterials } from './fluidMaterial';

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

/** The injectate in 3D: a glowing shell where the fluid lies after pushing the tissue aside (fluidMaterial.ts), one mesh per 16 mm block. */
export function FluidModel() {
  const [blocks, setBlocks] = useState(shown);
  const materials = useMemo(fluidMaterials, []);
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
  if (blocks.size === 0) return null;
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
