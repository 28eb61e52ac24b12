// Developer aid: digests of the fluid (fill, every array of the tissue warp and its relief, lookups
// through the warp, each injection's result) for four runs, to show a speed-up leaves the fluid
// bit for bit the same: the bench's hold (2 seeds), a one-shot 5 ml, mixed tips (wrong planes
// among them) and the model attempt through AttemptSimulation (its outcomes and score).
// `npx tsx scripts/dev/fluid-digest.ts` here and on the older tree; compare the lines.
// 'state' hashes every array the warp holds (a change of layout changes it, not the fluid).
import { nerveAtHead } from '../../src/core/fluid/nerveAtHeadFixture';
import { FluidSpread } from '../../src/core/fluid/spread';
import type { TissueWarp } from '../../src/core/fluid/tissueWarp';
import { crossSectionAxes } from '../../src/core/fluid/measures';
import { AttemptSimulation } from '../../src/core/attempt/simulation';
import { goodAttemptEvents } from '../../src/core/attempt/scriptedAttempt';
import { scoreAttempt } from '../../src/core/scoring/score';
import type { Vec3 } from '../../src/core/math/vec3';

const { knee, volume, radius, fromNerve, nerve } = nerveAtHead(-5);

/** FNV-1a over the bytes of typed arrays and the text of anything else. */
class Digest {
  private h = 0x811c9dc5;
  bytes(a: ArrayBufferView): this {
    const b = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    let h = this.h;
    for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193);
    this.h = h;
    return this;
  }
  text(s: string): this {
    let h = this.h;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    this.h = h;
    return this;
  }
  num(n: number): this {
    return this.bytes(new Float64Array([n]));
  }
  get hex(): string {
    return (this.h >>> 0).toString(16).padStart(8, '0');
  }
}

type Warp = TissueWarp & Record<string, unknown>;
/** The warp's arrays that say what the fluid did (the build's own bookkeeping, slots, is left to 'state'). */
const WARP_ARRAYS = ['layerCount', 'layerZ', 'layerLength', 'columnLow', 'columnHigh', 'columnBase', 'columnFloor', 'wetLow', 'wetHigh', 'nerveFloor', 'nerveRoof'];
const RELIEF_ARRAYS = ['wetAnchor', 'wetLift', 'skinLift'];

function warpDigest(warp: Warp): string {
  const d = new Digest();
  for (const k of WARP_ARRAYS) d.text(k).bytes(warp[k] as ArrayBufferView);
  for (const k of ['x0', 'x1', 'y0', 'y1', 'maxShiftVoxels']) d.num(warp[k] as number);
  const relief = (warp as unknown as { relief: Record<string, unknown> }).relief;
  for (const k of RELIEF_ARRAYS) d.text(k).bytes(relief[k] as ArrayBufferView);
  for (const k of ['x0', 'x1', 'y0', 'y1']) d.num(relief[k] as number);
  const cells = relief.cells as { liftBlur: Float64Array; topBlur: Float64Array; w: number; h: number; cx0: number; cy0: number } | null;
  if (cells) d.bytes(cells.liftBlur).bytes(cells.topBlur).num(cells.w).num(cells.h).num(cells.cx0).num(cells.cy0);
  return d.hex;
}

/** Every typed array and number the warp holds, recursively (the relief's per-volume cache aside). */
function stateDigest(warp: Warp): string {
  const d = new Digest();
  const walk = (o: Record<string, unknown>, depth: number) => {
    for (const k of Object.keys(o).sort()) {
      if (k === 'field' || k === 'labels' || k === 'reliefColumns' || k === 'nerveDistance') continue;
      const v = o[k];
      if (ArrayBuffer.isView(v)) d.text(k).bytes(v);
      else if (typeof v === 'number') d.text(k).num(v);
      else if (Array.isArray(v)) d.text(k).text(JSON.stringify(v));
      else if (v && typeof v === 'object' && depth < 3) walk(v as Record<string, unknown>, depth + 1);
    }
  };
  walk(warp as unknown as Record<string, unknown>, 0);
  return d.hex;
}

/** Lookups through the warp over its footprint: rest Z, fluid share, shift of rest, limb-frame forms. */
function lookupDigest(warp: TissueWarp): string {
  const d = new Digest();
  if (!warp.active) return 'inactive';
  const f = warp.footprint;
  const { origin, spacingMm: h } = (warp as unknown as { field: { grid: { origin: Vec3; spacingMm: number } } }).field.grid;
  const zc = (nerve.centre.z - origin.z) / h;
  const out = new Float64Array(5);
  for (let vy = f.y0 - 1.3; vy <= f.y1 + 1; vy += 2.7)
    for (let vx = f.x0 - 1.3; vx <= f.x1 + 1; vx += 2.3)
      for (let vz = zc - 70; vz <= zc + 90; vz += 1.37) {
        out[0] = warp.restVz(vx, vy, vz);
        out[1] = warp.fluidShare(vx, vy, vz);
        out[2] = warp.shiftOfRest(vx, vy, vz);
        const p = { x: origin.x + vx * h, y: origin.y + vy * h, z: origin.z + vz * h };
        out[3] = warp.restPoint(p).z;
        out[4] = warp.displacedPoint(p).z;
        d.bytes(out);
      }
  return d.hex;
}

function spreadDigest(s: FluidSpread): string {
  const warp = s.warp as Warp;
  return `fill ${new Digest().bytes(s.field.fill).text(JSON.stringify(s.filledBox)).hex} warp ${warpDigest(warp)} lookups ${lookupDigest(warp)} state ${stateDigest(warp)} ml ${s.totalInjectedMl.toFixed(6)}`;
}

function injectAll(s: FluidSpread, tip: Vec3, ml: number, step: number, results: Digest): void {
  for (let v = 0; v < ml - 1e-9; v += step) {
    try {
      results.text(JSON.stringify(s.inject(tip, step)));
    } catch (e) {
      results.text(String(e));
    }
  }
}

const above = fromNerve(radius + 0.6);
const below = fromNerve(-(radius + 0.6));
for (const seed of [1, 2]) {
  const s = new FluidSpread(volume, seed, knee.cpn);
  const results = new Digest();
  const steps = new Digest();
  for (let i = 0; i < 50; i++) {
    results.text(JSON.stringify(s.inject(above, 0.1)));
    // Every step's warp and a light lookup (the relief is read lazily after each rebuild).
    steps.text(warpDigest(s.warp as Warp)).num(s.warp.restVz(s.warp.footprint.x0 + 3.2, s.warp.footprint.y0 + 5.1, (nerve.centre.z - volume.origin.z) / volume.spacingMm));
  }
  console.log(`hold seed ${seed}: ${spreadDigest(s)} results ${results.hex} steps ${steps.hex}`);
}
{
  const s = new FluidSpread(volume, 1, knee.cpn);
  const r = JSON.stringify(s.inject(above, 5));
  console.log(`one-shot 5 ml: ${spreadDigest(s)} results ${new Digest().text(r).hex}`);
}
{
  const { u } = crossSectionAxes(nerve.tangent);
  const skin = knee.projectOntoSkin({ x: nerve.centre.x - u.x * 12, y: nerve.centre.y - u.y * 12, z: nerve.centre.z - u.z * 12 });
  const normal = knee.skinNormal(skin);
  const subcutaneous = { x: skin.x - normal.x * 2.5, y: skin.y - normal.y * 2.5, z: skin.z - normal.z * 2.5 };
  const muscle = { ...knee.landmarks.gastrocnemiusLateral, y: nerve.centre.y };
  const outsideSheath = fromNerve(-(radius + 2.6));
  const inNerve = fromNerve(0);
  const s = new FluidSpread(volume, 3, knee.cpn);
  const results = new Digest();
  injectAll(s, above, 1, 0.1, results);
  injectAll(s, below, 1, 0.1, results);
  injectAll(s, subcutaneous, 1, 0.1, results);
  injectAll(s, muscle, 1, 0.1, results);
  injectAll(s, outsideSheath, 0.6, 0.2, results);
  injectAll(s, inNerve, 0.3, 0.1, results);
  injectAll(s, above, 0.5, 0.1, results);
  injectAll(s, below, 0.7, 0.35, results);
  console.log(`mixed tips: ${spreadDigest(s)} results ${results.hex}`);
  for (const [name, tip] of [['subcutaneous', subcutaneous], ['intramuscular', muscle]] as const) {
    const alone = new FluidSpread(volume, 1, knee.cpn);
    const r = new Digest();
    injectAll(alone, tip, 2, 0.1, r);
    console.log(`${name} alone: ${spreadDigest(alone)} results ${r.hex}`);
  }
}
{
  const sim = new AttemptSimulation(() => ({ knee, volume }));
  const outcomes = new Digest();
  for (const e of goodAttemptEvents(knee, { caseId: 'normal-teaching-knee' })) outcomes.text(JSON.stringify(sim.apply(e)));
  const score = JSON.stringify(scoreAttempt(sim.attemptFacts()!));
  console.log(`model attempt: ${spreadDigest(sim.fluid!)} outcomes ${outcomes.hex} score ${new Digest().text(score).hex}`);
}
