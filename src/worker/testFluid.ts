import { createHash } from 'node:crypto';
import type { FluidSpread } from '../core/fluid/spread';

/** The fluid's own objects a digest skips: the anatomy it reads (shared, never changed by it). */
const SHARED_KEYS = new Set(['volume', 'labels', 'paraneural', 'nerveDistance', 'reliefColumns']);

/**
 * A digest of everything a fluid holds: every typed array (the fill, the warp's columns and
 * layers, the front's heap, the seen voxels) byte by byte and every number, by path, so a fluid
 * brought back by a seek is compared with the live one as a whole, not by its figures.
 */
export function wholeFluidDigest(fluid: FluidSpread | null): string | null {
  if (!fluid) return null;
  const hash = createHash('sha1');
  const visit = (value: unknown, path: string, seen: Set<object>) => {
    if (typeof value === 'function') return;
    if (typeof value !== 'object' || value === null) {
      hash.update(`${path}=${String(value)};`);
      return;
    }
    if (seen.has(value)) return;
    seen.add(value);
    if (ArrayBuffer.isView(value)) {
      hash.update(`${path}:${value.constructor.name}[${value.byteLength}]`);
      hash.update(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
      return;
    }
    for (const key of Object.keys(value).sort()) if (!SHARED_KEYS.has(key)) visit((value as Record<string, unknown>)[key], `${path}.${key}`, seen);
  };
  visit(fluid, 'fluid', new Set());
  return hash.digest('hex');
}
