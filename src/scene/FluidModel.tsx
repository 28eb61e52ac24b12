import { useEffect, useMemo, useState } from 'react';
import * as THREE from 'three';
import { useSimStore } from '../state/store';
import type { FluidSurfaceUpdate } from '../core/fluid/fluidMesher';
import { FluidBlocks } from './fluidBlocks';

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

/** The injectate in 3D: a translucent surface where the fluid lies after pushing the tissue aside, one mesh per 8 mm block. */
export function FluidModel() {
  const [blocks, setBlocks] = useState(shown);
  // One material for every block: one shader program and one state change.
  const material = useMemo(() => new THREE.MeshLambertMaterial({ color: '#5fb8ff', transparent: true, opacity: 0.45, depthWrite: false }), []);
  useEffect(() => () => material.dispose(), [material]);
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
  return (
    <group renderOrder={3}>
      {[...blocks].map(([key, geometry]) => (
        <mesh key={key} geometry={geometry} material={material} renderOrder={3} />
      ))}
    </group>
  );
}
