import type { LabelVolume, SurroundingsVolume } from '../core/anatomy/voxelise';
import { SURROUNDINGS_BRICK } from '../core/anatomy/voxelise';
import { Label } from '../core/anatomy/tissues';

/**
 * A label volume as stored in the volume cache: its labels run-length coded (a knee's 36 M fine
 * voxels are ~0.6 M runs along x, so a case is ~3 MiB instead of ~40 MiB) and a checksum of the
 * decoded bytes. Decoding checks everything it reads and answers null for anything that does not
 * hold together, so a damaged or foreign record is rebuilt, never shown.
 */
export interface StoredVolume {
  format: typeof VOLUME_FORMAT;
  origin: [number, number, number];
  spacingMm: number;
  dims: [number, number, number];
  /** The fine labels, then (with surroundings) the surroundings' mixed bricks, as runs. */
  runLabels: Uint8Array;
  runLengths: Uint32Array;
  surroundings: StoredSurroundings | null;
  /** checksumOf the decoded fine labels, then of the bricks, then of the brick table. */
  checksum: number;
}

export interface StoredSurroundings {
  origin: [number, number, number];
  spacingMm: number;
  dims: [number, number, number];
  table: Int32Array;
  brickBytes: number;
}

/** Bumped whenever StoredVolume's layout changes. */
export const VOLUME_FORMAT = 1;
const LABEL_COUNT = Math.max(...Object.values(Label)) + 1;
const BRICK_VOXELS = SURROUNDINGS_BRICK ** 3;
/** Refuses dimensions no knee has (a damaged record must not make the decoder allocate gigabytes). */
const MAX_VOXELS = 2 ** 28;

/**
 * A 32-bit checksum (FNV-1a over 32-bit words, then the tail bytes), seeded with a running value
 * so several arrays chain into one. Not cryptographic: it finds damaged storage, not forgeries.
 */
export function checksumOf(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  const words = bytes.byteOffset % 4 === 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2) : null;
  let i = 0;
  if (words) {
    for (let w = 0; w < words.length; w++) h = Math.imul(h ^ words[w], 0x01000193);
    i = words.length * 4;
  }
  for (; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

const checksumVolume = (labels: Uint8Array, bricks: Uint8Array | null, table: Int32Array | null): number => {
  let h = checksumOf(labels);
  if (bricks) h = checksumOf(bricks, h);
  if (table) h = checksumOf(new Uint8Array(table.buffer, table.byteOffset, table.byteLength), h);
  return h;
};

/** Runs of equal bytes across all the given arrays, in order. */
function encodeRuns(parts: readonly Uint8Array[]): { runLabels: Uint8Array; runLengths: Uint32Array } {
  let runLabels = new Uint8Array(1 << 16);
  let runLengths = new Uint32Array(1 << 16);
  let r = -1;
  let last = -1;
  let start = 0;
  let offset = 0;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      const label = part[i];
      if (label === last) continue;
      if (r >= 0) runLengths[r] = offset + i - start;
      if (++r === runLabels.length) {
        runLabels = grow(runLabels, new Uint8Array(2 * r));
        runLengths = grow(runLengths, new Uint32Array(2 * r));
      }
      runLabels[r] = last = label;
      start = offset + i;
    }
    offset += part.length;
  }
  if (r >= 0) runLengths[r] = offset - start;
  return { runLabels: runLabels.slice(0, r + 1), runLengths: runLengths.slice(0, r + 1) };
}

function grow<T extends Uint8Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

const triple = (v: { x: number; y: number; z: number }): [number, number, number] => [v.x, v.y, v.z];

export function encodeVolume(volume: LabelVolume): StoredVolume {
  const s = volume.surroundings;
  if (s?.pending) throw new Error('A volume whose surroundings are still being built cannot be stored (completeSurroundings first).');
  if (volume.fineGridPending) throw new Error('A volume whose fine grid is still being filled cannot be stored (completeFineGrid first).');
  const { runLabels, runLengths } = encodeRuns(s ? [volume.labels, s.bricks] : [volume.labels]);
  return {
    format: VOLUME_FORMAT,
    origin: triple(volume.origin),
    spacingMm: volume.spacingMm,
    dims: [volume.nx, volume.ny, volume.nz],
    runLabels,
    runLengths,
    surroundings: s ? { origin: triple(s.origin), spacingMm: s.spacingMm, dims: [s.nx, s.ny, s.nz], table: s.table.slice(), brickBytes: s.bricks.length } : null,
    checksum: checksumVolume(volume.labels, s?.bricks ?? null, s?.table ?? null),
  };
}

const isFiniteTriple = (v: unknown): v is [number, number, number] => Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'number' && Number.isFinite(x));
const isDims = (v: unknown): v is [number, number, number] => isFiniteTriple(v) && v.every((n) => Number.isInteger(n) && n >= 1) && v[0] * v[1] * v[2] <= MAX_VOXELS;
const isSpacing = (v: unknown): v is number => typeof v === 'number' && v > 0 && v <= 4;
const vec = ([x, y, z]: [number, number, number]) => ({ x, y, z });

/** The volume a stored record holds, or null when the record is not a whole, undamaged one. */
export function decodeVolume(stored: unknown): LabelVolume | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const r = stored as Partial<StoredVolume>;
  if (r.format !== VOLUME_FORMAT || !isFiniteTriple(r.origin) || !isSpacing(r.spacingMm) || !isDims(r.dims)) return null;
  if (!(r.runLabels instanceof Uint8Array) || !(r.runLengths instanceof Uint32Array) || r.runLabels.length !== r.runLengths.length) return null;
  if (typeof r.checksum !== 'number') return null;
  const [nx, ny, nz] = r.dims;
  const labels = new Uint8Array(nx * ny * nz);
  let surroundings: SurroundingsVolume | undefined;
  let bricks: Uint8Array | null = null;
  const st = r.surroundings;
  if (st !== null) {
    if (typeof st !== 'object' || st === undefined || !isFiniteTriple(st.origin) || !isSpacing(st.spacingMm) || !isDims(st.dims) || !(st.table instanceof Int32Array)) return null;
    const [sx, sy, sz] = st.dims;
    const [bx, by, bz] = [Math.ceil(sx / SURROUNDINGS_BRICK), Math.ceil(sy / SURROUNDINGS_BRICK), Math.ceil(sz / SURROUNDINGS_BRICK)];
    if (st.table.length !== bx * by * bz || !Number.isInteger(st.brickBytes) || st.brickBytes < 0 || st.brickBytes % BRICK_VOXELS !== 0 || st.brickBytes > MAX_VOXELS) return null;
    const brickCount = st.brickBytes / BRICK_VOXELS;
    // Every brick entry names a stored brick or a label: a lookup can never read past the bricks.
    for (const t of st.table) if (t >= brickCount || t < -LABEL_COUNT) return null;
    bricks = new Uint8Array(st.brickBytes);
    surroundings = { origin: vec(st.origin), spacingMm: st.spacingMm, nx: sx, ny: sy, nz: sz, bx, by, bz, table: st.table, bricks };
  }
  if (!decodeRuns(r.runLabels, r.runLengths, bricks ? [labels, bricks] : [labels])) return null;
  if (checksumVolume(labels, bricks, surroundings?.table ?? null) !== r.checksum) return null;
  const volume: LabelVolume = { origin: vec(r.origin), spacingMm: r.spacingMm, nx, ny, nz, labels };
  if (surroundings) volume.surroundings = surroundings;
  return volume;
}

/**
 * Fills the parts (freshly made, so all zero) from the runs; false unless the runs cover them
 * exactly with known labels. Part by part, so the loop over a million short runs stays tight.
 */
function decodeRuns(runLabels: Uint8Array, runLengths: Uint32Array, parts: readonly Uint8Array[]): boolean {
  const runs = runLabels.length;
  let r = 0;
  /** What is left of a run that crossed into the next part. */
  let carry = 0;
  let carryLabel = 0;
  for (const target of parts) {
    const end = target.length;
    let at = Math.min(carry, end);
    if (carryLabel !== 0) target.fill(carryLabel, 0, at);
    carry -= at;
    while (at < end) {
      if (r >= runs) return false;
      const label = runLabels[r];
      const n = runLengths[r];
      r++;
      if (label >= LABEL_COUNT || n === 0) return false;
      let stop = at + n;
      if (stop > end) {
        carry = stop - end;
        carryLabel = label;
        stop = end;
      }
      // Zero (outside) is already there; most other runs are a few voxels across a surface, where
      // a call to fill costs more than the stores.
      if (label !== 0) {
        if (n < 16) for (let i = at; i < stop; i++) target[i] = label;
        else target.fill(label, at, stop);
      }
      at = stop;
    }
  }
  return r === runs && carry === 0;
}
