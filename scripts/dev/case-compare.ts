// Developer aid: short-axis B-mode frames at the fibular head of two cases side by side, cropped
// round the nerve and enlarged 3×, to compare their nerves as a sonographer would.
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { KneeAnatomy } from '../../src/core/anatomy/knee';
import { voxelise } from '../../src/core/anatomy/voxelise';
import { placeProbe } from '../../src/core/probe/placement';
import { probeFrame, ScanGeometry } from '../../src/core/probe/scanGeometry';
import { FrameMaker } from '../../src/core/imaging/frame';
import { imageGeometry } from '../../src/core/imaging/imageGeometry';
import { defaultScannerSettings } from '../../src/core/ultrasound/scannerSettings';
import { findCase, caseParameters } from '../../src/core/cases/cases';

const [a = 'normal-teaching-knee', b = 'patient-3', out = '/tmp/case-compare.png'] = process.argv.slice(2);
const DEPTH = 20;
const HALF = 40; // pixels each side of the nerve
const ZOOM = 3;
const crops = [a, b].map((id) => {
  const knee = new KneeAnatomy(caseParameters(findCase(id)!, 'right', 1));
  const frames = new FrameMaker(knee, voxelise(knee));
  const s = knee.nerveSAtLevel(-5);
  const n = knee.nerveAt(s)!;
  const pose = placeProbe(knee, { centre: n.centre, rotationDeg: (Math.atan2(n.tangent.y, n.tangent.x) * 180) / Math.PI - 90, compressionMm: 1 });
  const f = frames.bModeFrame(pose, { ...defaultScannerSettings, depthMm: DEPTH, focusMm: 8, timeSeconds: 0 });
  const g = imageGeometry(DEPTH);
  const at = new ScanGeometry(knee, probeFrame(knee, pose), g).toImage(n.centre);
  const c0 = Math.round((at.col * f.width) / g.cols) - HALF;
  const r0 = Math.round((at.row * f.height) / g.rows) - HALF;
  console.log(id, 'area', n.areaMm2.toFixed(1), 'mm²');
  return (x: number, y: number) => f.pixels[Math.min(f.height - 1, Math.max(0, r0 + y)) * f.width + Math.min(f.width - 1, Math.max(0, c0 + x))];
});
const side = 2 * HALF * ZOOM;
const png = new PNG({ width: side * 2 + 6, height: side });
crops.forEach((grey, k) => {
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) {
    const g = grey(Math.floor(x / ZOOM), Math.floor(y / ZOOM));
    png.data.set([g, g, g, 255], (y * png.width + k * (side + 6) + x) * 4);
  }
});
writeFileSync(out, PNG.sync.write(png));
