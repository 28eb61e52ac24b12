import { describe, expect, it } from 'vitest';
import { KneeAnatomy } from './knee';
import { modelRegion, surroundingsRegion } from './kneeGeometry';
import { expandBox } from './sdf';
import { SkinEnvelope, skinDistanceExact } from './skinEnvelope';
import { seededRandom } from '../random';
import { interpolateGrid } from '../geometry/surfaceNets';

/** The envelope's 2 mm grid spans the model region and 12 mm round it (skinEnvelope.ts). */
const GRID_STEP_MM = 2;
const area = expandBox(modelRegion, 12);

describe('the skin envelope', () => {
  const knee = new KneeAnatomy({ seed: 3 });
  it('reads, at each node of its grid, the exact union of the landmarks, whatever the order the grid is filled in', () => {
    // Every structure of the knee as a landmark: near and far ones, tubes, ellipsoids and unions,
    // so that skipping a landmark by its bounding box is tried on each kind.
    const landmarks = knee.structures;
    const fatMm = knee.fatOverLandmarksMm;
    const envelope = new SkinEnvelope(landmarks, fatMm, modelRegion);
    const random = seededRandom(17);
    const dims = [area.max.x - area.min.x, area.max.y - area.min.y].map((span) => Math.floor(span / GRID_STEP_MM));
    let compared = 0;
    // Scattered reads in a band of slabs (constant z) through the knee, so slabs are filled out of
    // order and next to unfilled ones (all of them would take seconds).
    const firstSlab = 14;
    for (let n = 0; n < 600; n++) {
      const node = {
        x: area.min.x + Math.floor(random() * dims[0]) * GRID_STEP_MM,
        y: area.min.y + Math.floor(random() * dims[1]) * GRID_STEP_MM,
        z: area.min.z + (firstSlab + Math.floor(random() * 6)) * GRID_STEP_MM,
      };
      expect(envelope.distance(node)).toBe(Math.fround(skinDistanceExact(landmarks, fatMm, node)));
      compared++;
    }
    expect(compared).toBe(600);
  });

  it('between the nodes, blends the exact values of the eight round it, as a grid sampled in one go would', () => {
    const envelope = new SkinEnvelope(knee.structures, knee.fatOverLandmarksMm, modelRegion);
    const random = seededRandom(29);
    for (let n = 0; n < 40; n++) {
      // A cell in a band through the knee, read at a point inside it: the cell's two slabs (z) are
      // both needed, and only this read fills them.
      const cell = { i: 5 + Math.floor(random() * 40), j: 5 + Math.floor(random() * 50), k: 10 + 2 * (n % 15) };
      const t = { x: random(), y: random(), z: random() };
      const corners = new Float32Array(8);
      for (let c = 0; c < 8; c++) {
        const node = { x: area.min.x + (cell.i + (c & 1)) * GRID_STEP_MM, y: area.min.y + (cell.j + ((c >> 1) & 1)) * GRID_STEP_MM, z: area.min.z + (cell.k + (c >> 2)) * GRID_STEP_MM };
        corners[c] = skinDistanceExact(knee.structures, knee.fatOverLandmarksMm, node);
      }
      const p = { x: area.min.x + (cell.i + t.x) * GRID_STEP_MM, y: area.min.y + (cell.j + t.y) * GRID_STEP_MM, z: area.min.z + (cell.k + t.z) * GRID_STEP_MM };
      expect(envelope.distance(p)).toBeCloseTo(interpolateGrid(corners, 2, 2, t.x, t.y, t.z), 4);
    }
  });

  it('round its grid, reads the coarser grid filled slab by slab on first read as one filled in one go', () => {
    const lazy = new SkinEnvelope(knee.structures, knee.fatOverLandmarksMm, modelRegion);
    const whole = new SkinEnvelope(knee.structures, knee.fatOverLandmarksMm, modelRegion);
    whole.sampleAll();
    const random = seededRandom(23);
    const outer = expandBox(surroundingsRegion, 12);
    let outside = 0;
    for (let n = 0; n < 300; n++) {
      // Above and below the 2 mm grid, where the 3 mm one answers (and beyond it, the exact union).
      const p = { x: outer.min.x + random() * (outer.max.x - outer.min.x), y: outer.min.y + random() * (outer.max.y - outer.min.y), z: random() < 0.5 ? area.max.z + random() * 30 : area.min.z - random() * 30 };
      expect(lazy.distance(p)).toBe(whole.distance(p));
      outside++;
    }
    expect(outside).toBe(300);
  });
});
