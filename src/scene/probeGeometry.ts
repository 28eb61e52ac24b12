import * as THREE from 'three';

/** One cross-section of the transducer body: a rounded rectangle at height z (all mm). */
export interface BodySection {
  z: number;
  /** Along the array (local X). */
  width: number;
  /** Across the array (local Y). */
  thickness: number;
  radius: number;
}

const CORNER_STEPS = 5;

function outline(section: BodySection): [number, number][] {
  const hw = section.width / 2;
  const ht = section.thickness / 2;
  const r = Math.min(section.radius, hw, ht);
  const corners: [number, number, number][] = [
    [hw - r, ht - r, 0],
    [-(hw - r), ht - r, Math.PI / 2],
    [-(hw - r), -(ht - r), Math.PI],
    [hw - r, -(ht - r), (3 * Math.PI) / 2],
  ];
  const points: [number, number][] = [];
  for (const [cx, cy, start] of corners) {
    for (let k = 0; k <= CORNER_STEPS; k++) {
      const a = start + (k / CORNER_STEPS) * (Math.PI / 2);
      points.push([cx + Math.cos(a) * r, cy + Math.sin(a) * r]);
    }
  }
  return points;
}

/**
 * A smooth body lofted through rounded-rectangle sections, closed at both ends: the linear
 * transducer's head, shoulders and grip in one piece.
 */
export function loftedBody(sections: readonly BodySection[]): THREE.BufferGeometry {
  const rings = sections.map(outline);
  const n = rings[0].length;
  const positions: number[] = [];
  const indices: number[] = [];
  rings.forEach((ring, j) => {
    for (const [x, y] of ring) positions.push(x, y, sections[j].z);
  });
  for (let j = 0; j + 1 < rings.length; j++) {
    for (let i = 0; i < n; i++) {
      const a = j * n + i;
      const b = j * n + ((i + 1) % n);
      const c = a + n;
      const d = b + n;
      indices.push(a, b, c, b, d, c);
    }
  }
  const side = new THREE.BufferGeometry();
  side.setAttribute('position', new THREE.Float32BufferAttribute(positions, 3));
  side.setIndex(indices);
  side.computeVertexNormals();

  const caps = [0, rings.length - 1].map((j) => {
    const shape = new THREE.Shape(rings[j].map(([x, y]) => new THREE.Vector2(x, y)));
    const cap = new THREE.ShapeGeometry(shape);
    if (j === 0) cap.rotateX(Math.PI); // face down
    cap.translate(0, 0, sections[j].z);
    return cap;
  });
  const merged = mergeSimple([side, ...caps]);
  side.dispose();
  caps.forEach((c) => c.dispose());
  return merged;
}

/** Concatenates indexed geometries with position and normal attributes only. */
function mergeSimple(parts: THREE.BufferGeometry[]): THREE.BufferGeometry {
  const positions: number[] = [];
  const normals: number[] = [];
  const indices: number[] = [];
  for (const part of parts) {
    const base = positions.length / 3;
    const pos = part.getAttribute('position');
    const nor = part.getAttribute('normal');
    for (let i = 0; i < pos.count; i++) {
      positions.push(pos.getX(i), pos.getY(i), pos.getZ(i));
      normals.push(nor.getX(i), nor.getY(i), nor.getZ(i));
    }
    const index = part.getIndex();
    if (index) for (let i = 0; i < index.count; i++) indices.push(base + index.getX(i));
    else for (let i = 0; i < pos.count; i++) indices.push(base + i);
  }
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.Float32BufferAttribute(positions, 3));
  geometry.setAttribute('normal', new THREE.Float32BufferAttribute(normals, 3));
  geometry.setIndex(indices);
  return geometry;
}
