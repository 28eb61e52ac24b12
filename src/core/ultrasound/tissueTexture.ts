import { Label, labelCount } from '../anatomy/tissues';
import { TEXTURE_CODE } from './tissueAcoustics';

/**
 * The structure inside a tissue that a sonographer reads, as a gain on its scatterers at a
 * limb-frame point. Everything is fixed in tissue coordinates (so it slides with the anatomy
 * and changes as the slice leaves it) and costs one hash at most: the echo loop calls it for
 * every sample.
 *
 * - Fat: lobules 2–5 mm across, walled by thin bright septa that run roughly parallel to the
 *   skin, with oblique septa between neighbours.
 * - Muscle: fascicles ~0.5 mm across wrapped in bright perimysium, strung along each muscle's
 *   fibres: bright dots in short axis ("starry sky"), oblique lines in long axis (pennation).
 * - Tendon: fibril bundles ~0.2 mm across along the tendon's own fibres: fine parallel lines in
 *   long axis, dots in short axis.
 */

/** Muscle fibre directions in the limb frame (+Y proximal, +Z posterior), with their pennation. */
const FIBRE_BY_LABEL: [number, { x: number; y: number; z: number }][] = [
  // Lateral gastrocnemius: fibres from the deep aponeurosis run distally toward the skin, ~18°.
  [Label.gastrocnemiusLateral, tilted(0, 18)],
  [Label.bicepsFemorisMuscle, tilted(6, -10)],
  [Label.soleus, tilted(0, -24)],
  [Label.peroneusLongus, tilted(12, 0)],
  [Label.deepMuscle, tilted(0, 8)],
];

/** A fibre along the limb turned `lateralDeg` toward +X and `posteriorDeg` toward +Z. */
function tilted(lateralDeg: number, posteriorDeg: number): { x: number; y: number; z: number } {
  const a = (lateralDeg * Math.PI) / 180;
  const b = (posteriorDeg * Math.PI) / 180;
  const x = Math.sin(a) * Math.cos(b);
  const y = Math.cos(a) * Math.cos(b);
  const z = Math.sin(b);
  const n = Math.hypot(x, y, z);
  return { x: x / n, y: y / n, z: z / n };
}

/** Per label: fibre direction and two axes across it (9 numbers), for the muscles. */
const MUSCLE_AXES = new Float32Array(labelCount * 9);
for (const [label, f] of FIBRE_BY_LABEL) setAxes(MUSCLE_AXES, label * 9, f);

/**
 * A muscle's fibre direction then two unit axes across it (9 numbers, a view into the table: read
 * only), or null for a label that is not a muscle: injectate dissects along the fibres (fluid/muscleSpread.ts).
 */
export function muscleFibreAxes(label: number): Float32Array | null {
  if (label < 0 || label >= labelCount || MUSCLE_AXES[label * 9] === 0 && MUSCLE_AXES[label * 9 + 1] === 0 && MUSCLE_AXES[label * 9 + 2] === 0) return null;
  return MUSCLE_AXES.subarray(label * 9, label * 9 + 9);
}

/** Writes the fibre f and two unit axes across it at `at`. */
export function setAxes(out: Float32Array | Float64Array, at: number, f: { x: number; y: number; z: number }): void {
  // Across axis 1: perpendicular to the fibre and to X (or Z when the fibre runs along X).
  const rx = Math.abs(f.x) < 0.9 ? 1 : 0;
  const rz = 1 - rx;
  let ux = f.y * rz - f.z * 0;
  let uy = f.z * rx - f.x * rz;
  let uz = f.x * 0 - f.y * rx;
  const n = Math.hypot(ux, uy, uz);
  ux /= n;
  uy /= n;
  uz /= n;
  out[at] = f.x;
  out[at + 1] = f.y;
  out[at + 2] = f.z;
  out[at + 3] = ux;
  out[at + 4] = uy;
  out[at + 5] = uz;
  out[at + 6] = f.y * uz - f.z * uy;
  out[at + 7] = f.z * ux - f.x * uz;
  out[at + 8] = f.x * uy - f.y * ux;
}

/** Perimysium: fascicle cells this wide across the fibres and this long along them. */
const MUSCLE_CELL_ACROSS_MM = 0.55;
const MUSCLE_CELL_ALONG_MM = 7;
const PERIMYSIUM_SHARE = 0.1;
const PERIMYSIUM_GAIN = 2.5;
/** Reciprocals of the cell sizes: the JIT divides by a constant (a slow instruction) unless it is a power of two. */
const PER_ALONG = 1 / MUSCLE_CELL_ALONG_MM;
const PER_ACROSS = 1 / MUSCLE_CELL_ACROSS_MM;
/** Fat: lobule layers this thick under the skin, lobules this wide, septa this thick. */
const FAT_LAYER_MM = 2.6;
const FAT_LOBULE_WIDTH_MM = 4.2;
const FAT_SEPTUM_MM = 0.16;
const FAT_SEPTUM_GAIN = 3.0;
const PER_LAYER = 1 / FAT_LAYER_MM;
const PER_LOBULE = 1 / FAT_LOBULE_WIDTH_MM;
/** Subcutaneous fat ends about here under the skin at the knee (deeper fat fills the fossa). */
const SUBCUTANEOUS_MM = 8;
/** Tendon fibril bundles: this wide across, this long along. */
const FIBRIL_ACROSS_MM = 0.22;
const FIBRIL_ALONG_MM = 5;
const PER_FIBRIL_ACROSS = 1 / FIBRIL_ACROSS_MM;
const PER_FIBRIL_ALONG = 1 / FIBRIL_ALONG_MM;
/** Lattice coordinates are shifted positive before truncating (the limb frame spans ±200 mm at most). */
const SHIFT = 4096;

const LOBULAR = TEXTURE_CODE.lobular;
const PERIMYSIAL = TEXTURE_CODE.perimysial;
const FIBRILLAR = TEXTURE_CODE.fibrillar;

/** A sine good to ~0.1 %: the undulation of fat septa needs the shape, not the digits, and runs per sample. */
function roughSine(angle: number): number {
  // Reduce to [−π, π), then Bhaskara-style parabola with one refinement.
  const turns = angle * (1 / (2 * Math.PI)) + 0.5;
  const x = (turns - Math.floor(turns)) * (2 * Math.PI) - Math.PI;
  const y = (4 / Math.PI) * x - (4 / (Math.PI * Math.PI)) * x * (x < 0 ? -x : x);
  return 0.225 * (y * (y < 0 ? -y : y) - y) + y;
}

function cellHash(a: number, b: number, c: number, salt: number): number {
  let h = Math.imul(a, 0x27d4eb2d) ^ Math.imul(b, 0x165667b1) ^ Math.imul(c, 0x9e3779b1) ^ Math.imul(salt + 7, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}

/**
 * The gain on a tissue's scatterers at `at`: its limb-frame x, y, z then depthMm, the depth
 * under the skin along the beam (fat septa follow the skin). `fibre` holds the tendon's fibre
 * axes where the beam meets it (from setAxes), or is null. The point comes in an array, not as
 * four numbers: the echo loop calls this ~50 000 times a frame, and numbers passed to a call the
 * compiler does not inline are boxed (garbage).
 */
export function textureGain(texture: number, label: number, at: Float64Array, fibre: Float64Array | null): number {
  const x = at[0];
  const y = at[1];
  const z = at[2];
  const depthMm = at[3];
  if (texture === PERIMYSIAL) {
    const k = label * 9;
    const m = MUSCLE_AXES;
    const along = (x * m[k] + y * m[k + 1] + z * m[k + 2]) * PER_ALONG;
    const a = (x * m[k + 3] + y * m[k + 4] + z * m[k + 5]) * PER_ACROSS + SHIFT;
    const ia = a | 0;
    // Rows of cells offset by half a cell, and cells along the fibre staggered: no visible grid.
    const ib = ((x * m[k + 6] + y * m[k + 7] + z * m[k + 8]) * PER_ACROSS + 0.5 * (ia & 1) + SHIFT) | 0;
    const stagger = (cellHash(ia, ib, 0, label) & 0xff) * (1 / 256);
    const il = (along + stagger + SHIFT) | 0;
    return (cellHash(ia, ib, il, label) & 0xff) < PERIMYSIUM_SHARE * 256 ? PERIMYSIUM_GAIN : 1;
  }
  if (texture === LOBULAR) {
    // Septa follow the skin, undulating; each layer of lobules is cut into lobules of its own
    // widths by walls that lean, and only some walls are there: no grid to be seen.
    const undulation = 0.9 * roughSine(0.55 * x + 0.3 * y + 1.3) * roughSine(0.45 * y - 0.2 * x + 0.4);
    const layerPos = (depthMm + undulation) * PER_LAYER + SHIFT;
    const layer = layerPos | 0;
    const inLayer = (layerPos - layer) * FAT_LAYER_MM;
    // Deeper than the subcutaneous layer (fossa fat round the nerve), lobules are larger and walls fewer.
    const deep = depthMm > SUBCUTANEOUS_MM;
    if (inLayer < FAT_SEPTUM_MM) return deep && (cellHash(layer, 3, 0, 97) & 1) === 0 ? 1 : FAT_SEPTUM_GAIN;
    const layerHash = cellHash(layer, 0, 0, 99);
    const lean = ((layerHash >>> 8) & 0xff) * (1 / 255) - 0.5;
    const u = (x + lean * inLayer) * PER_LOBULE + (layerHash & 0xff) * (1 / 97) + SHIFT;
    const v = (y - lean * inLayer) * PER_LOBULE + ((layerHash >>> 16) & 0xff) * (1 / 97) + SHIFT;
    const iu = u | 0;
    const iv = v | 0;
    const du = (u - iu) * FAT_LOBULE_WIDTH_MM;
    const dv = (v - iv) * FAT_LOBULE_WIDTH_MM;
    const wallKept = deep ? 0 : 1;
    if (du < FAT_SEPTUM_MM * 1.4 && (cellHash(iu, layer, 1, 98) & 3) <= wallKept) return FAT_SEPTUM_GAIN * 0.7;
    if (dv < FAT_SEPTUM_MM * 1.4 && (cellHash(iv, layer, 2, 98) & 3) <= wallKept) return FAT_SEPTUM_GAIN * 0.7;
    return 1;
  }
  if (texture === FIBRILLAR && fibre !== null) {
    const a = ((x * fibre[3] + y * fibre[4] + z * fibre[5]) * PER_FIBRIL_ACROSS + SHIFT) | 0;
    const b = ((x * fibre[6] + y * fibre[7] + z * fibre[8]) * PER_FIBRIL_ACROSS + SHIFT) | 0;
    const along = (x * fibre[0] + y * fibre[1] + z * fibre[2]) * PER_FIBRIL_ALONG + (cellHash(a, b, 1, label) & 0xff) * (1 / 256) + SHIFT;
    return 0.45 + 1.1 * ((cellHash(a, b, along | 0, label) & 0xff) * (1 / 255));
  }
  return 1;
}
