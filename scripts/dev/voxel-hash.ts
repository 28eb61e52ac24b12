// Prints a checksum of the default case's label volume (fine labels, surroundings' bricks and
// table) and the time voxelise took: run before and after a change to voxelise to prove it
// changes no voxel.   node --import tsx scripts/dev/voxel-hash.ts
import { KneeAnatomy } from '../../src/core/anatomy/knee';
import { defaultAnatomyParameters } from '../../src/core/anatomy/parameters';
import { voxelise } from '../../src/core/anatomy/voxelise';
import { checksumOf } from '../../src/worker/volumeCodec';

const knee = new KneeAnatomy({ ...defaultAnatomyParameters, seed: Number(process.env.SEED ?? 1) });
const start = performance.now();
const v = voxelise(knee);
const ms = performance.now() - start;
const s = v.surroundings!;
const h = checksumOf(new Uint8Array(s.table.buffer), checksumOf(s.bricks, checksumOf(v.labels)));
console.log(`volume checksum ${h.toString(16)} (${v.nx}×${v.ny}×${v.nz}, ${s.bricks.length} brick bytes), voxelise ${ms.toFixed(0)} ms`);
