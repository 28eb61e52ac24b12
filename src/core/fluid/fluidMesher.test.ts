import { describe, expect, it, vi } from 'vitest';
import { FluidSpread } from './spread';
import { FluidSurfaceMesher, mergeBlocks, SAMPLE_STEP_MM, type FluidSurfaceUpdate } from './fluidMesher';
import { fluidFractionAt } from './fluidSample';
import type { Vec3 } from '../math/vec3';
import type { TriangleMesh } from '../geometry/surfaceNets';
import { nerveAtHead } from './nerveAtHeadFixture';
import { ColumnRecords } from './fluidMesherColumns';

const { knee, volume, nerve, radius, fromNerve } = nerveAtHead();

/** What a view holding every update so far shows: the kept blocks and the re-meshed ones. */
function applyUpdate(view: Map<number, TriangleMesh>, update: FluidSurfaceUpdate): void {
  for (const b of update.changed) {
    if (b.mesh) view.set(b.key, b.mesh);
    else view.delete(b.key);
  }
  for (const key of [...view.keys()]) if (!update.keys.includes(key)) view.delete(key);
}

describe('the fluid surface meshed block by block', () => {
  it('re-meshes only the blocks an injection changed, and the blocks kept with them are the whole surface', () => {
    const spread = new FluidSpread(volume, 1, knee.cpn);
    const mesher = new FluidSurfaceMesher();
    const empty = mesher.update(spread);
    expect(empty.changed).toEqual([]);
    expect(empty.keys).toEqual([]);
    const view = new Map<number, TriangleMesh>();
    spread.inject(fromNerve(radius + 0.6), 1);
    const first = mesher.update(spread);
    applyUpdate(view, first);
    expect(first.keys.length).toBeGreaterThan(0);
    // Nothing injected since: nothing to send.
    const again = mesher.update(spread);
    expect(again.changed).toEqual([]);
    expect(again.base).toBe(first.generation);
    for (let i = 0; i < 5; i++) {
      spread.inject(fromNerve(radius + 0.6), 0.1);
      const step = mesher.update(spread);
      expect(step.base).toBe(step.generation - 1);
      applyUpdate(view, step);
    }
    const kept = mergeBlocks([...view.keys()].sort((a, b) => a - b).map((k) => view.get(k)!))!;
    const whole = new FluidSurfaceMesher().update(spread, true);
    const fresh = mergeBlocks([...whole.changed].sort((a, b) => a.key - b.key).flatMap((b) => (b.mesh ? [b.mesh] : [])))!;
    expect([...view.keys()].sort((a, b) => a - b)).toEqual(whole.keys);
    expect(kept.indices.length).toBe(fresh.indices.length);
    expect(Array.from(kept.positions)).toEqual(Array.from(fresh.positions));
  });

  it('meshes the fluid where it lies after pushing the tissue aside, not where it was put in the resting anatomy', () => {
    const spread = new FluidSpread(volume, 1, knee.cpn);
    spread.inject(fromNerve(-radius - 0.6), 1.5);
    const update = new FluidSurfaceMesher().update(spread, true);
    const mesh = mergeBlocks(update.changed.flatMap((b) => (b.mesh ? [b.mesh] : [])))!;
    expect(mesh.indices.length).toBeGreaterThan(300);
    // The vertices lie within half a sample step of the ½ level of the displaced injectate (the
    // field crosses ½ between points that far either side along some axis); far fewer lie so near
    // the fluid where it was put in the resting anatomy (0.6 of them against 0.97, at 1 mm samples).
    const step = SAMPLE_STEP_MM / 2;
    const nearHalf = (fraction: (p: Vec3) => number, p: Vec3) =>
      [0, 1, 2].some((axis) => {
        const at = (d: number) => fraction({ x: p.x + (axis === 0 ? d : 0), y: p.y + (axis === 1 ? d : 0), z: p.z + (axis === 2 ? d : 0) });
        const values = [-step, -step / 2, 0, step / 2, step].map(at);
        return Math.min(...values) < 0.5 && Math.max(...values) > 0.5;
      });
    let onDisplaced = 0;
    let onResting = 0;
    const vertices = mesh.positions.length / 3;
    for (let v = 0; v < mesh.positions.length; v += 3) {
      const p = { x: mesh.positions[v], y: mesh.positions[v + 1], z: mesh.positions[v + 2] };
      if (nearHalf((q) => spread.warp.fluidFractionAt(q), p)) onDisplaced++;
      if (nearHalf((q) => fluidFractionAt(spread.field, q), p)) onResting++;
      expect(Math.hypot(p.x - nerve.centre.x, p.y - nerve.centre.y, p.z - nerve.centre.z)).toBeLessThan(40);
    }
    expect(onDisplaced / vertices).toBeGreaterThan(0.9);
    expect(onResting / vertices).toBeLessThan(0.75);
  });
});

/** Every block with surface of an update, by key (a `complete` update or a fresh mesher's). */
const byKey = (update: FluidSurfaceUpdate) => new Map(update.changed.flatMap((b) => (b.mesh ? [[b.key, b.mesh] as const] : [])));

/** The same bytes, block by block: positions, normals and indices of every block, and the same blocks. */
function expectSameBlocks(shown: Map<number, TriangleMesh>, whole: FluidSurfaceUpdate): void {
  const fresh = byKey(whole);
  expect([...shown.keys()].sort((a, b) => a - b)).toEqual(whole.keys);
  for (const [key, mesh] of fresh) {
    const kept = shown.get(key)!;
    expect(new Uint8Array(kept.positions.buffer)).toEqual(new Uint8Array(mesh.positions.buffer));
    expect(new Uint8Array(kept.normals.buffer)).toEqual(new Uint8Array(mesh.normals.buffer));
    expect(new Uint8Array(kept.indices.buffer)).toEqual(new Uint8Array(mesh.indices.buffer));
  }
}

describe('the fluid surface meshed incrementally', () => {
  it('samples and meshes again only the blocks whose columns changed, and is byte for byte the whole surface meshed afresh', () => {
    const spread = new FluidSpread(volume, 1, knee.cpn);
    const mesher = new FluidSurfaceMesher();
    const view = new Map<number, TriangleMesh>();
    const sampled = vi.spyOn(ColumnRecords.prototype, 'share');
    spread.inject(fromNerve(radius + 0.6), 0.8);
    applyUpdate(view, mesher.update(spread));
    expect(sampled.mock.calls.length).toBeGreaterThan(0);
    // Nothing injected since: not one sample asked, nothing sent; a complete update sends the kept blocks.
    sampled.mockClear();
    expect(mesher.update(spread).changed).toEqual([]);
    const kept = mesher.update(spread, true);
    expect(sampled).not.toHaveBeenCalled();
    expectSameBlocks(byKey(kept), new FluidSurfaceMesher().update(spread, true));
    // Steps of a hold, some sent as complete updates (a seek's): each the same as meshing afresh.
    for (let i = 0; i < 4; i++) {
      spread.inject(fromNerve(radius + 0.6 - 0.2 * i), 0.1);
      sampled.mockClear();
      const step = mesher.update(spread, i % 2 === 1);
      expect(sampled).toHaveBeenCalled();
      const whole = new FluidSurfaceMesher().update(spread, true);
      if (step.base === null) view.clear();
      applyUpdate(view, step);
      expectSameBlocks(view, whole);
    }
    sampled.mockRestore();
  });

  it('samples from its copy of the columns exactly what the warp says (TissueWarp.fluidShare), bit for bit', () => {
    const spread = new FluidSpread(volume, 1, knee.cpn);
    spread.inject(fromNerve(radius + 0.6), 1.5);
    const { min, max } = spread.filledBox;
    const fill = spread.field.fill;
    const { nx, ny } = spread.field.grid;
    const wet = (x: number, y: number): [number, number] | null => {
      let lo = -1;
      let hi = -1;
      for (let z = min[2]; z <= max[2]; z++) {
        if (x < min[0] || x > max[0] || y < min[1] || y > max[1] || fill[x + nx * (y + ny * z)] === 0) continue;
        if (lo < 0) lo = z;
        hi = z;
      }
      return lo < 0 ? null : [lo, hi];
    };
    const records = new ColumnRecords(min[0] - 4, max[0] + 4, min[1] - 4, max[1] + 4, spread.warp, wet);
    let wetSamples = 0;
    const reach = Math.ceil(spread.warp.maxShiftMm / spread.field.grid.spacingMm) + 2;
    for (let y = min[1] - 2; y <= max[1] + 1; y += 3) {
      for (let x = min[0] - 2; x <= max[0] + 1; x += 3) {
        for (let z = min[2] - reach; z <= max[2] + reach; z += 2) {
          const expected = spread.warp.fluidShare(x + 0.5, y + 0.5, z);
          expect(records.share(x + 0.5, y + 0.5, z)).toBe(expected);
          if (expected > 0) wetSamples++;
        }
      }
    }
    expect(wetSamples).toBeGreaterThan(100);
  });

  it('a job made a few blocks at a time is the fluid as it was when it began, and goes stale if another update finishes first', () => {
    const spread = new FluidSpread(volume, 1, knee.cpn);
    spread.inject(fromNerve(radius + 0.6), 1);
    const mesher = new FluidSurfaceMesher();
    mesher.update(spread);
    spread.inject(fromNerve(radius + 0.6), 0.3);
    const expected = new FluidSurfaceMesher().update(spread, true);
    const job = mesher.begin(spread, true);
    expect(job.step(2)).toBeNull();
    // The fluid moves on meanwhile (as a seek moves a replay's): the job keeps to where it began.
    spread.inject(fromNerve(radius + 0.6), 0.3);
    let update: FluidSurfaceUpdate | null = null;
    for (let i = 0; i < 10_000 && !update; i++) update = job.step(3);
    expect(job.done).toBe(true);
    expectSameBlocks(byKey(update!), expected);
    // A job begun before another update finished makes nothing.
    const late = mesher.begin(spread);
    mesher.update(spread);
    expect(late.step(Infinity)).toBeNull();
    expect([late.done, late.stale]).toEqual([true, true]);
  });
});

