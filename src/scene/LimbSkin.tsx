import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import { useSimStore } from '../state/store';
import type { KneeAnatomy } from '../core/anatomy/knee';
import { limbOutline, modelRegion } from '../core/anatomy/kneeGeometry';
import { applySkinOpacity, skinMaterial } from './materials';
import type { SurfaceHandlers } from './useProbeDrag';

/** How far the thigh and the leg continue beyond the modelled knee. */
const THIGH_MM = 80;
const LEG_MM = 80;
/** Vertices around the limb (about 3 mm apart on the posterolateral skin). */
const AROUND = 104;
/** Beyond the modelled region the knee's outline relaxes to the plain limb outline over this distance. */
const RELAX_MM = 50;
/**
 * The drawn skin stands this far proud of the skin field: structures that reach the skin (the
 * biceps tendon, peroneus longus, the genicular artery) come within a millimetre of it or
 * through it, and their generated meshes would show through. The probe stays where it truly is,
 * so it looks pressed a little into the skin.
 */
const SKIN_PROUD_MM = 2;
/** Within this many mm outside the modelled region (across the limb) the tube still follows the knee's skin. */
const BLEND_MM = 10;

/**
 * The limb's skin: one tube from the thigh to the leg. Over the knee it follows the current
 * case's skin field (the surface the probe sits on), ray by ray from the limb's axis; beyond the
 * modelled region it relaxes to the limb outline, widening to the thigh and narrowing to the calf.
 * The probe slides over it, and it turns see-through with the skin & fat setting.
 */
export function LimbSkin({ surface }: { surface: SurfaceHandlers }) {
  const anatomy = useSimStore((s) => s.anatomy);
  const skinOpacity = useSimStore((s) => s.skinOpacity);
  // About 30 ms once per case: ~5k skin-field lookups along rays from the limb's axis.
  const geometry = useMemo(() => limbTube(anatomy), [anatomy]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  useEffect(() => applySkinOpacity(skinOpacity), [skinOpacity]);
  // Drawn after the opaque anatomy (translucent) and before the imaging plane.
  return <mesh geometry={geometry} material={skinMaterial} renderOrder={1} userData={{ probeSurface: true }} {...surface} />;
}

const smoothstep = (a: number, b: number, x: number) => {
  const t = Math.min(1, Math.max(0, (x - a) / (b - a)));
  return t * t * (3 - 2 * t);
};

/** The outline's scale along the limb: a fuller thigh proximally, a slimmer calf distally. */
function taper(y: number): number {
  const { min, max } = modelRegion;
  return 1 + 0.1 * smoothstep(max.y, max.y + THIGH_MM, y) - 0.08 * smoothstep(min.y, min.y - LEG_MM, y);
}

/** How far (x, z) lies outside the modelled region's cross-section, 0 inside. */
function outsideSectionMm(x: number, z: number): number {
  const { min, max } = modelRegion;
  return Math.hypot(Math.max(min.x - x, 0, x - max.x), Math.max(min.z - z, 0, z - max.z));
}

function ringLevels(): number[] {
  const { min, max } = modelRegion;
  const levels: number[] = [];
  for (let y = min.y - LEG_MM; y < min.y; y += 10) levels.push(y);
  for (let y = min.y; y < max.y; y += 4) levels.push(y);
  for (let y = max.y; y < max.y + THIGH_MM; y += 10) levels.push(y);
  levels.push(max.y + THIGH_MM);
  return levels;
}

/**
 * Where the skin last crosses the ray from the outline's centre at angle a, as a multiple of the
 * outline (1 = on it). Marched in from outside: the skin is not star-shaped everywhere (beside
 * the peroneus longus a ray leaves the limb and enters it again), and the outermost crossing is
 * the one that covers everything beneath.
 */
function skinScale(anatomy: KneeAnatomy, a: number, y: number): number {
  const { centreX, centreZ, radiusX, radiusZ } = limbOutline;
  const p = { x: 0, y, z: 0 };
  const at = (s: number) => {
    p.x = centreX + Math.cos(a) * radiusX * s;
    p.z = centreZ + Math.sin(a) * radiusZ * s;
    return anatomy.skin.distance(p);
  };
  const step = 0.02;
  let hi = 1.45;
  let dHi = at(hi);
  if (dHi <= 0) return hi;
  let lo = hi;
  let dLo = dHi;
  while (lo > 0.85) {
    lo = hi - step;
    dLo = at(lo);
    if (dLo < 0) break;
    hi = lo;
    dHi = dLo;
  }
  if (dLo >= 0) return lo;
  for (let i = 0; i < 6; i++) {
    const mid = (lo + hi) / 2;
    const d = at(mid);
    if (d < 0) {
      lo = mid;
      dLo = d;
    } else {
      hi = mid;
      dHi = d;
    }
  }
  return lo + ((hi - lo) * -dLo) / (dHi - dLo);
}

/**
 * The outline's scale at each vertex angle for one level inside the modelled region. Each vertex
 * takes the highest skin found at its own angle and half a step either side, so the straight
 * edges between vertices do not cut into the flank of a bulge (the peroneus longus, the tendon).
 */
function ringScales(anatomy: KneeAnatomy | null, y: number): Float32Array {
  const { centreX, centreZ, radiusX, radiusZ } = limbOutline;
  const scales = new Float32Array(AROUND).fill(1);
  if (!anatomy) return scales;
  const fine = new Float32Array(2 * AROUND).fill(1);
  for (let i = 0; i < 2 * AROUND; i++) {
    const a = (i / (2 * AROUND)) * Math.PI * 2;
    const reach = outsideSectionMm(centreX + Math.cos(a) * radiusX, centreZ + Math.sin(a) * radiusZ);
    if (reach >= BLEND_MM) continue;
    const w = 1 - smoothstep(0, BLEND_MM, reach);
    fine[i] = 1 + (skinScale(anatomy, a, y) - 1) * w;
  }
  for (let i = 0; i < AROUND; i++) scales[i] = Math.max(fine[(2 * i + 2 * AROUND - 1) % (2 * AROUND)], fine[2 * i], fine[2 * i + 1]);
  return scales;
}

/** Each ring's scales raised to its neighbours' (along the limb), for the same reason. */
function dilateAlong(rings: Float32Array[]): Float32Array[] {
  return rings.map((ring, j) => ring.map((s, i) => Math.max(s, rings[j - 1]?.[i] ?? s, rings[j + 1]?.[i] ?? s)));
}

function limbTube(anatomy: KneeAnatomy | null): THREE.BufferGeometry {
  const { centreX, centreZ, radiusX, radiusZ } = limbOutline;
  const { min, max } = modelRegion;
  const levels = ringLevels();
  const inside = levels.filter((y) => y >= min.y && y <= max.y);
  const insideScales = dilateAlong(inside.map((y) => ringScales(anatomy, y)));
  const distalEdge = insideScales[0];
  const proximalEdge = insideScales[insideScales.length - 1];
  const positions: number[] = [];
  for (const y of levels) {
    let scales: Float32Array;
    if (y < min.y || y > max.y) {
      // Beyond the model: the edge's outline, relaxing to the plain outline.
      const edge = y < min.y ? distalEdge : proximalEdge;
      const keep = 1 - smoothstep(0, RELAX_MM, y < min.y ? min.y - y : y - max.y);
      scales = edge.map((s) => 1 + (s - 1) * keep);
    } else {
      scales = insideScales[inside.indexOf(y)];
    }
    const k = taper(y);
    for (let i = 0; i < AROUND; i++) {
      const a = (i / AROUND) * Math.PI * 2;
      const dx = Math.cos(a) * radiusX;
      const dz = Math.sin(a) * radiusZ;
      const s = scales[i] * k + SKIN_PROUD_MM / Math.hypot(dx, dz);
      positions.push(centreX + dx * s, y, centreZ + dz * s);
    }
  }
  const indices: number[] = [];
  for (let j = 0; j + 1 < levels.length; j++) {
    for (let i = 0; i < AROUND; i++) {
      const a = j * AROUND + i;
      const b = j * AROUND + ((i + 1) % AROUND);
      const c = a + AROUND;
      const d = b + AROUND;
      // Outward-facing: the ring runs from +X towards +Z, the levels towards +Y.
      indices.push(a, c, b, b, c, d);
    }
  }
  // Flat caps where the thigh and the leg are cut off.
  for (const [ring, outward] of [
    [0, -1],
    [levels.length - 1, 1],
  ] as const) {
    const centre = positions.length / 3;
    positions.push(centreX, levels[ring], centreZ);
    const capStart = centre + 1;
    for (let i = 0; i < AROUND; i++) {
      const v = (ring * AROUND + i) * 3;
      positions.push(positions[v], positions[v + 1], positions[v + 2]);
    }
    for (let i = 0; i < AROUND; i++) {
      const p = capStart + i;
      const q = capStart + ((i + 1) % AROUND);
      if (outward > 0) indices.push(centre, q, p);
      else indices.push(centre, p, q);
    }
  }
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.Float32BufferAttribute(positions, 3));
  geometry.setIndex(indices);
  geometry.computeVertexNormals();
  return geometry;
}
