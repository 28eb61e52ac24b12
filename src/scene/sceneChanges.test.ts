import { describe, it, expect } from 'vitest';
import { sceneChanged } from './sceneChanges';
import type { SimState } from '../state/store';

const pose = { centre: { x: 1, y: 2, z: 3 }, rotationDeg: 0, tiltDeg: 0, compressionMm: 1, skinDragMm: 0.2 };
const needle = { entry: { x: 0, y: 0, z: 10 }, direction: { x: 0, y: 0, z: -1 }, insertedMm: 12 };
const base = { probe: { pose, view: 'short-axis' }, needle, fluidSurface: null, showLabels: true } as unknown as SimState;
/** What the worker's answer mirrors: its own copies (structured clone) of the same values. */
const copied = (s: SimState, patch: Partial<SimState> = {}) => ({ ...s, ...structuredClone({ probe: s.probe, needle: s.needle }), ...patch }) as SimState;

describe('what redraws the 3D view', () => {
  it("the worker's copies of the pose and the needle draw nothing", () => {
    expect(sceneChanged(copied(base), base)).toBe(false);
  });
  it('a pose or a needle that moved draws, and so does any other field the view shows', () => {
    const moved = copied(base);
    moved.probe!.pose.centre.x += 0.5;
    expect(sceneChanged(moved, base)).toBe(true);
    const advanced = copied(base);
    advanced.needle!.insertedMm += 0.5;
    expect(sceneChanged(advanced, base)).toBe(true);
    expect(sceneChanged(copied(base, { needle: null }), base)).toBe(true);
    expect(sceneChanged(copied(base, { showLabels: false }), base)).toBe(true);
    // A field the view does not show.
    expect(sceneChanged({ ...base, syringeMl: 3 } as SimState, base)).toBe(false);
  });
});
