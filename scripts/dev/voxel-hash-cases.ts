// Checksums of the label volume (fine labels, surroundings' table and bricks) for four cases, to
// prove a change to voxelising changes no byte. With DEFERRED=1 the surroundings are also built
// the deferred way (a frame's reads first, the rest in steps) and must give the same checksum.
//   node --import tsx scripts/dev/voxel-hash-cases.ts
import { KneeAnatomy } from '../../src/core/anatomy/knee';
import { caseParameters, findCase } from '../../src/core/cases/cases';
import * as voxeliser from '../../src/core/anatomy/voxelise';
import { checksumOf } from '../../src/worker/volumeCodec';
import type { LabelVolume } from '../../src/core/anatomy/voxelise';

const cases: [string, 'left' | 'right', number, number][] = [
  ['normal-teaching-knee', 'right', 1, 0.25],
  ['swollen-adhered-nerve', 'left', 3, 0.25],
  ['deep-nerve-heavy-leg', 'right', 2, 0.25],
  ['second-site-groove-entrapment', 'right', 5, 0.5],
];
const hash = (v: LabelVolume) => {
  const s = v.surroundings!;
  return checksumOf(new Uint8Array(s.table.buffer, s.table.byteOffset, s.table.byteLength), checksumOf(s.bricks, checksumOf(v.labels))).toString(16);
};
for (const [id, side, seed, spacingMm] of cases) {
  const knee = new KneeAnatomy(caseParameters(findCase(id)!, side, seed));
  const t = performance.now();
  const eager = voxeliser.voxelise(knee, { spacingMm });
  const ms = performance.now() - t;
  let deferred = '';
  const api = voxeliser as unknown as Record<string, unknown>;
  if (process.env.DEFERRED && typeof api.completeSurroundings === 'function') {
    const v = voxeliser.voxelise(knee, { spacingMm, surroundingsLater: true } as never);
    // Some reads first (as a frame makes them), then steps, then the rest at once.
    for (let i = 0; i < 2000; i++) voxeliser.surroundingsLabelAt(v, -90 + (i * 7.3) % 140, -100 + (i * 11.1) % 220, -78 + (i * 3.7) % 120);
    (api.buildSurroundingsStep as (v: LabelVolume, n: number) => boolean)(v, 50);
    (api.completeSurroundings as (v: LabelVolume) => void)(v);
    deferred = ` deferred ${hash(v)}`;
  }
  console.log(`${id} ${side} ${seed} @${spacingMm}: ${hash(eager)}${deferred} (${eager.nx}×${eager.ny}×${eager.nz}, ${eager.surroundings!.bricks.length} brick bytes, ${ms.toFixed(0)} ms)`);
}
