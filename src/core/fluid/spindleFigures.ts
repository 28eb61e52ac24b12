import type { KneeAnatomy } from '../anatomy/knee';
import { type Vec3, dot, normalize, scale, sub } from '../math/vec3';
import type { FluidField } from './fluidField';
import { fluidFractionAt } from './fluidSample';
import { RAY_MAX_MM, RAY_STEP_MM, rimThicknessMm } from './haloFigures';

/**
 * The injectate seen in long axis: along the nerve, the anechoic stripe above it (toward the skin)
 * and below it — the published "spindle" or tram-track of a hydrodissection. Each section's
 * stripe is the run of injectate on the skin-ward (or deep) ray from the nerve's centre that starts
 * within the halo reach of the epineurium (as the short-axis halo is measured), in the resting
 * anatomy the spread fills.
 */
export interface SpindleSection {
  /** Arc length of the nerve (mm). */
  sMm: number;
  /** Thickness (mm) of the stripe of injectate on the nerve's skin-ward side, 0 where dry. */
  aboveMm: number;
  /** The same on its deep side. */
  belowMm: number;
}

export interface SpindleFigures {
  /** Length (mm) of the run of sections round the site with a stripe on either side ≥ `minMm`. */
  lengthMm: number;
  /** How far that run reaches proximal (+s) and distal (−s) of the site (mm). */
  proximalMm: number;
  distalMm: number;
  /** Length (mm) of the sections in that run wet both above and below (the tram-track). */
  bothSidesMm: number;
  /** Mean stripe thickness (mm, both sides) over the run's middle half and over its outer eighths. */
  middleMm: number;
  endsMm: number;
}


/**
 * The stripes every `stepMm` over ±`halfSpanMm` of the site (sections past the nerve's ends are
 * left out). `up` is the skin's outward normal over the site; each section's skin-ward ray is its
 * part across the nerve there.
 */
export function spindleProfile(knee: KneeAnatomy, fluid: FluidField, siteSMm: number, up: Vec3, halfSpanMm = 60, stepMm = 1): SpindleSection[] {
  if (!(stepMm > 0) || !(halfSpanMm >= 0)) throw new RangeError('The spindle needs a positive step and a span');
  const out: SpindleSection[] = [];
  const p = { x: 0, y: 0, z: 0 };
  for (let s = siteSMm - halfSpanMm; s <= siteSMm + halfSpanMm + 1e-9; s += stepMm) {
    const nerve = knee.nerveAt(s);
    if (!nerve) continue;
    const across = normalize(sub(up, scale(nerve.tangent, dot(up, nerve.tangent))));
    const side = (sign: 1 | -1) => {
      const d = scale(across, sign);
      const at = (r: number) => {
        p.x = nerve.centre.x + d.x * r;
        p.y = nerve.centre.y + d.y * r;
        p.z = nerve.centre.z + d.z * r;
        return p;
      };
      let surface = 0;
      for (let r = 0; r < RAY_MAX_MM; r += RAY_STEP_MM) {
        if (knee.cpn.distance(at(r), 2) + knee.cpn.sheathThicknessMm >= 0) {
          surface = r;
          break;
        }
      }
      return rimThicknessMm(surface, (r) => fluidFractionAt(fluid, at(r)) >= 0.5);
    };
    out.push({ sMm: s, aboveMm: side(1), belowMm: side(-1) });
  }
  return out;
}

/** Length, reach and taper of the spindle round the site from its profile; `minMm` is the thinnest stripe that counts. */
export function spindleFigures(profile: readonly SpindleSection[], siteSMm: number, minMm = 0.5): SpindleFigures {
  const wet = (x: SpindleSection) => x.aboveMm >= minMm || x.belowMm >= minMm;
  let centre = -1;
  for (let i = 0; i < profile.length; i++) if (wet(profile[i]) && (centre < 0 || Math.abs(profile[i].sMm - siteSMm) < Math.abs(profile[centre].sMm - siteSMm))) centre = i;
  if (centre < 0 || Math.abs(profile[centre].sMm - siteSMm) > 2) return { lengthMm: 0, proximalMm: 0, distalMm: 0, bothSidesMm: 0, middleMm: 0, endsMm: 0 };
  let lo = centre;
  let hi = centre;
  while (lo > 0 && wet(profile[lo - 1])) lo--;
  while (hi < profile.length - 1 && wet(profile[hi + 1])) hi++;
  const run = profile.slice(lo, hi + 1);
  const step = run.length > 1 ? run[1].sMm - run[0].sMm : 1;
  const mean = (xs: readonly SpindleSection[]) => (xs.length === 0 ? 0 : xs.reduce((a, x) => a + x.aboveMm + x.belowMm, 0) / (2 * xs.length));
  const eighth = Math.max(1, Math.round(run.length / 8));
  return {
    lengthMm: run.length * step,
    proximalMm: profile[hi].sMm - siteSMm + step / 2,
    distalMm: siteSMm - profile[lo].sMm + step / 2,
    bothSidesMm: run.filter((x) => x.aboveMm >= minMm && x.belowMm >= minMm).length * step,
    middleMm: mean(run.slice(Math.floor(run.length / 4), Math.ceil((3 * run.length) / 4))),
    endsMm: mean([...run.slice(0, eighth), ...run.slice(run.length - eighth)]),
  };
}
