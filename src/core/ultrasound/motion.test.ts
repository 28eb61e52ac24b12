import { describe, expect, it } from 'vitest';
import { KneeAnatomy } from '../anatomy/knee';
import { voxelise, labelAtVoxel } from '../anatomy/voxelise';
import { tissueOfLabelId } from '../anatomy/tissues';
import { placeProbe } from '../probe/placement';
import { probeFrame, ScanGeometry } from '../probe/scanGeometry';
import { nextSkinDrag } from '../probe/skinDrag';
import { BModeImager } from './bmode';
import { TissueMotion } from './tissueMotion';
import { defaultScannerSettings } from './scannerSettings';
import type { ProbePose } from '../probe/pose';

/** Each knee is voxelised once for the file (two tests use each): the tests only read it. */
const kneesByAdhesion = new Map<boolean, { knee: KneeAnatomy; volume: ReturnType<typeof voxelise> }>();

function rig(adhesion: boolean) {
  let built = kneesByAdhesion.get(adhesion);
  if (!built) {
    const knee = new KneeAnatomy({ adhesionToGastrocnemius: adhesion });
    built = { knee, volume: voxelise(knee) };
    kneesByAdhesion.set(adhesion, built);
  }
  return { ...built, imager: new BModeImager(built.knee, built.volume) };
}

/** Column shift (pixels) that best aligns a patch of `after` with `before` (cross-correlation). */
function patchShift(before: Uint8Array, after: Uint8Array, cols: number, col: number, row: number, halfWidth: number, halfHeight: number): number {
  let best = -Infinity;
  let bestShift = 0;
  for (let shift = -20; shift <= 20; shift++) {
    let sum = 0;
    for (let r = row - halfHeight; r <= row + halfHeight; r++) {
      for (let c = col - halfWidth; c <= col + halfWidth; c++) {
        sum += (before[r * cols + c] - 60) * (after[r * cols + c + shift] - 60);
      }
    }
    if (sum > best) {
      best = sum;
      bestShift = shift;
    }
  }
  return bestShift;
}

describe('dynamic assessment: what moves when the pressed probe drags the skin', () => {
  const measure = (adhesion: boolean, adhesionReleased = false) => {
    const { knee, volume, imager } = rig(adhesion);
    const rest = placeProbe(knee, { centre: knee.landmarks.cpnAtFibularHead, rotationDeg: 0, compressionMm: 3 });
    const dragged: ProbePose = { ...rest, skinDragMm: 2.25 };
    const settings = { ...defaultScannerSettings, depthMm: 25 };
    const a = imager.form(rest, settings, { adhesionReleased }).pixels.slice();
    const frame = imager.form(dragged, settings, { adhesionReleased });
    const b = frame.pixels.slice();
    const scan = new ScanGeometry(knee, probeFrame(knee, rest), frame.image);
    const nerve = scan.toImage(knee.landmarks.cpnAtFibularHead);
    // A patch of lateral gastrocnemius in the same image, medial to the nerve.
    let muscleCol = -1;
    let muscleRow = -1;
    for (let col = 30; col < nerve.col - 20 && muscleCol < 0; col += 4) {
      for (let row = 30; row < 120; row += 4) {
        const w = scan.worldAt(col, row);
        if (w && labelAtVoxel(volume, w) === 5 && tissueOfLabelId(labelAtVoxel(volume, { ...w, z: w.z - 1.5 })) === 'muscle') {
          muscleCol = col + 12;
          muscleRow = row + 8;
          break;
        }
      }
    }
    expect(muscleCol).toBeGreaterThan(0);
    return {
      nerve: patchShift(a, b, frame.image.cols, Math.round(nerve.col), Math.round(nerve.row), 10, 8),
      muscle: patchShift(a, b, frame.image.cols, muscleCol, muscleRow, 10, 8),
    };
  };

  it('a free nerve moves with the fat, more than the gastrocnemius does', () => {
    const free = measure(false);
    expect(free.nerve - free.muscle).toBeGreaterThanOrEqual(3);
  });

  it('a nerve scarred to the gastrocnemius moves with it', () => {
    const adhered = measure(true);
    expect(Math.abs(adhered.nerve - adhered.muscle)).toBeLessThanOrEqual(2);
  });

  it('once fluid has opened the scar’s plane, the nerve moves with the fat again', () => {
    const released = measure(true, true);
    expect(released.nerve - released.muscle).toBeGreaterThanOrEqual(3);
  });

  it('the skin follows a pressed probe up to its grip, and springs back when the probe lifts', () => {
    const knee = new KneeAnatomy();
    const start = placeProbe(knee, { centre: knee.landmarks.cpnAtFibularHead, rotationDeg: 0, compressionMm: 2 });
    const axis = probeFrame(knee, start).arrayAxis;
    const moved = (mm: number, compressionMm = 2): ProbePose => ({ ...start, compressionMm, centre: { x: start.centre.x + axis.x * mm, y: start.centre.y + axis.y * mm, z: start.centre.z + axis.z * mm } });
    expect(nextSkinDrag(start, moved(1), axis)).toBeCloseTo(1, 5);
    expect(nextSkinDrag(start, moved(4), axis)).toBeCloseTo(1.5, 5);
    expect(nextSkinDrag({ ...start, skinDragMm: 1.5 }, moved(0, 0), axis)).toBe(0);
    expect(nextSkinDrag(start, moved(30), axis)).toBe(0);
  });
});

describe('a pressed nerve flattens slightly', () => {
  it('shows a shorter section along the beam under full pressure', () => {
    const { knee, volume } = rig(false);
    const thickness = (compressionMm: number) => {
      const pose = placeProbe(knee, { centre: knee.landmarks.cpnAtFibularHead, rotationDeg: 0, compressionMm });
      const frame = probeFrame(knee, pose);
      const motion = new TissueMotion(knee, frame);
      const centre = knee.landmarks.cpnAtFibularHead;
      const out = { x: 0, y: 0, z: 0 };
      const labelAt = (x: number, y: number, z: number) => labelAtVoxel(volume, { x, y, z });
      let inside = 0;
      for (let d = -4; d <= 4; d += 0.05) {
        const p = { x: centre.x + frame.beamAxis.x * d, y: centre.y + frame.beamAxis.y * d, z: centre.z + frame.beamAxis.z * d };
        const label = motion.source(p, 5, labelAt, out);
        if (tissueOfLabelId(label) === 'nerve' || tissueOfLabelId(label) === 'epineurium') inside += 0.05;
      }
      return inside;
    };
    const relaxed = thickness(0);
    const pressed = thickness(6);
    expect(pressed).toBeLessThan(relaxed * 0.9);
    expect(pressed).toBeGreaterThan(relaxed * 0.7);
  });
});
