import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import { useSimStore } from '../state/store';
import { structureMesh, CPN_STRUCTURES, CPN_MESH_SPACING_MM } from '../core/geometry/structureMesh';
import { anatomyMaterial } from './materials';

/**
 * The common peroneal nerve and its branches, built from this patient's anatomy when the case
 * loads (its calibre, swelling, notch and course differ from patient to patient; the rest of the
 * knee comes from the shared model file).
 */
export function NerveModel() {
  const anatomy = useSimStore((s) => s.anatomy);
  const geometry = useMemo(() => {
    if (!anatomy) return null;
    const surface = structureMesh(anatomy, CPN_STRUCTURES, CPN_MESH_SPACING_MM);
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(surface.positions, 3));
    g.setAttribute('normal', new THREE.BufferAttribute(surface.normals, 3));
    g.setIndex(new THREE.BufferAttribute(surface.indices, 1));
    return g;
  }, [anatomy]);
  const material = useMemo(() => anatomyMaterial('commonPeronealNerve', new THREE.Color(0xf2c718)), []);
  useEffect(() => () => geometry?.dispose(), [geometry]);
  useEffect(() => () => material.dispose(), [material]);
  if (!geometry) return null;
  return <mesh name="commonPeronealNerve" geometry={geometry} material={material} />;
}
