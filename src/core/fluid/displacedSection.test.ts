import { describe, expect, it } from 'vitest';
import { FluidSpread } from './spread';
import { displacedImagePoint, probeLiftMm } from './displacedSection';
import { displacedTissueAt } from './tissueWarp';
import { nerveAtHead } from './nerveAtHeadFixture';
import { placeProbe } from '../probe/placement';
import { probeFrame, ScanGeometry } from '../probe/scanGeometry';
import { imageGeometry } from '../imaging/imageGeometry';

const { knee, volume, nerve, radius, fromNerve } = nerveAtHead();
const along = (Math.atan2(nerve.tangent.y, nerve.tangent.x) * 180) / Math.PI;
const pose = placeProbe(knee, { centre: nerve.centre, rotationDeg: along - 90, compressionMm: 1 });
const scan = new ScanGeometry(knee, probeFrame(knee, pose), imageGeometry(25));

describe("the debrief's marks on the displaced anatomy", () => {
  it('with no fluid, marks the resting anatomy where the image shows it', () => {
    const spread = new FluidSpread(volume, 1, knee.cpn);
    expect(probeLiftMm(spread.warp, scan)).toBe(0);
    const shown = displacedImagePoint(scan, spread.warp, 0, nerve.centre);
    const rest = scan.toImage(nerve.centre);
    expect(shown.col).toBeCloseTo(rest.col, 9);
    expect(shown.row).toBeCloseTo(rest.row, 9);
  });

  it('after fluid under the nerve, marks the nerve where the fluid lifted it (shallower), on nerve and not on injectate', () => {
    const spread = new FluidSpread(volume, 1, knee.cpn);
    spread.inject(fromNerve(-radius - 0.6), 2.5);
    const lift = probeLiftMm(spread.warp, scan);
    const shown = displacedImagePoint(scan, spread.warp, lift, nerve.centre);
    const rest = scan.toImage(nerve.centre);
    const shallowerMm = (rest.row - shown.row) * scan.image.sampleSpacingMm;
    expect(shallowerMm).toBeGreaterThan(0.3);
    expect(shallowerMm).toBeLessThan(6);
    const moved = spread.warp.displacedPoint(nerve.centre);
    expect(spread.warp.fluidFractionAt(moved)).toBeLessThan(0.5);
    expect(['nerve', 'epineurium']).toContain(displacedTissueAt(knee, spread.warp, moved));
  });
});
