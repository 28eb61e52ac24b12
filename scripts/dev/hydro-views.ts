// Developer aid: only the atlas's two views after the model attempt's 5 ml (short and long axis),
// at 3× for a close look: `npx tsx scripts/dev/hydro-views.ts <out-dir>`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { defaultScannerSettings } from '../../src/core/ultrasound/scannerSettings';
import { patient, hydrodissection } from '../atlas/scene';

const out = resolve(process.argv[2] ?? 'atlas');
mkdirSync(out, { recursive: true });
const p = patient('normal-teaching-knee');
const h = hydrodissection();
const views = { 'hydro-sa': h.savedPoses['short-axis-halo'] ?? h.shortAxisPose, 'hydro-la': h.savedPoses['long-axis-spread'] };
for (const [name, pose] of Object.entries(views)) {
  const t0 = performance.now();
  const frame = p.frames.bModeFrame(pose, { ...defaultScannerSettings, timeSeconds: 0 }, h.after);
  const ms = performance.now() - t0;
  const k = 3;
  const png = new PNG({ width: frame.width * k, height: frame.height * k });
  for (let y = 0; y < frame.height * k; y++)
    for (let x = 0; x < frame.width * k; x++) {
      const v = frame.pixels[Math.floor(y / k) * frame.width + Math.floor(x / k)];
      png.data.set([v, v, v, 255], (y * frame.width * k + x) * 4);
    }
  writeFileSync(join(out, `${name}.png`), PNG.sync.write(png));
  console.log(`${name}: ${frame.width}×${frame.height}, ${ms.toFixed(0)} ms → ${join(out, `${name}.png`)}`);
}
