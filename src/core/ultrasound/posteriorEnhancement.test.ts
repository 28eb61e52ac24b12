import { describe, expect, it } from 'vitest';
import { KneeAnatomy } from '../anatomy/knee';
import { voxelise } from '../anatomy/voxelise';
import { placeProbe } from '../probe/placement';
import { probeFrame } from '../probe/scanGeometry';
import { BModeImager } from './bmode';
import { defaultScannerSettings } from './scannerSettings';
import { posteriorEnhancement } from './posteriorEnhancement';
import type { Vec3 } from '../math/vec3';

const knee = new KneeAnatomy();
const volume = voxelise(knee);
const imager = new BModeImager(knee, volume);
const settings = { ...defaultScannerSettings, timeSeconds: 0 };
// Over the calf muscles, soft tissue to ~25 mm deep: nothing but the fluid above what is measured.
const pose = placeProbe(knee, { centre: { x: -20, y: -35, z: 30 }, rotationDeg: 0, compressionMm: 1 });
const axes = probeFrame(knee, pose);

/** A lens of injectate (semi-axes along the array, across the slice and along the beam, mm) `depthMm` under the probe. */
function lens(depthMm: number, acrossMm: number, thickMm: number): Uint8Array {
  const fill = new Uint8Array(volume.labels.length);
  const h = volume.spacingMm;
  const { arrayAxis: a, elevationAxis: e, beamAxis: b } = axes;
  const centre: Vec3 = { x: pose.centre.x + b.x * depthMm, y: pose.centre.y + b.y * depthMm, z: pose.centre.z + b.z * depthMm };
  const reach = Math.max(acrossMm, thickMm) + 1;
  for (let iz = Math.floor((centre.z - reach - volume.origin.z) / h); iz <= (centre.z + reach - volume.origin.z) / h; iz++)
    for (let iy = Math.floor((centre.y - reach - volume.origin.y) / h); iy <= (centre.y + reach - volume.origin.y) / h; iy++)
      for (let ix = Math.floor((centre.x - reach - volume.origin.x) / h); ix <= (centre.x + reach - volume.origin.x) / h; ix++) {
        const dx = volume.origin.x + ix * h - centre.x;
        const dy = volume.origin.y + iy * h - centre.y;
        const dz = volume.origin.z + iz * h - centre.z;
        const u = (dx * a.x + dy * a.y + dz * a.z) / acrossMm;
        const v = (dx * e.x + dy * e.y + dz * e.z) / acrossMm;
        const w = (dx * b.x + dy * b.y + dz * b.z) / thickMm;
        // A soft edge one voxel wide, as the spread's smoothed fraction has.
        const inside = (1 - Math.sqrt(u * u + v * v + w * w)) * (thickMm / h) + 0.5;
        fill[ix + volume.nx * (iy + volume.ny * iz)] = Math.round(255 * Math.min(1, Math.max(0, inside)));
      }
  return fill;
}

describe('posterior enhancement', () => {
  // 5 ml as a lens 16 mm across and 6 mm thick, its floor ~10 mm deep.
  const under = posteriorEnhancement(imager, knee, volume, pose, settings, { fluid: lens(7, 8, 3) });

  it('brightens the tissue under anechoic injectate against the same depths beside it', () => {
    expect(under.linesUnderFluid).toBeGreaterThan(40);
    // ≥ 4 dB at 60 dB over 255 grey levels.
    expect(under.meanGreyBelow - under.meanGreyBeside).toBeGreaterThan(17);
  });

  it('leaves it below saturation: < 2 % of the samples under the fluid at 255', () => {
    expect(under.saturatedBelow).toBeLessThan(0.02);
  });
});
