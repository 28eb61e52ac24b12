import * as THREE from 'three';

/**
 * Shared materials. Lambert shading throughout: it reads well for soft anatomy and costs a
 * fraction of a physically based shader, which matters under software WebGL (SwiftShader).
 */

export const SKIN_COLOUR = 0xd9a38a;

/** The limb's skin, over the knee and beyond it. */
export const skinMaterial = new THREE.MeshLambertMaterial({ color: SKIN_COLOUR, name: 'skin' });

/** Below this the skin is not drawn at all (the slider's "hidden" end). */
export const SKIN_HIDDEN_BELOW = 0.02;

/**
 * Applies the skin & fat opacity. Translucent skin is drawn after the
 * opaque anatomy without writing depth, so everything under it shows through; switching between
 * opaque and translucent recompiles the shader, so that flag only changes when it must.
 */
export function applySkinOpacity(opacity: number): void {
  const m = skinMaterial;
  const transparent = opacity < 0.999;
  if (m.transparent !== transparent) {
    m.transparent = transparent;
    m.needsUpdate = true;
  }
  m.opacity = transparent ? opacity : 1;
  m.depthWrite = !transparent;
  // Hidden, it still takes the pointer: the probe can be slid while looking at the nerve.
  m.visible = opacity >= SKIN_HIDDEN_BELOW;
}

/** Anatomy materials: the model's colours with Lambert shading; the common peroneal nerve glows a little. */
export function anatomyMaterial(name: string, colour: THREE.Color): THREE.Material {
  const material = new THREE.MeshLambertMaterial({ color: colour.clone(), name });
  if (name === 'commonPeronealNerve') {
    material.color.set(0xffd21a);
    material.emissive.set(0x6b5200);
  } else if (name === 'tibialNerve' || name === 'suralNerve') {
    // Other nerves stay recognisably neural but quieter, so the CPN is the one that stands out.
    material.color.set(0xcdbb72);
  }
  return material;
}
