import { describe, it, expect } from 'vitest';
import { MinHeap } from './minHeap';
import { seededRandom } from '../random';

describe('MinHeap', () => {
  it('pops by key, ties by value, through interleaved pushes and pops (the front’s order, and so the fluid), each with its own tag', () => {
    const random = seededRandom(7);
    const heap = new MinHeap();
    const held: [number, number][] = [];
    let next = 0;
    for (let round = 0; round < 4000; round++) {
      // Few distinct keys, so ties are common; each value is pushed once, as the front's voxels are.
      for (let k = Math.floor(random() * 4); k > 0; k--) {
        const key = Math.floor(random() * 20) / 4;
        // The tag the front keeps with a voxel (its label and sheath code), here a function of the value.
        heap.push(key, next, (next * 7919) & 0xffff);
        held.push([key, next++]);
      }
      if (heap.size === 0 || random() < 0.4) continue;
      held.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      const [key, value] = held.shift()!;
      expect(heap.peekKey()).toBe(key);
      expect(heap.pop()).toBe(value);
      expect(heap.poppedTag).toBe((value * 7919) & 0xffff);
      expect(heap.size).toBe(held.length);
    }
    expect(next).toBeGreaterThan(2000);
  });
});
