import { KneeAnatomy } from '../../src/core/anatomy/knee';
import { voxelise } from '../../src/core/anatomy/voxelise';
import { FluidSpread } from '../../src/core/fluid/spread';
import { nameOfLabelId } from '../../src/core/anatomy/tissues';
const knee = new KneeAnatomy(); const volume = voxelise(knee);
const n = knee.nerveAt(knee.nerveSAtLevel(-12))!;
const spread = new FluidSpread(volume, 1); const r = spread.inject(n.centre, 0.5);
const counts: Record<string, number> = {}; spread.field.fill.forEach((f, i) => { if (f) counts[nameOfLabelId(volume.labels[i])] = (counts[nameOfLabelId(volume.labels[i])] ?? 0) + 1; });
console.log(r, counts);
