import { useEffect, useMemo } from 'react';
import { useSimStore } from '../state/store';
import { geometryFromMesh } from './meshGeometry';

/** The injectate in 3D: a translucent surface around the nerve, rebuilt after each injection. */
export function FluidModel() {
  const surface = useSimStore((s) => s.fluidSurface);
  const geometry = useMemo(() => {
    if (!surface || surface.indices.length === 0) return null;
    return geometryFromMesh(surface);
  }, [surface]);
  useEffect(() => () => geometry?.dispose(), [geometry]);
  if (!geometry) return null;
  return (
    <mesh geometry={geometry} renderOrder={3}>
      <meshLambertMaterial color="#5fb8ff" transparent opacity={0.45} depthWrite={false} />
    </mesh>
  );
}
