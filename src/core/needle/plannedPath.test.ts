import { describe, expect, it } from 'vitest';
import { KneeAnatomy } from '../anatomy/knee';
import { placeProbe } from '../probe/placement';
import { probeFrame, ScanGeometry } from '../probe/scanGeometry';
import { imageGeometry } from '../imaging/imageGeometry';
import { placeNeedle, advanceNeedle, needleVisibility, needleTip, NEEDLE_LENGTH_MM } from './needle';
import { plannedInPlanePath } from './plannedPath';
import { add, dot, scale, sub } from '../math/vec3';

const knee = new KneeAnatomy();
const head = knee.landmarks.cpnAtFibularHead;
const poses = [
  { rotationDeg: 0, tiltDeg: 0, compressionMm: 1 },
  { rotationDeg: 0, tiltDeg: 10, compressionMm: 0 },
  { rotationDeg: 0, tiltDeg: -10, compressionMm: 3 },
  { rotationDeg: 90, tiltDeg: 0, compressionMm: 1 },
  { rotationDeg: 35, tiltDeg: 6, compressionMm: 2 },
];

describe('the planned in-plane path ("Insert at medial end" and its guide)', () => {
  for (const p of poses) {
    for (const angleDeg of [10, 25, 45]) {
      it(`enters on the skin inside the slice and keeps the tip visible (rotation ${p.rotationDeg}°, tilt ${p.tiltDeg}°, press ${p.compressionMm} mm, ${angleDeg}°)`, () => {
        const pose = placeProbe(knee, { centre: head, ...p });
        const frame = probeFrame(knee, pose);
        const path = plannedInPlanePath(knee, frame, angleDeg);
        expect(Math.abs(knee.skin.distance(path.entry))).toBeLessThan(0.01);
        expect(Math.abs(dot(sub(path.entry, pose.centre), frame.elevationAxis))).toBeLessThan(0.01);
        let needle = placeNeedle(knee, path);
        for (let mm = 1; mm <= 20; mm++) {
          const step = advanceNeedle(knee, needle, 1);
          needle = step.state;
          if (needle.insertedMm < mm) break; // stopped on bone
          expect(needleVisibility(frame, needle).tipVisible, `tip at ${mm} mm`).toBe(true);
        }
      });
    }
  }

  it('the guide drawn from the path is the line the shaft is imaged on', () => {
    const pose = placeProbe(knee, { centre: head, rotationDeg: 0, tiltDeg: 0, compressionMm: 1 });
    const frame = probeFrame(knee, pose);
    const scan = new ScanGeometry(knee, frame, imageGeometry(30));
    const imagedDeg: number[] = [];
    for (const angleDeg of [3, 7, 11, 25]) {
      const path = plannedInPlanePath(knee, frame, angleDeg);
      const needle = advanceNeedle(knee, placeNeedle(knee, path), 20).state;
      // The planned line and the needle's own shaft fall on the same pixels.
      for (let d = 0; d <= Math.min(needle.insertedMm, NEEDLE_LENGTH_MM); d += 2) {
        const planned = scan.toImage(add(path.entry, scale(path.direction, d)));
        const shaft = scan.toImage(add(needle.entry, scale(needle.direction, d)));
        expect(Math.hypot(planned.col - shaft.col, planned.row - shaft.row)).toBeLessThan(0.5);
      }
      const a = scan.toImage(needleTip({ ...needle, insertedMm: 5 }));
      const b = scan.toImage(needleTip({ ...needle, insertedMm: 15 }));
      imagedDeg.push((Math.atan2(b.row - a.row, b.col - a.col) * 180) / Math.PI);
    }
    // A steeper plan is a steeper line on the image (the image hangs from the skin, so the angles
    // on screen are not the angles to the face; the guide shows the screen's).
    for (let i = 1; i < imagedDeg.length; i++) expect(imagedDeg[i]).toBeGreaterThan(imagedDeg[i - 1] + 2);
  });
});
