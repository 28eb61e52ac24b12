import { describe, expect, it } from 'vitest';
import { KneeAnatomy } from '../anatomy/knee';
import { voxelise, fineGridPending, buildFineGridStep, completeFineGrid, UNFILLED } from '../anatomy/voxelise';
import { startCaseParameters } from '../cases/cases';
import { FrameMaker } from './frame';
import { placeProbe, nearestScannableSkinPoint } from '../probe/placement';
import { defaultScannerSettings } from '../ultrasound/scannerSettings';
import { FluidSpread } from '../fluid/spread';
import { seededRandom } from '../random';
import type { ProbePose } from '../probe/pose';

const knee = new KneeAnatomy(startCaseParameters());
const whole = voxelise(knee, { surroundingsLater: true });
const wholeFrames = new FrameMaker(knee, whole);
const later = () => voxelise(knee, { surroundingsLater: true, fineGridLater: true });

/** Poses over the knee's posterolateral skin: every rotation, tilts, presses, at the fibular head and round it. */
function poses(count: number): { pose: ProbePose; depthMm: number; timeSeconds: number }[] {
  const random = seededRandom(13);
  const head = knee.landmarks.cpnAtFibularHead;
  return Array.from({ length: count }, () => {
    const centre = nearestScannableSkinPoint(knee, { x: head.x + (random() - 0.5) * 50, y: head.y + (random() - 0.5) * 70, z: head.z + 30 });
    const pose = placeProbe(knee, { centre, rotationDeg: random() * 180, tiltDeg: (random() - 0.5) * 30, compressionMm: random() * 5 });
    return { pose, depthMm: [20, 30, 40, 60][Math.floor(random() * 4)], timeSeconds: random() * 2 };
  });
}

describe('a fine grid filled later', () => {
  it('is, once complete, the same bytes as a grid filled in one go, whatever the order its blocks were filled in', () => {
    const volume = later();
    expect(fineGridPending(volume)).toBe(true);
    expect(volume.labels.every((l) => l === UNFILLED)).toBe(true);
    const head = knee.landmarks.cpnAtFibularHead;
    expect(buildFineGridStep(volume, 40, head)).toBe(false);
    expect(buildFineGridStep(volume, 25)).toBe(false);
    // A point that is not one (a malformed pose's) fills in order, as without one.
    const left = volume.fineGridPending!.blocksLeft;
    expect(buildFineGridStep(volume, 2, { x: Number.NaN, y: 0, z: 0 })).toBe(false);
    expect(volume.fineGridPending!.blocksLeft).toBe(left - 2);
    completeFineGrid(volume);
    expect(fineGridPending(volume)).toBe(false);
    expect(Buffer.from(volume.labels).equals(Buffer.from(whole.labels))).toBe(true);
  });

  it('gives every frame, B-mode and anatomy, the bytes the complete grid gives, filling only the blocks round it', () => {
    const volume = later();
    const frames = new FrameMaker(knee, volume);
    const head = knee.landmarks.cpnAtFibularHead;
    const needle = { entry: { x: head.x - 25, y: head.y, z: head.z + 12 }, tip: { x: head.x - 2, y: head.y, z: head.z + 1 }, diameterMm: 0.5 };
    let blocksAfterFirst = 0;
    for (const [i, { pose, depthMm, timeSeconds }] of poses(10).entries()) {
      const settings = { ...defaultScannerSettings, depthMm, timeSeconds };
      const options = i % 3 === 0 ? { needle } : {};
      const lazy = frames.bModeFrame(pose, settings, options);
      if (i === 0) blocksAfterFirst = volume.fineGridPending?.blocksLeft ?? 0;
      expect(Buffer.from(lazy.pixels).equals(Buffer.from(wholeFrames.bModeFrame(pose, settings, options).pixels)), `B-mode frame ${i}`).toBe(true);
      expect(Buffer.from(frames.anatomyFrame(pose, depthMm, 0).pixels).equals(Buffer.from(wholeFrames.anatomyFrame(pose, depthMm, 0).pixels)), `anatomy frame ${i}`).toBe(true);
    }
    // One frame filled a part of the grid, not all of it.
    const blocks = Math.ceil(volume.nx / 32) * Math.ceil(volume.ny / 32) * Math.ceil(volume.nz / 32);
    expect(blocksAfterFirst).toBeGreaterThan(blocks / 2);
  }, 60_000);

  it('is completed by the first injection, which then spreads as in a complete grid', () => {
    const volume = later();
    const head = knee.landmarks.cpnAtFibularHead;
    const tip = { x: head.x, y: head.y, z: head.z + 2.5 };
    const lazy = new FluidSpread(volume, 1, knee.cpn).inject(tip, 0.5);
    expect(fineGridPending(volume)).toBe(false);
    const eager = new FluidSpread(whole, 1, knee.cpn).inject(tip, 0.5);
    expect(lazy).toEqual(eager);
  });

  it('is completed by a frame with injectate, whose warp may move a read any distance', () => {
    const head = knee.landmarks.cpnAtFibularHead;
    const spread = new FluidSpread(whole, 1, knee.cpn);
    spread.inject({ x: head.x, y: head.y, z: head.z + 2.5 }, 0.5);
    const volume = later();
    new FrameMaker(knee, volume).bModeFrame(poses(1)[0].pose, defaultScannerSettings, { fluid: spread.field.fill, tissueWarp: spread.warp });
    expect(fineGridPending(volume)).toBe(false);
    // A session's spread before any injection has a warp that moves nothing: that frame fills only its reach.
    const untouched = later();
    new FrameMaker(knee, untouched).bModeFrame(poses(1)[0].pose, defaultScannerSettings, { tissueWarp: new FluidSpread(whole, 1, knee.cpn).warp });
    expect(fineGridPending(untouched)).toBe(true);
  });
});
