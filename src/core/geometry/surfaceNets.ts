import type { Vec3 } from '../math/vec3';

/** A scalar field sampled on a regular grid: value(ix, iy, iz) = values[ix + nx * (iy + ny * iz)]. */
export interface SampledField {
  origin: Vec3;
  spacingMm: number;
  nx: number;
  ny: number;
  nz: number;
  values: Float32Array;
}

export interface TriangleMesh {
  positions: Float32Array;
  normals: Float32Array;
  indices: Uint32Array;
}

export function sampleField(field: (p: Vec3) => number, min: Vec3, max: Vec3, spacingMm: number): SampledField {
  const nx = Math.max(2, Math.ceil((max.x - min.x) / spacingMm) + 1);
  const ny = Math.max(2, Math.ceil((max.y - min.y) / spacingMm) + 1);
  const nz = Math.max(2, Math.ceil((max.z - min.z) / spacingMm) + 1);
  const values = new Float32Array(nx * ny * nz);
  const p = { x: 0, y: 0, z: 0 };
  for (let k = 0; k < nz; k++) {
    p.z = min.z + k * spacingMm;
    for (let j = 0; j < ny; j++) {
      p.y = min.y + j * spacingMm;
      for (let i = 0; i < nx; i++) {
        p.x = min.x + i * spacingMm;
        values[i + nx * (j + ny * k)] = field(p);
      }
    }
  }
  return { origin: { ...min }, spacingMm, nx, ny, nz, values };
}

/** The cube's 12 edges as corner pairs (corner c at offset (c & 1, c >> 1 & 1, c >> 2 & 1)), flat. */
const CUBE_EDGES = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 0, 2, 1, 3, 4, 6, 5, 7, 0, 4, 1, 5, 2, 6, 3, 7]);

/**
 * Naive Surface Nets: one vertex per grid cell that the zero surface crosses (the mean of the
 * crossings on its edges), one quad per crossed grid edge. Smoother than marching cubes for
 * anatomy and always closed where the field is; triangles face the positive (outside) side.
 */
export function surfaceNets(f: SampledField): TriangleMesh {
  const { nx, ny, nz, values, origin, spacingMm: h } = f;
  const cellIndex = new Int32Array((nx - 1) * (ny - 1) * (nz - 1)).fill(-1);
  const positions: number[] = [];
  const corner = new Float64Array(8);
  const sy0 = nx;
  const sz0 = nx * ny;
  for (let k = 0; k < nz - 1; k++) {
    for (let j = 0; j < ny - 1; j++) {
      for (let i = 0; i < nx - 1; i++) {
        const a = i + nx * (j + ny * k);
        let inside = 0;
        for (let c = 0; c < 8; c++) {
          const v = values[a + (c & 1) + ((c >> 1) & 1) * sy0 + ((c >> 2) & 1) * sz0];
          corner[c] = v;
          if (v < 0) inside++;
        }
        if (inside === 0 || inside === 8) continue;
        let sx = 0;
        let sy = 0;
        let sz = 0;
        let n = 0;
        for (let e = 0; e < 24; e += 2) {
          const ca = CUBE_EDGES[e];
          const cb = CUBE_EDGES[e + 1];
          const va = corner[ca];
          const vb = corner[cb];
          if (va < 0 === vb < 0) continue;
          const t = va / (va - vb);
          sx += (ca & 1) + ((cb & 1) - (ca & 1)) * t;
          sy += ((ca >> 1) & 1) + (((cb >> 1) & 1) - ((ca >> 1) & 1)) * t;
          sz += ((ca >> 2) & 1) + (((cb >> 2) & 1) - ((ca >> 2) & 1)) * t;
          n++;
        }
        cellIndex[i + (nx - 1) * (j + (ny - 1) * k)] = positions.length / 3;
        positions.push(origin.x + (i + sx / n) * h, origin.y + (j + sy / n) * h, origin.z + (k + sz / n) * h);
      }
    }
  }
  const at = (i: number, j: number, k: number) => values[i + nx * (j + ny * k)];
  const indices: number[] = [];
  const cell = (i: number, j: number, k: number) => cellIndex[i + (nx - 1) * (j + (ny - 1) * k)];
  const quad = (a: number, b: number, c: number, d: number, flip: boolean) => {
    if (flip) indices.push(a, c, b, a, d, c);
    else indices.push(a, b, c, a, c, d);
  };
  for (let k = 1; k < nz - 1; k++) {
    for (let j = 1; j < ny - 1; j++) {
      for (let i = 1; i < nx - 1; i++) {
        const v0 = at(i, j, k);
        // Edge along +x from (i,j,k): shared by cells (i, j-1..j, k-1..k).
        if (i < nx - 1 && v0 < 0 !== at(i + 1, j, k) < 0) quad(cell(i, j - 1, k - 1), cell(i, j, k - 1), cell(i, j, k), cell(i, j - 1, k), v0 >= 0);
        if (j < ny - 1 && v0 < 0 !== at(i, j + 1, k) < 0) quad(cell(i - 1, j, k - 1), cell(i - 1, j, k), cell(i, j, k), cell(i, j, k - 1), v0 >= 0);
        if (k < nz - 1 && v0 < 0 !== at(i, j, k + 1) < 0) quad(cell(i - 1, j - 1, k), cell(i, j - 1, k), cell(i, j, k), cell(i - 1, j, k), v0 >= 0);
      }
    }
  }
  const pos = new Float32Array(positions);
  return { positions: pos, normals: fieldNormals(f, pos), indices: new Uint32Array(indices) };
}

/** Outward normals from the field's gradient (trilinear central differences). */
function fieldNormals(f: SampledField, positions: Float32Array): Float32Array {
  const normals = new Float32Array(positions.length);
  const d = f.spacingMm * 0.5;
  for (let v = 0; v < positions.length; v += 3) {
    const x = positions[v];
    const y = positions[v + 1];
    const z = positions[v + 2];
    const gx = trilinear(f, x + d, y, z) - trilinear(f, x - d, y, z);
    const gy = trilinear(f, x, y + d, z) - trilinear(f, x, y - d, z);
    const gz = trilinear(f, x, y, z + d) - trilinear(f, x, y, z - d);
    const l = Math.hypot(gx, gy, gz) || 1;
    normals[v] = gx / l;
    normals[v + 1] = gy / l;
    normals[v + 2] = gz / l;
  }
  return normals;
}

function trilinear(f: SampledField, x: number, y: number, z: number): number {
  const fx = Math.min(f.nx - 1.0001, Math.max(0, (x - f.origin.x) / f.spacingMm));
  const fy = Math.min(f.ny - 1.0001, Math.max(0, (y - f.origin.y) / f.spacingMm));
  const fz = Math.min(f.nz - 1.0001, Math.max(0, (z - f.origin.z) / f.spacingMm));
  return interpolateGrid(f.values, f.nx, f.ny, fx, fy, fz);
}

/** Trilinear interpolation at grid coordinates (fx, fy, fz) inside the grid (callers clamp). */
export function interpolateGrid(g: Float32Array, nx: number, ny: number, fx: number, fy: number, fz: number): number {
  const i = Math.floor(fx);
  const j = Math.floor(fy);
  const k = Math.floor(fz);
  const tx = fx - i;
  const ty = fy - j;
  const tz = fz - k;
  const a = i + nx * (j + ny * k);
  const sy = nx;
  const sz = nx * ny;
  const c00 = g[a] + (g[a + 1] - g[a]) * tx;
  const c10 = g[a + sy] + (g[a + sy + 1] - g[a + sy]) * tx;
  const c01 = g[a + sz] + (g[a + sz + 1] - g[a + sz]) * tx;
  const c11 = g[a + sz + sy] + (g[a + sz + sy + 1] - g[a + sz + sy]) * tx;
  const c0 = c00 + (c10 - c00) * ty;
  const c1 = c01 + (c11 - c01) * ty;
  return c0 + (c1 - c0) * tz;
}
