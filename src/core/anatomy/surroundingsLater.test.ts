import { describe, expect, it } from 'vitest';
import { KneeAnatomy } from './knee';
import { voxelise, surroundingsLabelAt, surroundingsPending, buildSurroundingsStep, completeSurroundings, type LabelVolume } from './voxelise';
import { surroundingsRegion } from './kneeGeometry';
import { seededRandom } from '../random';

const knee = new KneeAnatomy();
// Coarse grids keep the test quick; the code paths are the app's.
const options = { spacingMm: 1, surroundings: { region: surroundingsRegion, spacingMm: 1 } };
const eager = voxelise(knee, options);

const randomPoints = (seed: number, n: number) => {
  const random = seededRandom(seed);
  const { min, max } = surroundingsRegion;
  return Array.from({ length: n }, () => ({ x: min.x + random() * (max.x - min.x), y: min.y + random() * (max.y - min.y), z: min.z + random() * (max.z - min.z) }));
};
/** Whether two volumes are the same bytes: fine labels, the surroundings' table and bricks. */
const sameBytes = (a: LabelVolume, b: LabelVolume) =>
  Buffer.from(a.labels).equals(Buffer.from(b.labels)) &&
  Buffer.from(a.surroundings!.table.buffer).equals(Buffer.from(b.surroundings!.table.buffer)) &&
  Buffer.from(a.surroundings!.bricks).equals(Buffer.from(b.surroundings!.bricks));

describe('surroundings built later', () => {
  it('returns with the fine grid filled and the surroundings pending; progress counts the fine grid up to 1', () => {
    const fractions: number[] = [];
    const later = voxelise(knee, { ...options, surroundingsLater: true, onProgress: (f) => fractions.push(f) });
    expect(Buffer.from(later.labels).equals(Buffer.from(eager.labels))).toBe(true);
    expect(surroundingsPending(later)).toBe(true);
    expect(surroundingsPending(eager)).toBe(false);
    expect(fractions.at(-1)).toBe(1);
  });

  it('answers every lookup as the finished volume does, filling only the blocks it reads', () => {
    const later = voxelise(knee, { ...options, surroundingsLater: true });
    for (const p of randomPoints(3, 20)) expect(surroundingsLabelAt(later, p.x, p.y, p.z)).toBe(surroundingsLabelAt(eager, p.x, p.y, p.z));
    // Twenty reads fill at most twenty top blocks: the rest is still to build.
    expect(surroundingsPending(later)).toBe(true);
    for (const p of randomPoints(4, 3000)) expect(surroundingsLabelAt(later, p.x, p.y, p.z)).toBe(surroundingsLabelAt(eager, p.x, p.y, p.z));
  });

  it('ends as the same bytes as a build in one go, whatever the order its blocks were filled in', () => {
    const later = voxelise(knee, { ...options, surroundingsLater: true });
    for (const p of randomPoints(5, 200)) surroundingsLabelAt(later, p.x, p.y, p.z);
    let steps = 0;
    while (!buildSurroundingsStep(later, 7)) steps++;
    expect(steps).toBeGreaterThan(2);
    expect(surroundingsPending(later)).toBe(false);
    expect(sameBytes(later, eager)).toBe(true);

    const completed = voxelise(knee, { ...options, surroundingsLater: true });
    for (const p of randomPoints(6, 50).reverse()) surroundingsLabelAt(completed, p.x, p.y, p.z);
    completeSurroundings(completed);
    expect(surroundingsPending(completed)).toBe(false);
    expect(sameBytes(completed, eager)).toBe(true);
  });
});
