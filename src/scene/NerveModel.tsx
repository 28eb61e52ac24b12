import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import { useSimStore } from '../state/store';
import { cpnMesh } from '../core/geometry/structureMesh';
import { anatomyMaterial } from './materials';
import { geometryFromMesh } from './meshGeometry';

/**
 * The common peroneal nerve and its branches, built from this patient's anatomy when the case
 * loads (its calibre, swelling, notch and course differ from patient to patient; the rest of the
 * knee comes from the shared model file).
 */
export function NerveModel() {
  const anatomy = useSimStore((s) => s.anatomy);
  const geometry = useMemo(() => {
    if (!anatomy) return null;
    return geometryFromMesh(cpnMesh(anatomy));
  }, [anatomy]);
  const material = useMemo(() => anatomyMaterial('commonPeronealNerve', new THREE.Color(0xf2c718)), []);
  useEffect(() => () => geometry?.dispose(), [geometry]);
  useEffect(() => () => material.dispose(), [material]);
  if (!geometry) return null;
  return <mesh name="commonPeronealNerve" geometry={geometry} material={material} />;
}
