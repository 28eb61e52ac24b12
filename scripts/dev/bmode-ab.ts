// Developer aid: the bench's B-mode frame (256 × 512 at 40 mm, one core) timed as a pair, the
// image core at a git revision (A) against the working tree (B), in one process with frames
// alternating, so that load from other work on the machine falls on both alike. On a shared
// two-core machine separate bench runs differ by more than a lever gains; the median of the
// per-frame ratio B/A does not. Also checks that both give the same bytes.
//   npx tsx scripts/dev/bmode-ab.ts <revision> [frames]
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultScannerSettings } from '../../src/core/ultrasound/scannerSettings';

const [revision, framesArg = '100'] = process.argv.slice(2);
if (!revision) throw new Error('Usage: npx tsx scripts/dev/bmode-ab.ts <revision> [frames]');
const frames = Number(framesArg);
if (!Number.isInteger(frames) || frames < 10) throw new RangeError(`frames must be an integer of at least 10, not ${framesArg}`);

const snapshot = mkdtempSync(join(tmpdir(), 'bmode-ab-'));
execSync(`git archive ${revision} src package.json tsconfig.json | tar -x -C ${snapshot}`, { stdio: 'inherit' });

interface Imaging {
  imager: { form: (pose: unknown, settings: typeof defaultScannerSettings, options: object, samples: number) => { lineData: Uint8Array } };
  poses: unknown[];
}

async function setup(root: string): Promise<Imaging> {
  const load = (path: string) => import(pathToFileURL(join(root, 'src/core', path)).href);
  const { KneeAnatomy } = await load('anatomy/knee.ts');
  const { voxelise } = await load('anatomy/voxelise.ts');
  const { BModeImager } = await load('ultrasound/bmode.ts');
  const { placeProbe } = await load('probe/placement.ts');
  const knee = new KneeAnatomy();
  const imager = new BModeImager(knee, voxelise(knee));
  const start = knee.nerveAt(25).centre;
  const end = knee.nerveAt(-15).centre;
  const poses = [];
  for (let i = 0; i < frames; i++) {
    const t = i / (frames - 1);
    const centre = { x: start.x + (end.x - start.x) * t, y: start.y + (end.y - start.y) * t, z: start.z + (end.z - start.z) * t };
    poses.push(placeProbe(knee, { centre, rotationDeg: 0, compressionMm: 1 }));
  }
  return { imager, poses };
}

const settings = { ...defaultScannerSettings, depthMm: 40 };
const a = await setup(snapshot);
const b = await setup(resolve(import.meta.dirname, '../..'));
// CPU time: on a loaded machine it is the steadier figure (wall time includes waiting for a core).
function time(x: Imaging, i: number): { ms: number; bytes: Uint8Array } {
  const c0 = process.cpuUsage();
  const bytes = x.imager.form(x.poses[i], settings, {}, 512).lineData.slice();
  const c = process.cpuUsage(c0);
  return { ms: (c.user + c.system) / 1000, bytes };
}
const msA: number[] = [];
const msB: number[] = [];
const ratios: number[] = [];
let same = 0;
// The first sweep warms both up; in the others, which of the pair goes first alternates.
for (let sweep = 0; sweep < 3; sweep++) {
  for (let i = 0; i < frames; i++) {
    const aFirst = (i + sweep) % 2 === 0;
    const first = time(aFirst ? a : b, i);
    const second = time(aFirst ? b : a, i);
    if (sweep === 0) continue;
    const [ra, rb] = aFirst ? [first, second] : [second, first];
    msA.push(ra.ms);
    msB.push(rb.ms);
    ratios.push(rb.ms / ra.ms);
    if (Buffer.compare(Buffer.from(ra.bytes), Buffer.from(rb.bytes)) === 0) same++;
  }
}
rmSync(snapshot, { recursive: true, force: true });
const q = (values: number[], p: number) => values.slice().sort((x, y) => x - y)[Math.floor(p * (values.length - 1))];
const f = (v: number) => v.toFixed(2);
console.log(`A (${revision}) median ${f(q(msA, 0.5))} ms CPU (p10 ${f(q(msA, 0.1))}); B (working tree) median ${f(q(msB, 0.5))} ms (p10 ${f(q(msB, 0.1))})`);
console.log(`B/A per frame: median ${q(ratios, 0.5).toFixed(3)} (p25 ${q(ratios, 0.25).toFixed(3)}, p75 ${q(ratios, 0.75).toFixed(3)}); identical frames ${same}/${ratios.length}`);
