// Developer aid: the model attempt's 5 ml in long axis (top) and short axis (bottom), as the
// spread left it in the resting anatomy (left: fluid in place, nothing pushed aside) and as the
// image shows it with the tissue pushed aside (right), 2× — the warp should keep the left's shape
// round the nerve. `npx tsx scripts/dev/hydro-compare.ts [out.png]`.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PNG } from 'pngjs';
import { defaultScannerSettings } from '../../src/core/ultrasound/scannerSettings';
import type { EchoOptions } from '../../src/core/ultrasound/echoField';
import { patient, hydrodissection } from '../atlas/scene';

const out = resolve(process.argv[2] ?? 'hydro-compare.png');
const p = patient('normal-teaching-knee');
const h = hydrodissection();
const longAxis = h.savedPoses['long-axis-spread'];
const shortAxis = h.savedPoses['short-axis-halo'] ?? h.shortAxisPose;
const inPlace: EchoOptions = { fluid: h.after.fluid };
const frames = [
  [longAxis, inPlace],
  [longAxis, h.after],
  [shortAxis, inPlace],
  [shortAxis, h.after],
].map(([pose, options]) => p.frames.bModeFrame(pose as typeof longAxis, { ...defaultScannerSettings, timeSeconds: 0 }, options as EchoOptions));
const k = 2;
const gap = 10;
const { width: w, height: hgt } = frames[0];
const sheet = new PNG({ width: 2 * w * k + gap, height: 2 * hgt * k + gap });
frames.forEach((f, i) => {
  const ox = (i % 2) * (w * k + gap);
  const oy = Math.floor(i / 2) * (hgt * k + gap);
  for (let y = 0; y < hgt * k; y++)
    for (let x = 0; x < w * k; x++) {
      const v = f.pixels[Math.floor(y / k) * w + Math.floor(x / k)];
      sheet.data.set([v, v, v, 255], ((oy + y) * sheet.width + ox + x) * 4);
    }
});
writeFileSync(out, PNG.sync.write(sheet));
console.log(`→ ${out}`);
