// The replay rows of `npm run bench` alone (issue 13 item 7): `node --import tsx scripts/dev/replay-bench.ts`,
// or with `--cpu-prof` to see where a replay's time goes.
import { KneeAnatomy } from '../../src/core/anatomy/knee';
import { voxelise } from '../../src/core/anatomy/voxelise';
import { benchReplay } from '../benchReplay';

const knee = new KneeAnatomy();
const volume = voxelise(knee);
benchReplay(knee, volume, Number(process.env.BENCH_RUNS ?? 3));
