// Developer aid: injects at chosen places and prints scoring.md's fluid figures.
import { KneeAnatomy } from '../../src/core/anatomy/knee';
import { voxelise } from '../../src/core/anatomy/voxelise';
import { FluidSpread } from '../../src/core/fluid/spread';
import { measureFluid } from '../../src/core/fluid/measures';

const knee = new KneeAnatomy();
const volume = voxelise(knee);
const site = knee.nerveSAtLevel(-12);
const n = knee.nerveAt(site)!;
const up = knee.skinNormal(knee.projectOntoSkin(n.centre));
const r = Math.sqrt(n.areaMm2 / Math.PI);
const at = (k: number) => ({ x: n.centre.x + up.x * k, y: n.centre.y + up.y * k, z: n.centre.z + up.z * k });
for (const [name, shots] of [
  ['good', [[r + 0.6, 2.5], [-(r + 0.6), 2.5]]],
  ['one-sided', [[r + 0.6, 5]]],
  ['inside', [[0, 0.5]]],
  ['against', [[r - 0.1, 0.5]]],
] as const) {
  const spread = new FluidSpread(volume, 1);
  const t0 = performance.now();
  const results = shots.map(([k, ml]) => { const tip = at(k); return { tissue: knee.tissueAt(tip), ...spread.inject(tip, ml) }; });
  const m = measureFluid(knee, volume, spread.field, site);
  console.log(name, (performance.now() - t0).toFixed(0) + 'ms', JSON.stringify(results.map((x) => [x.tissue, x.openingPressurePsi.toFixed(1), x.intraneural])), JSON.stringify(Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Number(v.toFixed(2))]))));
}
