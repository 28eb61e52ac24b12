/** A binary min-heap of voxel indices keyed by a number (entry pressure): the percolation front. */
export class MinHeap {
  private keys = new Float64Array(1024);
  private values = new Int32Array(1024);
  size = 0;

  push(key: number, value: number): void {
    if (this.size === this.keys.length) this.grow();
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      // Ties broken by index so that the order, and so the fluid, is deterministic.
      if (this.keys[parent] < key || (this.keys[parent] === key && this.values[parent] <= value)) break;
      this.keys[i] = this.keys[parent];
      this.values[i] = this.values[parent];
      i = parent;
    }
    this.keys[i] = key;
    this.values[i] = value;
  }

  peekKey(): number {
    return this.keys[0];
  }

  /** Removes the smallest; returns its value. */
  pop(): number {
    const top = this.values[0];
    const key = this.keys[--this.size];
    const value = this.values[this.size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      const right = child + 1;
      if (right < this.size && (this.keys[right] < this.keys[child] || (this.keys[right] === this.keys[child] && this.values[right] < this.values[child]))) child = right;
      if (this.keys[child] > key || (this.keys[child] === key && this.values[child] >= value)) break;
      this.keys[i] = this.keys[child];
      this.values[i] = this.values[child];
      i = child;
    }
    this.keys[i] = key;
    this.values[i] = value;
    return top;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    const values = new Int32Array(this.values.length * 2);
    keys.set(this.keys);
    values.set(this.values);
    this.keys = keys;
    this.values = values;
  }
}
