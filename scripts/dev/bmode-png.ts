// Developer aid: writes the B-mode frame at a landmark to a PNG, to judge the picture while tuning.
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { KneeAnatomy } from '../../src/core/anatomy/knee';
import { voxelise } from '../../src/core/anatomy/voxelise';
import { placeProbe } from '../../src/core/probe/placement';
import { BModeImager } from '../../src/core/ultrasound/bmode';
import { defaultScannerSettings } from '../../src/core/ultrasound/scannerSettings';

const [landmark = 'cpnAtFibularHead', rotation = '0', out = '/tmp/bmode.png', depth = '30', tilt = '0'] = process.argv.slice(2);
const knee = new KneeAnatomy();
const volume = voxelise(knee);
const imager = new BModeImager(knee, volume);
const pose = placeProbe(knee, { centre: knee.landmarks[landmark as keyof typeof knee.landmarks], rotationDeg: Number(rotation), tiltDeg: Number(tilt), compressionMm: 1 });
const settings = { ...defaultScannerSettings, depthMm: Number(depth) };
imager.form(pose, settings);
const t0 = performance.now();
const frame = imager.form(pose, settings);
console.log('frame ms', (performance.now() - t0).toFixed(1));
const png = new PNG({ width: frame.image.cols, height: frame.image.rows });
frame.pixels.forEach((g, i) => png.data.set([g, g, g, 255], i * 4));
writeFileSync(out, PNG.sync.write(png));
