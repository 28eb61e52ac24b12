// Developer aid: mean echo level (dB from grey) of each labelled tissue in 2 mm depth bands of one view.
import { KneeAnatomy } from '../../src/core/anatomy/knee';
import { voxelise, labelAtVoxel } from '../../src/core/anatomy/voxelise';
import { nameOfLabelId } from '../../src/core/anatomy/tissues';
import { placeProbe } from '../../src/core/probe/placement';
import { probeFrame, ScanGeometry } from '../../src/core/probe/scanGeometry';
import { BModeImager } from '../../src/core/ultrasound/bmode';
import { defaultScannerSettings } from '../../src/core/ultrasound/scannerSettings';

const [x = '-20', y = '-35', z = '30', rotation = '0', depth = '40', tissue = 'gastrocnemiusLateral'] = process.argv.slice(2);
const knee = new KneeAnatomy();
const volume = voxelise(knee);
const imager = new BModeImager(knee, volume);
const pose = placeProbe(knee, { centre: { x: Number(x), y: Number(y), z: Number(z) }, rotationDeg: Number(rotation), compressionMm: 1 });
const frame = imager.form(pose, { ...defaultScannerSettings, depthMm: Number(depth) });
const scan = new ScanGeometry(knee, probeFrame(knee, pose), frame.image);
const bands = new Map<number, number[]>();
for (let row = 0; row < frame.image.rows; row++)
  for (let col = 0; col < frame.image.cols; col++) {
    const w = scan.worldAt(col, row);
    if (!w || nameOfLabelId(labelAtVoxel(volume, w)) !== tissue) continue;
    const band = Math.floor((row * frame.image.pixelMm) / 2) * 2;
    if (!bands.has(band)) bands.set(band, []);
    bands.get(band)!.push(frame.pixels[row * frame.image.cols + col]);
  }
for (const [band, greys] of [...bands].sort((a, b) => a[0] - b[0])) {
  const meanIntensity = greys.reduce((s, g) => s + 10 ** ((g - 127.5) / 4.25 / 10), 0) / greys.length;
  console.log(`${String(band).padStart(3)}–${band + 2} mm  n=${String(greys.length).padStart(5)}  ${(10 * Math.log10(meanIntensity)).toFixed(1)} dB`);
}
