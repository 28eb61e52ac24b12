// Developer aid: B-mode short-axis frames at the fibular neck before and after a one-sided
// injection deep to the nerve, with and without the fluid's push, side by side in one PNG.
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { KneeAnatomy } from '../../src/core/anatomy/knee';
import { voxelise } from '../../src/core/anatomy/voxelise';
import { placeProbe } from '../../src/core/probe/placement';
import { BModeImager } from '../../src/core/ultrasound/bmode';
import { defaultScannerSettings } from '../../src/core/ultrasound/scannerSettings';
import { FluidSpread } from '../../src/core/fluid/spread';
import { fluidDisplacement } from '../../src/core/fluid/displacement';

const [out = '/tmp/fluid-image.png', adhered = 'false', level = '-5', ml = '2.5', side = 'deep'] = process.argv.slice(2);
const knee = new KneeAnatomy({ adhesionToGastrocnemius: adhered === 'true' });
const volume = voxelise(knee);
const imager = new BModeImager(knee, volume);
const site = knee.nerveSAtLevel(Number(level));
const n = knee.nerveAt(site)!;
const up = knee.skinNormal(knee.projectOntoSkin(n.centre));
const r = Math.sqrt(n.areaMm2 / Math.PI);
const pose = placeProbe(knee, { centre: n.centre, rotationDeg: 0, compressionMm: 1 });
const settings = { ...defaultScannerSettings, depthMm: 25 };
const spread = new FluidSpread(volume, 1);
const before = imager.form(pose, settings).pixels.slice();
const k = side === 'deep' ? -(r + 0.6) : r + 0.6;
const result = spread.inject({ x: n.centre.x + up.x * k, y: n.centre.y + up.y * k, z: n.centre.z + up.z * k }, Number(ml));
const moved = fluidDisplacement(knee, volume, spread.field, spread.warp, spread.filledBox);
console.log('pressure', result.openingPressurePsi.toFixed(1), 'adhesion opened', moved.adhesionOpenedShare.toFixed(2), 'released', moved.adhesionReleased);
if (moved.nerveLift) {
  const o = moved.nerveLift.offsets;
  const i = Math.round(site - moved.nerveLift.firstSMm) * 3;
  console.log('lift at site', o.slice(i, i + 3).map((v) => v.toFixed(2)).join(', '));
}
const still = imager.form(pose, settings, { fluid: spread.field.fill }).pixels.slice();
const pushed = imager.form(pose, settings, { fluid: spread.field.fill, nerveDeformation: { swelling: null, lift: moved.nerveLift }, adhesionReleased: moved.adhesionReleased });
const w = pushed.image.cols;
const h = pushed.image.rows;
const png = new PNG({ width: w * 3 + 8, height: h });
const put = (pixels: Uint8Array, x0: number) => pixels.forEach((g, i) => png.data.set([g, g, g, 255], ((i / w | 0) * png.width + x0 + (i % w)) * 4));
put(before, 0);
put(still, w + 4);
put(pushed.pixels, 2 * w + 8);
writeFileSync(out, PNG.sync.write(png));
