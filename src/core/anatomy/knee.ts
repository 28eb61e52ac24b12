import { type Vec3, normalize, sub, add, scale, distance } from '../math/vec3';
import { type AnatomyParameters, defaultAnatomyParameters, parameterProblems, NORMAL_CPN_AREA_MM2, CPN_NECK_BELOW_APEX_MM } from './parameters';
import { Label, type LabelId, tissueOfLabelId, type TissueType } from './tissues';
import { CentreLine } from './centreLine';
import { type Structure, type TubeSection, TubeStructure, EllipsoidStructure, SmoothUnionStructure } from './structure';
import { NerveStructure } from './nerve';
import { SkinEnvelope, skinDistanceExact } from './skinEnvelope';
import { SkinShell, SubcutaneousFat, DeepMuscle } from './layers';
import { boxDistance, expandBox } from './sdf';
import * as g from './kneeGeometry';
import { cpnAreaProfile } from './cpnArea';
import { findLandmarks, type Landmarks } from './landmarks';

export interface NerveSample {
  centre: Vec3;
  tangent: Vec3;
  areaMm2: number;
}

/**
 * One patient's posterolateral knee, built from its parameters: the single definition that the
 * voxel volume, the 3D meshes, the probe and (later) the needle and fluid all read.
 */
export class KneeAnatomy {
  readonly parameters: AnatomyParameters;
  /** Highest priority first: where structures overlap, the first one claims the point. */
  readonly structures: readonly Structure[];
  readonly cpn: NerveStructure;
  readonly skin: SkinEnvelope;
  readonly landmarks: Landmarks;
  readonly region = g.modelRegion;
  /** Fat (and skin) over the landmarks, solved so the nerve lies at the asked depth. */
  readonly fatOverLandmarksMm: number;

  constructor(parameters: Partial<AnatomyParameters> = {}) {
    const p: AnatomyParameters = { ...defaultAnatomyParameters, ...parameters };
    const problems = parameterProblems(p);
    if (problems.length > 0) throw new RangeError(`Invalid anatomy parameters: ${problems.join('; ')}`);
    this.parameters = p;

    const tube = (name: string, label: LabelId, def: { points: Vec3[]; sections: TubeSection[] }, thicknessRef = g.POSTERIOR) =>
      new TubeStructure(name, label, new CentreLine(def.points, thicknessRef, tubeStepMm(def.sections)), def.sections);

    // Built distal → proximal so that arc length grows proximally, as nerveAt's s does.
    const cpnLine = new CentreLine([...g.cpnControlPoints(p.nerveCourse)].reverse(), g.POSTERIOR, 1);
    cpnLine.arcOrigin = arcLengthAtLevel(cpnLine, 0);
    const areaAt = cpnAreaProfile(p.nerveAreaMm2, p.entrapmentSite);
    this.cpn = new NerveStructure({
      name: 'common peroneal nerve',
      line: cpnLine,
      areaAt,
      maxAreaMm2: Math.max(p.nerveAreaMm2, NORMAL_CPN_AREA_MM2),
      fascicleCount: fascicleGroupsFor(p.fascicleCount),
      fascicleAreaFraction: Math.min(0.6, p.fascicleAreaFraction * FASCICLE_GROUP_AREA_FACTOR),
      aspectAt: cpnAspectAt,
      maxAspect: CPN_NECK_ASPECT,
      normalAreaMm2: NORMAL_CPN_AREA_MM2,
      epineuriumThicknessMm: p.epineuriumThicknessMm,
      sheathThicknessMm: p.sheathThicknessMm,
      seed: p.seed,
    });
    const branch = (name: string, points: Vec3[], areaMm2: number, fascicles: number, seedOffset: number) =>
      new NerveStructure({
        name,
        line: new CentreLine(points, g.POSTERIOR, 1),
        areaAt: () => areaMm2,
        maxAreaMm2: areaMm2,
        fascicleCount: fascicles,
        fascicleAreaFraction: 0.35,
        epineuriumThicknessMm: 0.15,
        sheathThicknessMm: 0,
        seed: p.seed + seedOffset,
      });

    const fibula = new SmoothUnionStructure('fibula', Label.fibula, [
      new EllipsoidStructure('fibular head', Label.fibula, g.fibulaHead.centre, g.fibulaHead.radii),
      tube('fibular shaft', Label.fibula, g.fibulaShaft),
    ], 5);
    const bicepsTendon = tube('biceps femoris tendon', Label.bicepsFemorisTendon, g.bicepsTendon);
    const bicepsMuscle = tube('biceps femoris', Label.bicepsFemorisMuscle, g.bicepsMuscle);
    const gastrocnemius = tube('lateral gastrocnemius', Label.gastrocnemiusLateral, g.gastrocnemiusLateral);
    const soleus = tube('soleus', Label.soleus, g.soleus);
    const peroneusLongus = tube('peroneus longus', Label.peroneusLongus, g.peroneusLongus, g.LATERAL);

    // The skin drapes over what a hand feels: the fibula, the tendon, the bellies and the nerve.
    // The nerve counts with a generous cushion so the skin rises smoothly over it, not in a ridge.
    const palpable = [fibula, bicepsTendon, bicepsMuscle, gastrocnemius, peroneusLongus, new CushionedStructure(this.cpn, NERVE_CUSHION_MM)];
    const neck = cpnLine.pointAt(cpnLine.sampleAtS(sAtLevel(cpnLine, -CPN_NECK_BELOW_APEX_MM)) ?? 0);
    // Solve on the exact field, then correct for the sampled field the image will actually show.
    let fat = solveFatForDepth(palpable, neck, p.nerveDepthMm);
    let skin = new SkinEnvelope(palpable, fat, g.modelRegion);
    for (let i = 0; i < 2; i++) {
      const error = distance(neck, projectOntoSurface((q) => skin.distance(q), neck)) - p.nerveDepthMm;
      if (Math.abs(error) < 0.05) break;
      fat -= error;
      skin = new SkinEnvelope(palpable, fat, g.modelRegion);
    }
    this.fatOverLandmarksMm = fat;
    this.skin = skin;
    // Skin, fat and deep muscle reach wherever the image may look (the coarse surroundings too).
    const whole = expandBox(g.surroundingsRegion, 10);

    const adhesion: Structure[] = p.adhesionToGastrocnemius ? [adhesionBand(this.cpn)] : [];
    this.structures = [
      new SkinShell(this.skin, whole),
      fibula,
      tube('tibia', Label.tibia, g.tibia),
      new EllipsoidStructure('femur', Label.femur, g.femurCondyle.centre, g.femurCondyle.radii),
      this.cpn,
      branch('superficial peroneal nerve', g.superficialPeronealPoints, 4.5, 8, 11),
      branch('deep peroneal nerve', g.deepPeronealPoints, 3.5, 6, 13),
      branch('tibial nerve', g.tibialNervePoints, g.TIBIAL_NERVE_AREA_MM2, 22, 17),
      branch('lateral sural cutaneous nerve', g.suralNervePoints, g.SURAL_NERVE_AREA_MM2, 4, 19),
      ...adhesion,
      tube('popliteal artery', Label.poplitealArtery, g.poplitealArtery),
      tube('popliteal vein', Label.poplitealVein, g.poplitealVein),
      tube('lateral inferior genicular artery', Label.genicularArtery, g.genicularArtery),
      bicepsTendon,
      tube('lateral collateral ligament', Label.lateralCollateralLigament, g.lateralCollateralLigament, g.LATERAL),
      bicepsMuscle,
      gastrocnemius,
      soleus,
      peroneusLongus,
      new DeepMuscle(this.fatOverLandmarksMm + 4, whole),
      new SubcutaneousFat(this.skin, whole),
    ];
    this.landmarks = findLandmarks(this);
  }

  /** The structure label at p (the top-priority structure containing it). */
  labelAt(p: Vec3): LabelId {
    for (const s of this.structures) {
      if (boxDistance(s.bounds, p) > 0) continue;
      if (s.distance(p) < 0) return s.classify(p);
    }
    return Label.outside;
  }

  tissueAt(p: Vec3): TissueType {
    return tissueOfLabelId(this.labelAt(p));
  }

  /** The CPN's centre line by arc length: 0 at the level of the fibular head apex, + proximal. */
  nerveAt(sMm: number): NerveSample | null {
    const line = this.cpn.line;
    const f = line.sampleAtS(sMm);
    if (f === null) return null;
    const i = Math.min(line.count - 2, Math.floor(f));
    const t = f - i;
    const tangent = normalize(add(scale(line.tangent(i), 1 - t), scale(line.tangent(i + 1), t)));
    return { centre: line.pointAt(f), tangent, areaMm2: this.cpn.areaAt(sMm) };
  }

  /** s of the CPN where it crosses the level y (negative below the fibular head apex). */
  nerveSAtLevel(y: number): number {
    return sAtLevel(this.cpn.line, y);
  }

  /**
   * Outward unit normal of the skin near p, from the exact (ungridded) field: the sampled field's
   * gradient kinks at its 2 mm cells, which would swing the probe's beam as it slides.
   */
  skinNormal(p: Vec3): Vec3 {
    return fieldGradient((q) => this.skin.exactDistance(q), p);
  }

  /** The point of the skin surface nearest to p. */
  projectOntoSkin(p: Vec3): Vec3 {
    return projectOntoSurface((q) => this.skin.distance(q), p);
  }
}

const NERVE_CUSHION_MM = 2;

/**
 * Ultrasound resolves about a third of the CPN's ~16 fascicles (anatomy.md): neighbouring
 * fascicles merge into 5–9 groups of 0.5–1.0 mm, which is what the model lays out. A group holds
 * its fascicles and the thin perineurium between them, so it takes a little more area.
 */
function fascicleGroupsFor(fascicleCount: number): number {
  return Math.min(9, Math.max(5, Math.round(fascicleCount / 2.3)));
}
const FASCICLE_GROUP_AREA_FACTOR = 1.25;

/** Width over thickness of the CPN: oval along its course, flattened against the fibular neck. */
const CPN_ASPECT = 1.25;
const CPN_NECK_ASPECT = 1.9;
function cpnAspectAt(sMm: number): number {
  // The neck lies ~18–24 mm below the apex (s ≈ −17 to −25 along the nerve).
  const neck = Math.exp(-(((sMm + 21) / 6) ** 2));
  return CPN_ASPECT + (CPN_NECK_ASPECT - CPN_ASPECT) * neck;
}

/** A structure seen from a few mm away: only its distance field, pulled outward. */
class CushionedStructure implements Structure {
  readonly hasInnerParts = false;
  readonly name: string;
  readonly label: LabelId;
  readonly bounds;
  readonly lipschitz: number;
  constructor(private readonly inner: Structure, private readonly cushionMm: number) {
    this.name = `${inner.name} (cushioned)`;
    this.label = inner.label;
    this.bounds = expandBox(inner.bounds, cushionMm);
    this.lipschitz = inner.lipschitz;
  }
  distance(p: Vec3, reachMm?: number): number {
    return this.inner.distance(p, reachMm) - this.cushionMm;
  }
  nearDistance(p: Vec3, reachMm?: number): number {
    return this.inner.nearDistance(p, reachMm) - this.cushionMm;
  }
  classify(): LabelId {
    return this.label;
  }
}

/** Wide tubes bend gently: longer segments keep their closest-point queries short at no visible cost. */
function tubeStepMm(sections: TubeSection[]): number {
  const widest = Math.max(...sections.map((s) => Math.max(s.halfWidth, s.halfThickness)));
  return Math.min(4, Math.max(1, widest / 6));
}

/** Arc length (from the line's start) where the line crosses the level y. */
function arcLengthAtLevel(line: CentreLine, y: number): number {
  for (let i = 0; i < line.count - 1; i++) {
    const a = line.point(i).y;
    const b = line.point(i + 1).y;
    if ((a - y) * (b - y) <= 0) return (i + (a === b ? 0 : (a - y) / (a - b))) * line.stepMm;
  }
  throw new Error(`Centre line never reaches y = ${y}`);
}

function sAtLevel(line: CentreLine, y: number): number {
  return arcLengthAtLevel(line, y) - line.arcOrigin;
}

/**
 * The fat thickness over the landmarks that puts the skin `depthMm` from the nerve's centre.
 * Depth is measured as a sonographer would, to the nearest skin point, not as the field's value
 * (a smooth union's value underestimates the distance).
 */
function solveFatForDepth(palpable: Structure[], nerveCentre: Vec3, depthMm: number): number {
  // Negative: a very lean leg, where the skin lies closer than the landmarks' cushion.
  let lo = -6;
  let hi = 30;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    const field = (q: Vec3) => skinDistanceExact(palpable, mid, q);
    const depth = distance(nerveCentre, projectOntoSurface(field, nerveCentre));
    if (depth < depthMm) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function fieldGradient(field: (q: Vec3) => number, p: Vec3): Vec3 {
  const h = 0.25;
  return normalize({
    x: field({ x: p.x + h, y: p.y, z: p.z }) - field({ x: p.x - h, y: p.y, z: p.z }),
    y: field({ x: p.x, y: p.y + h, z: p.z }) - field({ x: p.x, y: p.y - h, z: p.z }),
    z: field({ x: p.x, y: p.y, z: p.z + h }) - field({ x: p.x, y: p.y, z: p.z - h }),
  });
}

/** The point of a field's zero surface nearest to p (Newton steps along the gradient). */
export function projectOntoSurface(field: (q: Vec3) => number, p: Vec3): Vec3 {
  let q = p;
  for (let i = 0; i < 20; i++) {
    const d = field(q);
    if (Math.abs(d) < 1e-4) break;
    q = sub(q, scale(fieldGradient(field, q), d));
  }
  return q;
}

/** Scar binding the nerve to the lateral gastrocnemius over the fibular head: a band filling the gap between them. */
function adhesionBand(cpn: NerveStructure): Structure {
  const points: Vec3[] = [];
  for (let s = 14; s >= -12; s -= 2) {
    const c = cpn.line.pointAt(cpn.line.sampleAtS(s) ?? 0);
    points.push({ x: c.x - (cpn.radiusAt(s) + 0.9), y: c.y, z: c.z });
  }
  const sections = points.map(() => ({ halfWidth: 1.3, halfThickness: 1.6 }));
  return new TubeStructure('adhesion', Label.adhesion, new CentreLine(points, g.POSTERIOR), sections);
}

