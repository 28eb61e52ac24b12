// Dev aid for issue 12: the seed's 2.5 ml above + 2.5 ml below at the fibular head, and the
// figures the issue asks for (ml per side per bolus, halo thickness per sector, spindle, share
// near the epineurium, timing). `npx tsx scripts/dev/hydro-figures.ts [level-y]`.
import { nerveAtHead } from '../../src/core/fluid/nerveAtHeadFixture';
import { FluidSpread } from '../../src/core/fluid/spread';
import { measureFluid } from '../../src/core/fluid/measures';
import { haloThicknessBySector, injectateNearNerveShare } from '../../src/core/fluid/haloFigures';
import { spindleProfile, spindleFigures } from '../../src/core/fluid/spindleFigures';

const level = Number(process.argv[2] ?? -5);
const { knee, volume, site, radius, up, fromNerve: at } = nerveAtHead(level);
for (let run = 0; run < 2; run++) {
const spread = new FluidSpread(volume, 1 + run, knee.cpn);
const times: number[] = [];
const pressures: number[] = [];
for (const [k, label] of [[radius + 1.2, 'above'], [-(radius + 1.2), 'below']] as const) {
  for (let v = 0; v < 2.5 - 1e-9; v += 0.1) {
    const t0 = performance.now();
    pressures.push(spread.inject(at(k), 0.1).openingPressurePsi);
    times.push(performance.now() - t0);
  }
  const m = measureFluid(knee, volume, spread.field, site, spread.filledBox);
  console.log(`after ${label}: total ${m.totalMl.toFixed(2)} above ${m.superficialMl.toFixed(2)} below ${m.deepMl.toFixed(2)} halo ${m.haloCoveragePct.toFixed(0)}% spread ${m.spreadProximalMm}/${m.spreadDistalMm} intraneural ${m.intraneuralMl.toFixed(3)}`);
}
const thickness = haloThicknessBySector(knee, spread.field, site);
console.log('halo thickness by 10° sector (mm, from the skin side round):', thickness.map((t) => t.toFixed(1)).join(' '));
console.log(`sectors 1–4 mm: ${thickness.filter((t) => t >= 1 && t <= 4).length}/${thickness.length}`);
const spindle = spindleFigures(spindleProfile(knee, spread.field, site, up, 70, 1), site);
console.log(`spindle (long axis): ${spindle.lengthMm} mm (${spindle.proximalMm} proximal, ${spindle.distalMm} distal), wet both sides ${spindle.bothSidesMm} mm, mean stripe ${spindle.middleMm.toFixed(1)} mm mid, ${spindle.endsMm.toFixed(1)} mm at the ends`);
console.log(`share within 5 mm of the epineurium: ${(100 * injectateNearNerveShare(knee.cpn, spread.field, spread.filledBox, 5)).toFixed(0)}%`);
const h = volume.spacingMm;
const b = spread.filledBox;
console.log(`box ${((b.max[0] - b.min[0] + 1) * h).toFixed(1)} × ${((b.max[1] - b.min[1] + 1) * h).toFixed(1)} × ${((b.max[2] - b.min[2] + 1) * h).toFixed(1)} mm`);
times.sort((a, c) => a - c);
console.log(`step ms median ${times[times.length >> 1].toFixed(2)} max ${times[times.length - 1].toFixed(2)} total ${times.reduce((a, c) => a + c, 0).toFixed(0)}; pressure psi ${Math.min(...pressures).toFixed(1)}–${Math.max(...pressures).toFixed(1)}`);
}
