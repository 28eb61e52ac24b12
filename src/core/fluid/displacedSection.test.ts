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

  it('after fluid under the nerve, marks the nerve lifted off the tissue under the fluid, on nerve and not on injectate', () => {
    const spread = new FluidSpread(volume, 1, knee.cpn);
    spread.inject(fromNerve(-radius - 0.6), 2.5);
    const lift = probeLiftMm(spread.warp, scan);
    // The probe rides on the skin the fluid bulged, so depths from it change too: what the image
    // shows is the nerve parted from what lay under it, by the fluid between them.
    // The fat just under the cuff (the bone under it holds; what lies between is squeezed).
    const under = fromNerve(-radius - 3);
    const gapMm = (marks: { nerve: { row: number }; under: { row: number } }) => (marks.under.row - marks.nerve.row) * scan.image.sampleSpacingMm;
    const before = gapMm({ nerve: scan.toImage(nerve.centre), under: scan.toImage(under) });
    const after = gapMm({ nerve: displacedImagePoint(scan, spread.warp, lift, nerve.centre), under: displacedImagePoint(scan, spread.warp, lift, under) });
    expect(after - before).toBeGreaterThan(1);
    expect(after - before).toBeLessThan(8);
    const moved = spread.warp.displacedPoint(nerve.centre);
    expect(spread.warp.fluidFractionAt(moved)).toBeLessThan(0.5);
    expect(['nerve', 'epineurium']).toContain(displacedTissueAt(knee, spread.warp, moved));
  });
});
