import { expect } from 'vitest';
import { SURROUNDINGS_BRICK, type LabelVolume } from '../core/anatomy/voxelise';

/* Label volumes for the volume cache's tests (imported only by tests, so never bundled). */

/** A small volume with surroundings: runs, single labels and mixed bricks, from a seed. */
export function smallVolume(seed: number): LabelVolume {
  const B = SURROUNDINGS_BRICK;
  let state = seed >>> 0 || 1;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0);
  const labels = new Uint8Array(6 * 5 * 4);
  for (let i = 0; i < labels.length; i++) labels[i] = next() % 4 === 0 ? next() % 22 : labels[Math.max(0, i - 1)];
  const bricks = new Uint8Array(2 * B ** 3).map(() => next() % 22);
  return {
    origin: { x: -1.5, y: 2, z: 0.25 },
    spacingMm: 0.5,
    nx: 6,
    ny: 5,
    nz: 4,
    labels,
    surroundings: { origin: { x: -10, y: -10, z: -10 }, spacingMm: 1, nx: 20, ny: 9, nz: 8, bx: 3, by: 2, bz: 1, table: Int32Array.from([0, -3, 1, -1, -22, 1]), bricks },
  };
}

const sameBytes = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Buffer.compare(Buffer.from(a as Uint8Array), Buffer.from(b as Uint8Array)) === 0;

export function expectSameVolume(a: LabelVolume, b: LabelVolume): void {
  expect([b.nx, b.ny, b.nz, b.spacingMm, b.origin]).toEqual([a.nx, a.ny, a.nz, a.spacingMm, a.origin]);
  expect(sameBytes(a.labels, b.labels)).toBe(true);
  expect(b.surroundings === undefined).toBe(a.surroundings === undefined);
  if (a.surroundings && b.surroundings) {
    const { bricks: ab, table: at, ...aRest } = a.surroundings;
    const { bricks: bb, table: bt, ...bRest } = b.surroundings;
    expect(bRest).toEqual(aRest);
    expect(sameBytes(ab, bb)).toBe(true);
    expect([...bt]).toEqual([...at]);
  }
}

