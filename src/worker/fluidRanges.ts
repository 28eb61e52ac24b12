import type { FluidSpread } from '../core/fluid/spread';
import { LAYERS_PER_COLUMN } from '../core/fluid/warpColumns';

/** Word ranges [lo, hi) of an array an injection may have changed, in order, not overlapping. */
export type Segments = number[];

/**
 * Columns beside the filled box a warp may still have changed (it blends the four nearest
 * columns); checked in the tests, where every commit also scans all the rest (FluidHistory's `verify`).
 */
const COLUMN_MARGIN = 2;

/**
 * The words of `array` an injection may have changed, from the filled box (fluid only ever
 * lies in it): for the fill, the box's rows; for the voxels the front has seen (a byte or a bit
 * each), the box's Z slices and one more each side; for the warp's per-column arrays (one or
 * LAYERS_PER_COLUMN values a column, its relief's wet columns too), the box's columns and COLUMN_MARGIN more; for its per-slot
 * arrays (nz values a wetted column), the slots in use; all of any other.
 */
export function changedRanges(array: ArrayBufferView, words: ArrayLike<number>, fluid: FluidSpread): Segments {
  const bytesPerWord = array.byteLength / words.length;
  const owner = (value: object) => Object.values(value).includes(array);
  const { nx, ny, nz } = fluid.field.grid;
  const { min, max } = fluid.filledBox;
  const empty = !(min[0] <= max[0]);
  const segments: Segments = [];
  /** Byte range [from, to) of the array's elements as words, merged with the last when they touch. */
  const add = (fromByte: number, toByte: number) => {
    const lo = Math.max(0, Math.floor(fromByte / bytesPerWord));
    const hi = Math.min(words.length, Math.ceil(toByte / bytesPerWord));
    if (hi <= lo) return;
    if (segments.length > 0 && segments[segments.length - 1] >= lo) segments[segments.length - 1] = Math.max(segments[segments.length - 1], hi);
    else segments.push(lo, hi);
  };
  const voxels = nx * ny * nz;
  const elementBytes = (array as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
  const elements = array.byteLength / elementBytes;
  if (array === fluid.field.fill) {
    if (empty) return segments;
    for (let z = min[2]; z <= max[2]; z++) for (let y = min[1]; y <= max[1]; y++) add(nx * (y + ny * z) + min[0], nx * (y + ny * z) + max[0] + 1);
    return segments;
  }
  const seen = (fluid as unknown as { seen?: unknown }).seen;
  const seenArray = seen === array || (typeof seen === 'object' && seen !== null && owner(seen));
  if (seenArray && (elements === voxels || (array instanceof Uint32Array && elements === Math.ceil(voxels / 32)))) {
    // A byte or a bit per voxel the front has seen (neighbours of full ones).
    if (empty) return segments;
    const perVoxel = elements === voxels ? elementBytes : 1 / 8;
    const from = nx * ny * Math.max(0, min[2] - 1);
    const to = nx * ny * Math.min(nz, max[2] + 2);
    add(Math.floor(from * perVoxel), Math.ceil(to * perVoxel));
    return segments;
  }
  const columns = nx * ny;
  const warpOwned = owner(fluid.warp) || owner((fluid.warp as unknown as { relief: object }).relief);
  if (warpOwned && (elements === columns || elements === columns * LAYERS_PER_COLUMN)) {
    if (empty) return segments;
    const perColumn = (elements / columns) * elementBytes;
    const x0 = Math.max(0, min[0] - COLUMN_MARGIN);
    const x1 = Math.min(nx - 1, max[0] + COLUMN_MARGIN);
    for (let y = Math.max(0, min[1] - COLUMN_MARGIN); y <= Math.min(ny - 1, max[1] + COLUMN_MARGIN); y++) add((x0 + nx * y) * perColumn, (x1 + 1 + nx * y) * perColumn);
    return segments;
  }
  // The warp's per-slot arrays (nz values for each column the fluid ever wetted, in the order
  // wetted): only the slots in use are written. Read by name; without it, every word is scanned.
  const slotsInUse = (fluid.warp as unknown as { slotCount?: unknown }).slotCount;
  if (typeof slotsInUse === 'number' && owner(fluid.warp) && elements % nz === 0 && elements / nz >= slotsInUse) {
    add(0, slotsInUse * nz * elementBytes);
    return segments;
  }
  return [0, words.length];
}

