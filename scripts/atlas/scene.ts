// The atlas's patients and the ways it sets a scene up: probe poses over the nerve and the biceps
// tendon, an in-plane needle, and the model attempt's hydrodissection replayed through the same
// reducer (AttemptSimulation) and the same fluid effects the worker draws.
import { KneeAnatomy } from '../../src/core/anatomy/knee';
import { voxelise, type LabelVolume } from '../../src/core/anatomy/voxelise';
import { TubeStructure } from '../../src/core/anatomy/structure';
import { FrameMaker } from '../../src/core/imaging/frame';
import { findCase, caseParameters } from '../../src/core/cases/cases';
import { AttemptSimulation } from '../../src/core/attempt/simulation';
import { goodAttemptEvents } from '../../src/core/attempt/scriptedAttempt';
import type { AttemptEvent } from '../../src/core/attempt/events';
import { placeProbe } from '../../src/core/probe/placement';
import { type ProbePose, FOOTPRINT_MM } from '../../src/core/probe/pose';
import { probeFrame } from '../../src/core/probe/scanGeometry';
import { placeNeedle, advanceNeedle, needleTip, needleVisibility, inPlaneDirection, NEEDLE_OUTER_DIAMETER_MM, type NeedleContact } from '../../src/core/needle/needle';
import type { FluidMeasures } from '../../src/core/fluid/measures';
import { fluidEffects } from '../../src/core/fluid/fluidEffects';
import type { EchoOptions } from '../../src/core/ultrasound/echoField';
import { type Vec3, add, scale, dot, distance } from '../../src/core/math/vec3';

export type CaseId = 'normal-teaching-knee' | 'patient-3';

/** One case as the app loads it: the case's own side, attempt seed 1 (caseSlice's defaults). */
export interface Patient {
  caseId: CaseId;
  side: 'left' | 'right';
  knee: KneeAnatomy;
  volume: LabelVolume;
  frames: FrameMaker;
  buildMs: number;
}

const SEED = 1;
const patients = new Map<CaseId, Patient>();

/** Builds (once) a case's knee and voxels. */
export function patient(caseId: CaseId): Patient {
  const cached = patients.get(caseId);
  if (cached) return cached;
  const definition = findCase(caseId);
  if (!definition) throw new Error(`No case ${caseId} in the library`);
  const t0 = performance.now();
  const knee = new KneeAnatomy(caseParameters(definition, definition.side, SEED));
  const volume = voxelise(knee);
  const built = { caseId, side: definition.side, knee, volume, frames: new FrameMaker(knee, volume), buildMs: performance.now() - t0 };
  patients.set(caseId, built);
  return built;
}

/** The probe rotation that lines the array up with a course (as scriptedAttempt.ts aims). */
export const alongRotationDeg = (tangent: Vec3): number => (Math.atan2(tangent.y, tangent.x) * 180) / Math.PI;

/** Where the nerve crosses the level y (mm along the limb from the fibular head apex). */
export function nerveAtLevel(knee: KneeAnatomy, y: number) {
  const n = knee.nerveAt(knee.nerveSAtLevel(y));
  if (!n) throw new Error(`The CPN does not reach y = ${y} mm`);
  return n;
}

/**
 * The skin point over a deep point, found by walking outward along the skin's normal until the
 * skin is crossed. knee.projectOntoSkin (what placeProbe does) straight from a point 5 mm deep can
 * slide to another part of the surface (30 mm proximal it lands 12 mm away, on the side of the
 * limb), so the probe is put on the skin first.
 */
export function skinOver(knee: KneeAnatomy, p: Vec3): Vec3 {
  let q = p;
  for (let i = 0; i < 200 && knee.skin.distance(q) < 0; i++) q = add(q, scale(knee.skinNormal(q), Math.max(0.2, -knee.skin.distance(q))));
  return knee.projectOntoSkin(q);
}

/** Short axis of the nerve where it crosses level y: the array across its course. */
export function nerveShortAxis(knee: KneeAnatomy, y: number, extra: { tiltDeg?: number; compressionMm?: number } = {}): ProbePose {
  const n = nerveAtLevel(knee, y);
  return placeProbe(knee, { centre: skinOver(knee, n.centre), rotationDeg: alongRotationDeg(n.tangent) - 90, compressionMm: 1, ...extra });
}

/** Long axis of the nerve at level y: the array along its course, centred on it. */
export function nerveLongAxis(knee: KneeAnatomy, y: number): ProbePose {
  const n = nerveAtLevel(knee, y);
  return placeProbe(knee, { centre: skinOver(knee, n.centre), rotationDeg: alongRotationDeg(n.tangent), compressionMm: 1 });
}

/**
 * Short axis of the biceps femoris tendon where it crosses level y, with the elevational tilt that
 * puts its fibres (the tangent bmode's anisotropy reads, tendonFibres.ts) perpendicular to the
 * beam, plus `extraTiltDeg`. Returns the pose and the perpendicular tilt found.
 */
export function tendonShortAxis(knee: KneeAnatomy, y: number, extraTiltDeg: number): { pose: ProbePose; perpendicularTiltDeg: number } {
  const tendon = knee.structures.find((s) => s.name === 'biceps femoris tendon');
  if (!(tendon instanceof TubeStructure)) throw new Error('No biceps femoris tendon in the anatomy');
  let best = { gap: Infinity, y: 0, point: tendon.line.point(0) };
  for (let i = 0; i < tendon.line.count; i++) {
    const p = tendon.line.point(i);
    if (Math.abs(p.y - y) < best.gap) best = { gap: Math.abs(p.y - y), y: p.y, point: p };
  }
  const centre = knee.projectOntoSkin(best.point);
  const c = tendon.line.closest(centre, 40);
  if (!c) throw new Error('The tendon is not under the probe');
  const fibre = tendon.line.tangent(Math.min(tendon.line.count - 1, c.segment));
  // The tendon's line runs distally; aim as for the nerve (tangent pointing proximally) so the marker side matches.
  const rotationDeg = alongRotationDeg(fibre.y < 0 ? scale(fibre, -1) : fibre) - 90;
  let tilt = 0;
  let least = Infinity;
  for (let t = -25; t <= 25; t += 0.05) {
    const beam = probeFrame(knee, { centre, rotationDeg, tiltDeg: t, compressionMm: 1 }).beamAxis;
    const off = Math.abs(dot(beam, fibre));
    if (off < least) [least, tilt] = [off, t];
  }
  tilt = Math.round(tilt * 10) / 10;
  return { pose: placeProbe(knee, { centre, rotationDeg, tiltDeg: tilt + extraTiltDeg, compressionMm: 1 }), perpendicularTiltDeg: tilt };
}

export interface NeedleSetup {
  options: EchoOptions;
  note: string;
}

/**
 * An in-plane needle from the probe's medial side (−array) heading lateral, `angleDeg` below the
 * probe face, its tip `aboveMm` superficial to the nerve's surface under the probe (short axis
 * over the nerve at level y). It enters the skin where the line through the tip leaves it and is
 * advanced with advanceNeedle as in the app. With the nerve ~5 mm deep that entry lies under the
 * footprint (the note says how far from the centre): sliding the probe laterally so the entry
 * clears its end rolls it round the fibular head out of the needle's plane, so it is not done.
 */
export function inPlaneNeedle(knee: KneeAnatomy, y: number, angleDeg: number, aboveMm: number): NeedleSetup & { pose: ProbePose } {
  const pose = nerveShortAxis(knee, y);
  const frame = probeFrame(knee, pose);
  const n = nerveAtLevel(knee, y);
  const radius = Math.sqrt(n.areaMm2 / Math.PI);
  const above = add(n.centre, scale(frame.beamAxis, -(radius + aboveMm)));
  // Into the image plane: the probe sits over the nerve, but not always exactly over its centre line.
  const target = add(above, scale(frame.elevationAxis, -dot(add(above, scale(pose.centre, -1)), frame.elevationAxis)));
  const direction = inPlaneDirection(frame, angleDeg);
  let back = 0;
  while (knee.skin.distance(add(target, scale(direction, -back))) < 0 && back < 80) back += 0.1;
  const placed = placeNeedle(knee, { entry: add(target, scale(direction, -back)), direction });
  const step = advanceNeedle(knee, placed, distance(placed.entry, target));
  const needle = step.state;
  const seen = needleVisibility(frame, needle);
  const entryMm = dot(add(placed.entry, scale(pose.centre, -1)), frame.arrayAxis);
  const contacts = step.contacts.map((c) => c.kind).filter((k: NeedleContact) => k !== 'skin-punctured' && k !== 'fascia-crossed');
  return {
    pose,
    options: { needle: { entry: needle.entry, tip: needleTip(needle), diameterMm: NEEDLE_OUTER_DIAMETER_MM } },
    note: `skin entry ${entryMm.toFixed(1)} mm from the probe centre (${Math.abs(entryMm) < FOOTPRINT_MM / 2 ? 'under the footprint' : 'past its end'}), ${needle.insertedMm.toFixed(1)} mm in, tip in ${step.tissueAtTip}, in plane ${seen.inPlane}, tip visible ${seen.tipVisible}, ${seen.angleToBeamDeg.toFixed(1)}° to the face${contacts.length ? `, met ${contacts.join('/')}` : ''}`,
  };
}

/** The model attempt (scriptedAttempt.ts) replayed, with the poses it held and the fluid's effects. */
export interface Hydrodissection {
  /** Short axis over the fibular head, where the needle went in. */
  shortAxisPose: ProbePose;
  /** Where the probe was when each image was saved. */
  savedPoses: Record<string, ProbePose>;
  /** What the worker passes the imager once the injections are done (the needle withdrawn). */
  after: EchoOptions;
  measures: FluidMeasures | null;
  refused: string[];
}

let hydro: Hydrodissection | null = null;

/** Replays goodAttemptEvents on the normal knee (once) and gathers what the images need. */
export function hydrodissection(): Hydrodissection {
  if (hydro) return hydro;
  const p = patient('normal-teaching-knee');
  const events: AttemptEvent[] = goodAttemptEvents(p.knee, { caseId: p.caseId, side: p.side, seed: SEED });
  const sim = new AttemptSimulation((parameters) => {
    if (JSON.stringify(parameters) !== JSON.stringify(p.knee.parameters)) throw new Error('The scripted attempt asked for another knee');
    return { knee: p.knee, volume: p.volume };
  });
  const savedPoses: Record<string, ProbePose> = {};
  const refused: string[] = [];
  let shortAxisPose: ProbePose | null = null;
  for (const e of events) {
    const outcome = sim.apply(e);
    if (outcome.refused) refused.push(`${e.kind}: ${outcome.refused}`);
    if (e.kind === 'needle-inserted' && !shortAxisPose) shortAxisPose = sim.probe;
    if (e.kind === 'image-saved' && sim.probe) savedPoses[e.imageId] = sim.probe;
  }
  if (!shortAxisPose || !sim.fluid || sim.injectionSiteSMm === null) throw new Error('The scripted attempt injected nothing');
  // The same effects the worker draws (core's fluidEffects).
  const fluid = sim.fluid;
  const { measures, swelling, displacement } = fluidEffects(p.knee, p.volume, fluid.field, fluid.filledBox, sim.injectionSiteSMm);
  const needle = sim.needle && sim.needle.insertedMm > 0 ? { entry: sim.needle.entry, tip: needleTip(sim.needle), diameterMm: NEEDLE_OUTER_DIAMETER_MM } : null;
  hydro = {
    shortAxisPose,
    savedPoses,
    after: {
      fluid: fluid.field.fill,
      tissueWarp: fluid.warp,
      needle,
      nerveDeformation: { swelling, lift: displacement.nerveLift },
      adhesionReleased: displacement.adhesionReleased,
    },
    measures,
    refused,
  };
  return hydro;
}
