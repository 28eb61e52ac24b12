import * as THREE from 'three';

/**
 * The injectate's look in 3D. Fluid round the nerve lies under the translucent skin, among the
 * muscles and under the probe, and a plain translucent surface reads there as a faint tint. So it
 * is drawn as a glowing shell: unlit (it reads the same under any light, and costs little under
 * software WebGL), deep blue where the surface faces the eye and bright cyan where it turns away
 * (a fresnel rim), so its outline stands out and the nerve inside it still shows through its
 * face. A second, fainter pass ignores depth, so the bolus is seen through the skin, the muscles
 * over it and the probe; face-on it barely tints what it covers (the nerve, the needle).
 */

const vertexShader = /* glsl */ `
varying vec3 vNormalView;
varying vec3 vToEye;
void main() {
  vec4 mv = modelViewMatrix * vec4(position, 1.0);
  vNormalView = normalMatrix * normal;
  vToEye = -mv.xyz;
  gl_Position = projectionMatrix * mv;
}
`;

const fragmentShader = /* glsl */ `
uniform vec3 faceColour;
uniform vec3 rimColour;
uniform float faceAlpha;
uniform float rimAlpha;
varying vec3 vNormalView;
varying vec3 vToEye;
void main() {
  // 0 facing the eye, 1 edge-on; either side of the surface alike.
  float edge = 1.0 - abs(dot(normalize(vNormalView), normalize(vToEye)));
  float rim = edge * sqrt(edge);
  gl_FragColor = vec4(mix(faceColour, rimColour, rim), mix(faceAlpha, rimAlpha, rim));
  #include <colorspace_fragment>
}
`;

/** Deep blue face to bright cyan rim: apart from the imaging plane's pale cyan and the nerve's yellow. */
const FACE_COLOUR = '#1f6bff';
const RIM_COLOUR = '#4df2ff';

function fluidShell(faceAlpha: number, rimAlpha: number, seeThrough: boolean): THREE.ShaderMaterial {
  return new THREE.ShaderMaterial({
    name: seeThrough ? 'fluidSeenThrough' : 'fluid',
    uniforms: {
      faceColour: { value: new THREE.Color(FACE_COLOUR) },
      rimColour: { value: new THREE.Color(RIM_COLOUR) },
      faceAlpha: { value: faceAlpha },
      rimAlpha: { value: rimAlpha },
    },
    vertexShader,
    fragmentShader,
    transparent: true,
    depthWrite: false,
    depthTest: !seeThrough,
    toneMapped: false,
  });
}

/** The two passes, each one material for every block (one shader program, one state change). */
export interface FluidMaterials {
  /** Depth-tested: where nothing opaque is in front of it. */
  shell: THREE.ShaderMaterial;
  /** Over everything, faint face-on, after the rest of the scene. */
  seenThrough: THREE.ShaderMaterial;
  dispose(): void;
}

export function fluidMaterials(): FluidMaterials {
  const shell = fluidShell(0.3, 1, false);
  const seenThrough = fluidShell(0.16, 0.75, true);
  return {
    shell,
    seenThrough,
    dispose: () => {
      shell.dispose();
      seenThrough.dispose();
    },
  };
}
