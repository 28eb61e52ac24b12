// Developer aid: writes the label preview at a landmark to a PNG, to look at while tuning anatomy.
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { KneeAnatomy } from '../../src/core/anatomy/knee';
import { voxelise } from '../../src/core/anatomy/voxelise';
import { probeFrame, ScanGeometry } from '../../src/core/probe/scanGeometry';
import { imageGeometry } from '../../src/core/imaging/imageGeometry';
import { renderLabelPreview } from '../../src/core/imaging/labelPreview';
import { classifyView } from '../../src/core/probe/viewClass';

const [landmark = 'cpnAtFibularHead', rotation = '0', out = '/tmp/preview.png', depth = '30'] = process.argv.slice(2);
const knee = new KneeAnatomy();
const volume = voxelise(knee);
const centre = knee.projectOntoSkin(knee.landmarks[landmark as keyof typeof knee.landmarks]);
const scan = new ScanGeometry(knee, probeFrame(knee, { centre, rotationDeg: Number(rotation), tiltDeg: 0, compressionMm: 1 }), imageGeometry(Number(depth)));
const pixels = new Uint8Array(scan.image.cols * scan.image.rows);
renderLabelPreview(volume, scan, pixels);
const png = new PNG({ width: scan.image.cols, height: scan.image.rows });
pixels.forEach((g, i) => png.data.set([g, g, g, 255], i * 4));
writeFileSync(out, PNG.sync.write(png));
console.log(out, classifyView(knee, scan));
