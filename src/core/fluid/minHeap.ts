/**
 * A binary min-heap of voxel indices keyed by a number (entry pressure): the percolation front.
 * Each entry carries a tag (what the front knew of the voxel when it reached it), handed back
 * with it by `pop` in `poppedTag`, so a pop need not read the voxel's grids again.
 */
export class MinHeap {
  private keys = new Float64Array(1024);
  private values = new Int32Array(1024);
  private tags = new Int32Array(1024);
  size = 0;
  /** The tag of the entry the last `pop` returned. */
  poppedTag = 0;

  push(key: number, value: number, tag = 0): void {
    if (this.size === this.keys.length) this.grow();
    this.rise(this.size++, key, value, tag);
  }

  peekKey(): number {
    return this.keys[0];
  }

  /**
   * Removes the smallest; returns its value. Bottom-up: the hole at the root goes down the smaller
   * children to a leaf (one comparison a level), then the last entry rises from there. It belongs
   * near the bottom, so this makes about half the comparisons of sifting it down from the root;
   * (key, value) pairs are distinct, so the order popped is the same either way.
   */
  pop(): number {
    const keys = this.keys;
    const values = this.values;
    const tags = this.tags;
    const top = values[0];
    this.poppedTag = tags[0];
    const size = --this.size;
    const key = keys[size];
    const value = values[size];
    const tag = tags[size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && (keys[right] < keys[child] || (keys[right] === keys[child] && values[right] < values[child]))) child = right;
      keys[i] = keys[child];
      values[i] = values[child];
      tags[i] = tags[child];
      i = child;
    }
    this.rise(i, key, value, tag);
    return top;
  }

  /** Puts (key, value) in the hole at i, moving it up past every parent that comes after it. */
  private rise(hole: number, key: number, value: number, tag: number): void {
    const keys = this.keys;
    const values = this.values;
    const tags = this.tags;
    let i = hole;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      // Ties broken by index so that the order, and so the fluid, is deterministic.
      if (keys[parent] < key || (keys[parent] === key && values[parent] <= value)) break;
      keys[i] = keys[parent];
      values[i] = values[parent];
      tags[i] = tags[parent];
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
    tags[i] = tag;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    const values = new Int32Array(this.values.length * 2);
    const tags = new Int32Array(this.tags.length * 2);
    keys.set(this.keys);
    values.set(this.values);
    tags.set(this.tags);
    this.keys = keys;
    this.values = values;
    this.tags = tags;
  }
}
