import { describe, expect, it } from 'vitest';
import { sampleField, surfaceNets } from './surfaceNets';

describe('surface nets', () => {
  const radius = 5;
  const field = sampleField((p) => Math.hypot(p.x, p.y, p.z) - radius, { x: -7, y: -7, z: -7 }, { x: 7, y: 7, z: 7 }, 0.5);
  const mesh = surfaceNets(field);

  it('puts vertices on the sphere, within half a cell', () => {
    expect(mesh.positions.length).toBeGreaterThan(300);
    for (let v = 0; v < mesh.positions.length; v += 3) {
      const r = Math.hypot(mesh.positions[v], mesh.positions[v + 1], mesh.positions[v + 2]);
      expect(Math.abs(r - radius)).toBeLessThan(0.25);
    }
  });

  it('is closed: every edge is shared by exactly two triangles', () => {
    const edges = new Map<string, number>();
    for (let t = 0; t < mesh.indices.length; t += 3) {
      for (let e = 0; e < 3; e++) {
        const a = mesh.indices[t + e];
        const b = mesh.indices[t + ((e + 1) % 3)];
        const key = a < b ? `${a}-${b}` : `${b}-${a}`;
        edges.set(key, (edges.get(key) ?? 0) + 1);
      }
    }
    expect([...edges.values()].every((n) => n === 2)).toBe(true);
  });

  it('winds triangles to face outward, with outward normals', () => {
    let outward = 0;
    const p = mesh.positions;
    for (let t = 0; t < mesh.indices.length; t += 3) {
      const [a, b, c] = [mesh.indices[t] * 3, mesh.indices[t + 1] * 3, mesh.indices[t + 2] * 3];
      const e1 = [p[b] - p[a], p[b + 1] - p[a + 1], p[b + 2] - p[a + 2]];
      const e2 = [p[c] - p[a], p[c + 1] - p[a + 1], p[c + 2] - p[a + 2]];
      const n = [e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2], e1[0] * e2[1] - e1[1] * e2[0]];
      if (n[0] * p[a] + n[1] * p[a + 1] + n[2] * p[a + 2] > 0) outward++;
    }
    expect(outward).toBe(mesh.indices.length / 3);
    for (let v = 0; v < mesh.normals.length; v += 3) {
      const dotted = mesh.normals[v] * p[v] + mesh.normals[v + 1] * p[v + 1] + mesh.normals[v + 2] * p[v + 2];
      expect(dotted).toBeGreaterThan(0);
    }
  });
});
