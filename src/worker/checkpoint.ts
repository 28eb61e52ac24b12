import { ParaneuralSpace } from '../core/fluid/paraneuralSpace';
import { ReliefColumnCache } from '../core/fluid/reliefColumnCache';

/**
 * Deep copies of a session's simulation state for replay checkpoints. Class instances keep their
 * prototypes (an AttemptSimulation restored from a checkpoint goes on applying events); the
 * patient's knee and voxels, and everything reachable from them, are shared, never copied (they
 * do not change during an attempt); so are memo caches that depend only on them, and frozen
 * objects (deeply immutable by convention: the attempt's recorded facts).
 */
export class StateCopier {
  private readonly shared = new WeakSet<object>();

  /** Marks `roots` and everything reachable from them as shared (immutable for the attempt). */
  constructor(roots: object[]) {
    const stack: unknown[] = [...roots];
    while (stack.length > 0) {
      const value = stack.pop();
      if (typeof value !== 'object' || value === null || this.shared.has(value)) continue;
      this.shared.add(value);
      if (ArrayBuffer.isView(value)) continue;
      if (value instanceof Map) {
        for (const [k, v] of value) stack.push(k, v);
        continue;
      }
      for (const key of Object.keys(value)) stack.push((value as Record<string, unknown>)[key]);
    }
  }

  /**
   * A copy sharing nothing mutable with `value`, except the objects `reuse` maps to copies made
   * before (an unchanged fluid field is one copy for every checkpoint after it).
   */
  copy<T>(value: T, reuse: ReadonlyMap<object, unknown> = new Map()): T {
    return this.copyValue(value, new Map(reuse)) as T;
  }

  /** Whether a copy shares `value` rather than copying it: the patient, the nerve's space, frozen facts. */
  isShared(value: object): boolean {
    // A frozen object is immutable with all it holds (the facts a recorder has written): shared.
    // Caches per voxel volume (distances, each column's relief by rebuild) are derived, not state: shared.
    return this.shared.has(value) || value instanceof ParaneuralSpace || value instanceof ReliefColumnCache || Object.isFrozen(value);
  }

  private copyValue(value: unknown, seen: Map<object, unknown>): unknown {
    if (typeof value !== 'object' || value === null) return value;
    if (this.isShared(value)) return value;
    const known = seen.get(value);
    if (known !== undefined) return known;
    if (ArrayBuffer.isView(value)) {
      const copied = 'slice' in value && typeof value.slice === 'function' ? (value.slice() as unknown) : structuredClone(value);
      seen.set(value, copied);
      return copied;
    }
    if (Array.isArray(value)) {
      // Copied whole, then only its objects one by one (the fluid's front lists hold ~10⁵ numbers).
      const copied = (value as unknown[]).slice();
      seen.set(value, copied);
      for (let i = 0; i < copied.length; i++) {
        const item = copied[i];
        if (typeof item === 'object' && item !== null) copied[i] = this.copyValue(item, seen);
      }
      return copied;
    }
    if (value instanceof Map) {
      const copied = new Map<unknown, unknown>();
      seen.set(value, copied);
      for (const [k, v] of value) copied.set(this.copyValue(k, seen), this.copyValue(v, seen));
      return copied;
    }
    if (value instanceof Set) {
      const copied = new Set<unknown>();
      seen.set(value, copied);
      for (const v of value) copied.add(this.copyValue(v, seen));
      return copied;
    }
    const copied: Record<string, unknown> = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
    seen.set(value, copied);
    for (const key of Object.keys(value)) copied[key] = this.copyValue((value as Record<string, unknown>)[key], seen);
    return copied;
  }
}
