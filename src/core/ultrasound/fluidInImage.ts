import { FULL } from '../fluid/fluidField';

/**
 * Whether the beam meets injectate at a point given in voxel coordinates (centres at whole
 * numbers): the trilinear fill crosses one half there. Reading the field between voxel centres
 * puts the fluid's edge where the fill says, to a fraction of a voxel, instead of on the voxel
 * grid's staircase.
 */
export function fluidMeetsBeam(fill: Uint8Array, nx: number, ny: number, nz: number, vx: number, vy: number, vz: number): boolean {
  const x0 = Math.floor(vx);
  const y0 = Math.floor(vy);
  const z0 = Math.floor(vz);
  if (x0 < 0 || y0 < 0 || z0 < 0 || x0 >= nx - 1 || y0 >= ny - 1 || z0 >= nz - 1) return false;
  const nxy = nx * ny;
  const i = x0 + nx * y0 + nxy * z0;
  const a = fill[i];
  const b = fill[i + 1];
  const c = fill[i + nx];
  const d = fill[i + nx + 1];
  const e = fill[i + nxy];
  const f = fill[i + nxy + 1];
  const g = fill[i + nxy + nx];
  const h = fill[i + nxy + nx + 1];
  // Most of the image is far from any fluid: one test settles it.
  if ((a | b | c | d | e | f | g | h) === 0) return false;
  if ((a & b & c & d & e & f & g & h) === FULL) return true;
  const tx = vx - x0;
  const ty = vy - y0;
  const tz = vz - z0;
  const near = (a + (b - a) * tx) * (1 - ty) + (c + (d - c) * tx) * ty;
  const far = (e + (f - e) * tx) * (1 - ty) + (g + (h - g) * tx) * ty;
  return near + (far - near) * tz >= FULL / 2;
}
