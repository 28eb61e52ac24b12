import type { Vec3 } from '../math/vec3';
import { lerp } from '../math/vec3';
import type { CentreLine } from './centreLine';
import type { KneeAnatomy } from './knee';
import { CPN_NECK_BELOW_APEX_MM } from './parameters';
import { bicepsTendon, genicularArtery } from './kneeGeometry';
import { NerveStructure } from './nerve';
import { TubeStructure } from './structure';
import { tissueOfLabelId } from './tissues';

export type LandmarkName =
  | 'fibularHeadApex'
  | 'fibularNeck'
  | 'cpnAtFibularHead'
  | 'cpnAtFibularNeck'
  | 'cpnProximal'
  | 'cpnDivision'
  | 'fibularTunnel'
  | 'bicepsTendonInsertion'
  | 'gastrocnemiusLateral'
  | 'tibialNerve'
  | 'poplitealArtery'
  | 'genicularArtery';

export type Landmarks = Record<LandmarkName, Vec3>;

/** How far above the fibular head the "proximal CPN" landmark sits along the nerve. */
export const CPN_PROXIMAL_S_MM = 40;
const FIBULAR_TUNNEL_LEVEL_Y = -30;
/** Where the CPN's area is measured "at the fibular head": the upper head, posterior to it. */
export const CPN_AT_HEAD_LEVEL_Y = -5;

/** Named points a trainee (and a test) can navigate to. Found on the built anatomy, not typed in. */
export function findLandmarks(knee: KneeAnatomy): Landmarks {
  const cpnAt = (s: number): Vec3 => {
    const sample = knee.nerveAt(s);
    if (!sample) throw new Error(`CPN has no point at s = ${s}`);
    return sample.centre;
  };
  const lineOf = (name: string): CentreLine => {
    const s = knee.structures.find((x) => x.name === name);
    if (s instanceof TubeStructure || s instanceof NerveStructure) return s.line;
    throw new Error(`No tube named ${name}`);
  };
  const cpnAtFibularNeck = cpnAt(knee.nerveSAtLevel(-CPN_NECK_BELOW_APEX_MM));
  const axisAtNeck = { x: 0.5, y: -CPN_NECK_BELOW_APEX_MM, z: -0.3 };
  const fibularNeck = surfaceBetween(axisAtNeck, cpnAtFibularNeck, (p) => tissueOfLabelId(knee.labelAt(p)) === 'bone');
  const cpnLine = knee.cpn.line;
  return {
    fibularHeadApex: { x: 0, y: 0, z: 0 },
    fibularNeck,
    cpnAtFibularHead: cpnAt(knee.nerveSAtLevel(CPN_AT_HEAD_LEVEL_Y)),
    cpnAtFibularNeck,
    cpnProximal: cpnAt(CPN_PROXIMAL_S_MM),
    cpnDivision: cpnLine.point(0),
    fibularTunnel: cpnAt(knee.nerveSAtLevel(FIBULAR_TUNNEL_LEVEL_Y)),
    bicepsTendonInsertion: bicepsTendon.points[bicepsTendon.points.length - 1],
    gastrocnemiusLateral: pointAtLevel(lineOf('lateral gastrocnemius'), 0),
    tibialNerve: pointAtLevel(lineOf('tibial nerve'), 0),
    poplitealArtery: pointAtLevel(lineOf('popliteal artery'), 0),
    genicularArtery: genicularArtery.points[2],
  };
}

/** Where a line crosses the level y (lines here run along the limb). */
export function pointAtLevel(line: CentreLine, y: number): Vec3 {
  for (let i = 0; i < line.count - 1; i++) {
    const a = line.point(i);
    const b = line.point(i + 1);
    if ((a.y - y) * (b.y - y) <= 0) return lerp(a, b, a.y === b.y ? 0 : (a.y - y) / (a.y - b.y));
  }
  throw new Error(`Line never reaches y = ${y}`);
}

/** Bisection for the boundary between a point inside and one outside a region. */
function surfaceBetween(inside: Vec3, outside: Vec3, isInside: (p: Vec3) => boolean): Vec3 {
  let a = inside;
  let b = outside;
  for (let i = 0; i < 30; i++) {
    const m = lerp(a, b, 0.5);
    if (isInside(m)) a = m;
    else b = m;
  }
  return lerp(a, b, 0.5);
}
