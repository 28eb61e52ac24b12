// dev: render views and print per-tissue dB stats
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { KneeAnatomy } from '../../src/core/anatomy/knee';
import { voxelise, labelAtVoxel } from '../../src/core/anatomy/voxelise';
import { nameOfLabelId } from '../../src/core/anatomy/tissues';
import { placeProbe } from '../../src/core/probe/placement';
import { probeFrame, ScanGeometry } from '../../src/core/probe/scanGeometry';
import { BModeImager } from '../../src/core/ultrasound/bmode';
import { defaultScannerSettings } from '../../src/core/ultrasound/scannerSettings';

const knee = new KneeAnatomy(process.env.SWOLLEN ? { nerveAreaMm2: 16 } : {});
const volume = voxelise(knee);
const imager = new BModeImager(knee, volume);
const views: [string, { x: number; y: number; z: number }, number, number, number][] = [
  ['sa_head', knee.landmarks.cpnAtFibularHead, 0, 0, 30],
  ['la_head', knee.landmarks.cpnAtFibularHead, 90, 0, 30],
  ['sa_neck', knee.nerveAt(-18)!.centre, 0, 0, 30],
  ['sa_prox', knee.nerveAt(30)!.centre, 0, 0, 30],
  ['tendon0', { x: 7, y: 26, z: 22 }, 0, 0, 30],
  ['tendon5', { x: 7, y: 26, z: 22 }, 0, 5, 30],
  ['tendon10', { x: 7, y: 26, z: 22 }, 0, 10, 30],
  ['tendon15', { x: 7, y: 26, z: 22 }, 0, 15, 30],
  ['deep60', knee.landmarks.cpnAtFibularHead, 0, 0, 60],
  ['calf40', { x: -20, y: -35, z: 30 }, 0, 0, 40],
];
const only = process.argv[2];
for (const [name, centre, rot, tilt, depth] of views) {
  if (only && !only.split(',').includes(name)) continue;
  const pose = placeProbe(knee, { centre, rotationDeg: rot, tiltDeg: tilt, compressionMm: 1 });
  const settings = { ...defaultScannerSettings, depthMm: depth };
  const t0 = performance.now();
  const frame = imager.form(pose, settings);
  const ms = performance.now() - t0;
  const { cols, rows } = frame.image;
  const scan = new ScanGeometry(knee, probeFrame(knee, pose), frame.image);
  const byLabel = new Map<string, number[]>();
  let zeros = 0;
  const all: number[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
    const g = frame.pixels[r * cols + c];
    all.push(g);
    if (g === 0) zeros++;
    const w = scan.worldAt(c, r);
    const l = w ? nameOfLabelId(labelAtVoxel(volume, w)) : 'none';
    if (!byLabel.has(l)) byLabel.set(l, []);
    byLabel.get(l)!.push(g);
  }
  all.sort((a, b) => a - b);
  const pct = (a: number[], q: number) => a[Math.floor(q * (a.length - 1))];
  console.log(`${name}: ${ms.toFixed(1)} ms  zeros ${(100 * zeros / all.length).toFixed(1)}%  p1 ${pct(all, 0.01)} p50 ${pct(all, 0.5)} p99 ${pct(all, 0.99)}`);
  const rowsOut: string[] = [];
  for (const [l, v] of [...byLabel].sort((a, b) => b[1].length - a[1].length)) {
    v.sort((a, b) => a - b);
    const meanInt = v.reduce((s, g) => s + Math.pow(10, g / 4.25 / 10), 0) / v.length; // intensity from grey (60dB/255)
    rowsOut.push(`  ${l.padEnd(26)} n=${String(v.length).padStart(6)} median ${String(pct(v, 0.5)).padStart(3)} p90 ${String(pct(v, 0.9)).padStart(3)} meanI-dB ${(10 * Math.log10(meanInt)).toFixed(1)}`);
  }
  console.log(rowsOut.join('\n'));
  const write = (file: string, c0: number, r0: number, w: number, h: number, S: number) => {
    const png = new PNG({ width: w * S, height: h * S });
    for (let r = 0; r < h * S; r++) for (let c = 0; c < w * S; c++) {
      const rr = Math.min(rows - 1, r0 + Math.floor(r / S));
      const cc = Math.min(cols - 1, c0 + Math.floor(c / S));
      const g = frame.pixels[rr * cols + cc];
      png.data.set([g, g, g, 255], (r * w * S + c) * 4);
    }
    writeFileSync(file, PNG.sync.write(png));
  };
  const tag = process.env.SWOLLEN ? '_sw' : '';
  write(`/tmp/img/${name}${tag}.png`, 0, 0, cols, rows, 2);
  // Zoom on the nerve: 12 mm square round the CPN's closest point in the image.
  const n = knee.nerveAt(knee.cpn.line.closest(pose.centre, 60)?.sMm ?? 0)!.centre;
  const at = scan.toImage(n);
  if (at.col > 0 && at.col < cols) write(`/tmp/img/${name}${tag}_nerve.png`, Math.max(0, Math.round(at.col - 40)), Math.max(0, Math.round(at.row - 40)), 80, 80, 5);
}
