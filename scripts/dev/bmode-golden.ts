// Developer aid: hashes of B-mode frames through each path of the echo loop (plain, dragged skin,
// needle, injectate with the tissue warp, injectate alone), to check that a speed-up changes no
// pixel: `npx tsx scripts/dev/bmode-golden.ts` before and after, and compare.
import { createHash } from 'node:crypto';
import { FrameMaker } from '../../src/core/imaging/frame';
import { placeProbe } from '../../src/core/probe/placement';
import { FluidSpread } from '../../src/core/fluid/spread';
import { fluidEffects } from '../../src/core/fluid/fluidEffects';
import { defaultScannerSettings } from '../../src/core/ultrasound/scannerSettings';
import { nerveAtHead } from '../../src/core/fluid/nerveAtHeadFixture';
import { BModeImager } from '../../src/core/ultrasound/bmode';

const { knee, volume, site, nerve, radius, fromNerve } = nerveAtHead();
const hash = (pixels: Uint8Array) => createHash('sha256').update(pixels).digest('hex').slice(0, 12);
const settings = { ...defaultScannerSettings, timeSeconds: 0.2 };
const imager = new BModeImager(knee, volume);
const pose = placeProbe(knee, { centre: knee.projectOntoSkin(nerve.centre), rotationDeg: (Math.atan2(nerve.tangent.y, nerve.tangent.x) * 180) / Math.PI - 90, compressionMm: 1 });
const c = nerve.centre;
console.log('plain', hash(imager.form(pose, settings).pixels));
console.log('drag', hash(imager.form({ ...pose, skinDragMm: 1.5 }, settings).pixels));
console.log('needle', hash(imager.form(pose, settings, { needle: { entry: { x: c.x - 8, y: c.y, z: c.z + 6 }, tip: { x: c.x + 2, y: c.y, z: c.z + 1 }, diameterMm: 0.51 } }).pixels));
const spread = new FluidSpread(volume, 1, knee.cpn);
for (const side of [1, -1]) for (let v = 0; v < 2.5 - 1e-9; v += 0.1) spread.inject(fromNerve(side * (radius + 1.2)), 0.1);
const effects = fluidEffects(knee, volume, spread.field, spread.filledBox, site);
const nerveDeformation = { swelling: effects.swelling, lift: effects.displacement.nerveLift };
const after = { fluid: spread.field.fill, tissueWarp: spread.warp, nerveDeformation, adhesionReleased: effects.displacement.adhesionReleased };
console.log('warp', hash(new FrameMaker(knee, volume).bModeFrame(pose, settings, after).pixels));
console.log('fluid', hash(imager.form(pose, settings, { fluid: spread.field.fill, nerveDeformation }).pixels));
