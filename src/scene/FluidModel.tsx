import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import { useSimStore } from '../state/store';

/** The injectate in 3D: a translucent surface around the nerve, rebuilt after each injection. */
export function FluidModel() {
  const surface = useSimStore((s) => s.fluidSurface);
  const geometry = useMemo(() => {
    if (!surface || surface.indices.length === 0) return null;
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(surface.positions, 3));
    g.setAttribute('normal', new THREE.BufferAttribute(surface.normals, 3));
    g.setIndex(new THREE.BufferAttribute(surface.indices, 1));
    return g;
  }, [surface]);
  useEffect(() => () => geometry?.dispose(), [geometry]);
  if (!geometry) return null;
  return (
    <mesh geometry={geometry} renderOrder={3}>
      <meshLambertMaterial color="#5fb8ff" transparent opacity={0.45} depthWrite={false} />
    </mesh>
  );
}
