import type { FluidSpread } from '../core/fluid/spread';
import { adoptTissueWarp } from '../core/fluid/tissueWarp';
import type { StateCopier } from './checkpoint';
import { changedRanges, type Segments } from './fluidRanges';

/**
 * Typed arrays at least this big are kept as one live array and the words each injection changed;
 * smaller ones are copied whole into each version (a heap's few kilobytes).
 */
const TRACKED_BYTES = 1 << 14;

type Words = Uint32Array | Uint8Array;

/** The words of one array an injection changed: where, what they held before, what after. */
interface WordChange {
  version: number;
  at: Int32Array;
  before: Words;
  after: Words;
}

/** One voxel- or column-sized array of the fluid: the live array, its content at `version`, and every change since it was first met. */
interface TrackedArray {
  readonly words: Words;
  /** The content at `version` (what a diff after the next injection compares against). */
  readonly mirror: Words;
  /** The version the live array and the mirror hold. */
  version: number;
  /** The version it was first met at: versions before it never refer to it. */
  readonly born: number;
  /** Still reachable from the fluid (an array a spread grew past is diffed once more, then left). */
  alive: boolean;
  readonly changes: WordChange[];
}

const wordsOf = (array: ArrayBufferView): Words =>
  array.byteOffset % 4 === 0 && array.byteLength % 4 === 0 ? new Uint32Array(array.buffer, array.byteOffset, array.byteLength / 4) : new Uint8Array(array.buffer, array.byteOffset, array.byteLength);

const emptyLike = (words: Words, length: number): Words => (words instanceof Uint32Array ? new Uint32Array(length) : new Uint8Array(length));

/**
 * Every state one fluid (FluidSpread) went through, one version per injection, without copying
 * its voxel-sized grids: the spread's big arrays stay the one live set, and each version keeps
 * only the words that injection changed (found against a mirror of the last version), with a
 * copy of the small state (the front, the filled box, the totals). Going to a version writes the
 * words between there and here, so a replay's checkpoint costs what the injection changed, not
 * the grid (a copy of the spread wrote ~30 MB of fresh pages, ~0.1 s each on these machines), and
 * a seek back or forth costs the same. Versions are made in order, at the newest one.
 */
export class FluidHistory {
  /** The default `verify` (the session tests turn it on for every history their sessions make). */
  static verifying = false;

  private readonly tracked = new Map<ArrayBufferView, TrackedArray>();
  /** Per version: the fluid's object graph with the tracked arrays by reference, everything else copied. */
  private readonly states: FluidSpread[] = [];
  /** The version the live arrays hold now. */
  private at = -1;

  /**
   * `verify`: every commit also scans what lies outside the ranges an injection can change and
   * throws if anything there changed (tests; it costs the whole grid each time).
   */
  constructor(
    fluid: FluidSpread,
    private readonly copier: StateCopier,
    private readonly verify = FluidHistory.verifying,
  ) {
    this.commit(fluid);
  }

  /** The version the fluid shown now is at. */
  get version(): number {
    return this.at;
  }

  /**
   * Records `fluid` (the live one, just changed by an injection at the current version) as the
   * next version. From an earlier version (a log branched), the later ones are dropped first.
   */
  commit(fluid: FluidSpread): number {
    if (this.at < this.states.length - 1) this.dropAfter(this.at);
    const version = ++this.at;
    const reachable = this.bigArraysOf(fluid);
    for (const array of reachable) {
      if (!this.tracked.has(array)) this.tracked.set(array, this.track(array, fluid, version));
    }
    for (const [array, entry] of this.tracked) {
      if (!entry.alive) continue;
      if (entry.born < version) this.diff(entry, version, entry.alive && reachable.has(array) ? changedRanges(array, entry.words, fluid) : [0, entry.words.length]);
      entry.version = version;
      if (!reachable.has(array)) entry.alive = false;
    }
    this.states.push(this.copier.copy(fluid, this.byReference()));
    return version;
  }

  /**
   * The fluid as it was at `version`: a new object graph over the same live arrays, brought to
   * that version. The fluid returned before is not to be used after (its arrays moved with it).
   */
  restore(version: number): FluidSpread {
    if (!Number.isInteger(version) || version < 0 || version >= this.states.length) throw new RangeError(`No fluid version ${version} (0–${this.states.length - 1})`);
    for (const entry of this.tracked.values()) {
      if (version >= entry.born) this.move(entry, version);
    }
    this.at = version;
    const fluid = this.copier.copy(this.states[version], this.byReference());
    // The warp is found by its field (tissueWarpOf): register the copy's, as the spread's constructor does for its own.
    adoptTissueWarp(fluid.field, fluid.warp);
    return fluid;
  }

  private byReference(): Map<object, unknown> {
    const reuse = new Map<object, unknown>();
    for (const array of this.tracked.keys()) reuse.set(array, array);
    return reuse;
  }

  private track(array: ArrayBufferView, fluid: FluidSpread, version: number): TrackedArray {
    const words = wordsOf(array);
    // The fill is zero outside its box: the mirror's pages there stay unwritten, so first
    // meeting the grid costs what the fluid holds, not 36 MB of fresh pages.
    const mirror = emptyLike(words, words.length);
    if (array !== fluid.field.fill) mirror.set(words);
    else for (let k = 0, ranges = changedRanges(array, words, fluid); k < ranges.length; k += 2) mirror.set(words.subarray(ranges[k], ranges[k + 1]), ranges[k]);
    return { words, mirror, version, born: version, alive: true, changes: [] };
  }

  private diff(entry: TrackedArray, version: number, segments: Segments): void {
    const at: number[] = [];
    const before: number[] = [];
    const after: number[] = [];
    for (let k = 0; k < segments.length; k += 2) {
      if (entry.words instanceof Uint32Array) diffWords32(entry.words, entry.mirror as Uint32Array, segments[k], segments[k + 1], at, before, after);
      else diffWords8(entry.words, entry.mirror as Uint8Array, segments[k], segments[k + 1], at, before, after);
    }
    if (this.verify) {
      const outside: number[] = [];
      let from = 0;
      for (let k = 0; k <= segments.length; k += 2) {
        const to = k < segments.length ? segments[k] : entry.words.length;
        for (let i = from; i < to; i++) if (entry.words[i] !== entry.mirror[i]) outside.push(i);
        from = segments[k + 1];
      }
      if (outside.length > 0) throw new Error(`FluidHistory: ${outside.length} words of a ${entry.words.length}-word array changed outside the ranges scanned (first at ${outside[0]})`);
    }
    if (at.length === 0) return;
    const typed = (values: number[]): Words => {
      const out = emptyLike(entry.words, values.length);
      out.set(values);
      return out;
    };
    entry.changes.push({ version, at: Int32Array.from(at), before: typed(before), after: typed(after) });
  }

  /** Writes the changes between the entry's version and `version` into the live array and its mirror. */
  private move(entry: TrackedArray, version: number): void {
    const { words, mirror, changes } = entry;
    if (version < entry.version) {
      for (let c = changes.length - 1; c >= 0 && changes[c].version > version; c--) {
        if (changes[c].version > entry.version) continue;
        const { at, before } = changes[c];
        for (let k = 0; k < at.length; k++) words[at[k]] = mirror[at[k]] = before[k];
      }
    } else if (version > entry.version) {
      for (const change of changes) {
        if (change.version <= entry.version || change.version > version) continue;
        const { at, after } = change;
        for (let k = 0; k < at.length; k++) words[at[k]] = mirror[at[k]] = after[k];
      }
    }
    entry.version = version;
  }

  /** Forgets the versions after `version` (a new injection from there makes the next one). */
  private dropAfter(version: number): void {
    this.states.length = version + 1;
    for (const [array, entry] of this.tracked) {
      if (entry.born > version) {
        this.tracked.delete(array);
        continue;
      }
      while (entry.changes.length > 0 && entry.changes[entry.changes.length - 1].version > version) entry.changes.pop();
      // Reachable again from this version's graph (a grown array's older self): diffed again from here.
      entry.alive = true;
    }
  }

  /** The fluid's big typed arrays, by a walk of its own objects (the anatomy it reads is shared, not walked). */
  private bigArraysOf(fluid: FluidSpread): Set<ArrayBufferView> {
    const found = new Set<ArrayBufferView>();
    const visited = new Set<object>();
    const stack: unknown[] = [fluid];
    while (stack.length > 0) {
      const value = stack.pop();
      if (typeof value !== 'object' || value === null || visited.has(value) || this.copier.isShared(value)) continue;
      visited.add(value);
      if (ArrayBuffer.isView(value)) {
        if (value.byteLength >= TRACKED_BYTES) found.add(value);
        continue;
      }
      if (Array.isArray(value)) {
        for (const item of value as unknown[]) if (typeof item === 'object' && item !== null) stack.push(item);
        continue;
      }
      if (value instanceof Map) {
        for (const [k, v] of value) stack.push(k, v);
        continue;
      }
      if (value instanceof Set) {
        for (const v of value) stack.push(v);
        continue;
      }
      for (const key of Object.keys(value)) stack.push((value as Record<string, unknown>)[key]);
    }
    return found;
  }
}

/**
 * The words of [lo, hi) that differ from the mirror: recorded, and the mirror brought up to date.
 * One copy per array type on purpose: a single loop over both would be polymorphic, and this is
 * the history's hot path (millions of words per injection).
 */
function diffWords32(words: Uint32Array, mirror: Uint32Array, lo: number, hi: number, at: number[], before: number[], after: number[]): void {
  for (let i = lo; i < hi; i++) {
    const now = words[i];
    if (now === mirror[i]) continue;
    at.push(i);
    before.push(mirror[i]);
    after.push(now);
    mirror[i] = now;
  }
}

function diffWords8(words: Uint8Array, mirror: Uint8Array, lo: number, hi: number, at: number[], before: number[], after: number[]): void {
  for (let i = lo; i < hi; i++) {
    const now = words[i];
    if (now === mirror[i]) continue;
    at.push(i);
    before.push(mirror[i]);
    after.push(now);
    mirror[i] = now;
  }
}
