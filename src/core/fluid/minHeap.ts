/** Tags are below this (17 bits: a label and a 9-bit sheath code); values are whole numbers ≥ 0 below 2^31. */
const TAG_SCALE = 2 ** 17;

/**
 * A binary min-heap of voxel indices keyed by a number (entry pressure): the percolation front.
 * Each entry carries a tag (what the front knew of the voxel when it reached it), handed back
 * with it by `pop` in `poppedTag`, so a pop need not read the voxel's grids again.
 *
 * Entry k lies in one array as its key at 2k and, at 2k + 1, its value and tag as one double
 * (value · 2^17 + tag: exact, and ordered as the values are), so each level a pop or push passes
 * reads one cache line, not one in each of three arrays.
 */
export class MinHeap {
  private entries = new Float64Array(2048);
  size = 0;
  /** The tag of the entry the last `pop` returned. */
  poppedTag = 0;

  /** `value`: a whole number, 0 ≤ value < 2^31; `tag`: a whole number, 0 ≤ tag < 2^17. */
  push(key: number, value: number, tag = 0): void {
    if (2 * this.size === this.entries.length) this.grow();
    this.rise(this.size++, key, value * TAG_SCALE + tag);
  }

  peekKey(): number {
    return this.entries[0];
  }

  /**
   * Removes the smallest; returns its value. Bottom-up: the hole at the root goes down the smaller
   * children to a leaf (one comparison a level), then the last entry rises from there. It belongs
   * near the bottom, so this makes about half the comparisons of sifting it down from the root;
   * (key, value) pairs are distinct, so the order popped is the same either way.
   */
  pop(): number {
    const e = this.entries;
    const top = e[1];
    const size = --this.size;
    const key = e[2 * size];
    const payload = e[2 * size + 1];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size) {
        const kr = e[2 * right];
        const kc = e[2 * child];
        if (kr < kc || (kr === kc && e[2 * right + 1] < e[2 * child + 1])) child = right;
      }
      e[2 * i] = e[2 * child];
      e[2 * i + 1] = e[2 * child + 1];
      i = child;
    }
    this.rise(i, key, payload);
    const value = Math.floor(top / TAG_SCALE);
    this.poppedTag = top - value * TAG_SCALE;
    return value;
  }

  /** Puts (key, payload) in the hole at i, moving it up past every parent that comes after it. */
  private rise(hole: number, key: number, payload: number): void {
    const e = this.entries;
    let i = hole;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      // Ties broken by index so that the order, and so the fluid, is deterministic.
      const kp = e[2 * parent];
      if (kp < key || (kp === key && e[2 * parent + 1] <= payload)) break;
      e[2 * i] = kp;
      e[2 * i + 1] = e[2 * parent + 1];
      i = parent;
    }
    e[2 * i] = key;
    e[2 * i + 1] = payload;
  }

  private grow(): void {
    const entries = new Float64Array(this.entries.length * 2);
    entries.set(this.entries);
    this.entries = entries;
  }
}
