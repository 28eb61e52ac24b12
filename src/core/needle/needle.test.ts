import { describe, expect, it } from 'vitest';
import { KneeAnatomy } from '../anatomy/knee';
import { placeProbe } from '../probe/placement';
import { probeFrame } from '../probe/scanGeometry';
import { placeNeedle, advanceNeedle, needleTip, needleVisibility, redirectNeedle, steeperBy, MAX_REDIRECT_DEG } from './needle';
import { SimError } from '../simError';
import { type Vec3, sub, add, scale, normalize, distance } from '../math/vec3';
import { suralNervePoints } from '../anatomy/kneeGeometry';
import { AttemptSimulation } from '../attempt/simulation';
import { scoreAttempt } from '../scoring/score';
import { SAFETY_RULES } from '../scoring/rubric';

const knee = new KneeAnatomy();
const nerve = knee.landmarks.cpnAtFibularHead;
const pose = placeProbe(knee, { centre: nerve, rotationDeg: 0, compressionMm: 1 });
const frame = probeFrame(knee, pose);
const up = knee.skinNormal(knee.projectOntoSkin(nerve));
const radius = Math.sqrt(8.4 / Math.PI);
/** Entry on the skin at the probe's medial end, in the image plane. */
const medialEntry = (outOfPlaneMm = 0) => knee.projectOntoSkin(add(add(pose.centre, scale(frame.arrayAxis, -21)), scale(frame.elevationAxis, outOfPlaneMm)));
const aimAt = (entry: Vec3, target: Vec3) => ({ entry, direction: normalize(sub(target, entry)) });

describe('the needle, in plane from medial to lateral', () => {
  it('pierces the skin and reaches the fat above the nerve with the tip in the slice', () => {
    const target = add(nerve, scale(up, radius + 0.8));
    const start = placeNeedle(knee, aimAt(medialEntry(), target));
    const step = advanceNeedle(knee, start, distance(start.entry, target));
    expect(step.contacts.map((c) => c.kind)).toContain('skin-punctured');
    expect(step.contacts.map((c) => c.kind)).not.toContain('nerve-touched');
    expect(step.tissueAtTip).toBe('fat');
    const seen = needleVisibility(frame, step.state);
    expect(seen.inPlane).toBe(true);
    expect(seen.tipVisible).toBe(true);
    expect(seen.angleToBeamDeg).toBeLessThan(45);
  });

  it('reports touching the nerve, then entering it', () => {
    const start = placeNeedle(knee, aimAt(medialEntry(), nerve));
    const step = advanceNeedle(knee, start, distance(start.entry, nerve) + 0.2);
    const kinds = step.contacts.map((c) => c.kind);
    expect(kinds.indexOf('nerve-touched')).toBeGreaterThanOrEqual(0);
    expect(kinds.indexOf('nerve-entered')).toBeGreaterThan(kinds.indexOf('nerve-touched'));
    expect(step.tissueAtTip).toBe('nerve');
  });

  it('stops on bone', () => {
    const bone = knee.landmarks.fibularNeck;
    const start = placeNeedle(knee, aimAt(medialEntry(), bone));
    const step = advanceNeedle(knee, start, 49);
    expect(step.contacts.at(-1)?.kind).toBe('bone-struck');
    expect(knee.tissueAt(needleTip(step.state))).not.toBe('bone');
    expect(step.state.insertedMm).toBeLessThan(distance(start.entry, bone) + 0.5);
  });

  it('out of plane by 3 mm: neither in plane nor tip visible', () => {
    const target = add(nerve, scale(up, radius + 0.8));
    const start = placeNeedle(knee, aimAt(medialEntry(3), add(target, scale(frame.elevationAxis, 3))));
    const step = advanceNeedle(knee, start, distance(start.entry, target));
    const seen = needleVisibility(frame, step.state);
    expect(seen.tipVisible).toBe(false);
    expect(seen.inPlane).toBe(false);
  });

  it('withdraws without going back through the skin', () => {
    const start = placeNeedle(knee, aimAt(medialEntry(), nerve));
    const advanced = advanceNeedle(knee, start, 10).state;
    expect(advanceNeedle(knee, advanced, -30).state.insertedMm).toBe(0);
  });

  it('redirects a little about the skin puncture, staying in plane, refusing a big turn', () => {
    const target = add(nerve, scale(up, radius + 3));
    const start = placeNeedle(knee, aimAt(medialEntry(), target));
    const inserted = advanceNeedle(knee, start, distance(start.entry, target) - 2).state;
    const steeper = redirectNeedle(knee, inserted, steeperBy(inserted.direction, frame.beamAxis, 4));
    expect(steeper.state.entry).toEqual(inserted.entry);
    expect(steeper.state.insertedMm).toBe(inserted.insertedMm);
    // Deeper tip, still in the image plane.
    expect(needleTip(steeper.state).z).toBeLessThan(needleTip(inserted).z);
    expect(needleVisibility(frame, steeper.state).tipVisible).toBe(true);
    expect(() => redirectNeedle(knee, inserted, steeperBy(inserted.direction, frame.beamAxis, MAX_REDIRECT_DEG + 5))).toThrow(SimError);
    expect(() => redirectNeedle(knee, inserted, { x: Number.NaN, y: 0, z: 0 })).toThrow(SimError);
  });

  it('a redirection sweeping the tip onto the nerve reports the touch', () => {
    const above = add(nerve, scale(up, radius + 1));
    const start = placeNeedle(knee, aimAt(medialEntry(), above));
    const inserted = advanceNeedle(knee, start, distance(start.entry, above)).state;
    const swept = redirectNeedle(knee, inserted, steeperBy(inserted.direction, frame.beamAxis, 6));
    expect(swept.contacts.map((c) => c.kind)).toContain('nerve-touched');
  });

  it('refuses nonsense with SimError', () => {
    expect(() => placeNeedle(knee, { entry: { x: Number.NaN, y: 0, z: 0 }, direction: { x: 1, y: 0, z: 0 } })).toThrow(SimError);
    expect(() => placeNeedle(knee, { entry: medialEntry(), direction: { x: 0, y: 0, z: 0 } })).toThrow(/error\.needle\.zeroDirection/);
    expect(() => placeNeedle(knee, { entry: { x: 0, y: 0, z: 200 }, direction: { x: 0, y: 0, z: -1 } })).toThrow(/error\.needle\.entryOffSkin/);
    expect(() => placeNeedle(knee, { entry: medialEntry(), direction: up })).toThrow(/error\.needle\.outward/);
    const start = placeNeedle(knee, aimAt(medialEntry(), nerve));
    expect(() => advanceNeedle(knee, start, Number.NaN)).toThrow(SimError);
  });
});

describe('contacts name the structure', () => {
  // The lateral sural cutaneous nerve runs ~2 mm under the skin over the gastrocnemius, right on
  // the path of a medial entry aimed at the CPN at the fibular head.
  const sural = suralNervePoints[2];
  const cpn = knee.nerveAt(knee.nerveSAtLevel(sural.y))!.centre;
  // The entry where the line from the CPN out through the sural nerve meets the skin, so one straight pass meets both.
  const outward = normalize(sub(sural, cpn));
  let [inside, outside] = [distance(sural, cpn), distance(sural, cpn) + 15];
  for (let i = 0; i < 40; i++) {
    const mid = (inside + outside) / 2;
    if (knee.skin.distance(add(cpn, scale(outward, mid))) < 0) inside = mid;
    else outside = mid;
  }
  const placed = placeNeedle(knee, { entry: add(cpn, scale(outward, inside)), direction: scale(outward, -1) });
  const { entry } = placed;
  const path = { entry, direction: placed.direction };

  it('a needle nicking the sural nerve under the skin meets the lateral sural cutaneous nerve, not the CPN', () => {
    const step = advanceNeedle(knee, placeNeedle(knee, path), distance(entry, sural) + 2);
    const nerveContacts = step.contacts.filter((c) => c.kind === 'nerve-touched' || c.kind === 'nerve-entered');
    expect(nerveContacts.length).toBeGreaterThan(0);
    expect(nerveContacts.every((c) => c.structure === 'lateralSuralCutaneousNerve')).toBe(true);
  });

  it('names the CPN when the tip enters it, and the bone it strikes', () => {
    const start = placeNeedle(knee, aimAt(medialEntry(), nerve));
    const step = advanceNeedle(knee, start, distance(start.entry, nerve) + 0.2);
    expect(step.contacts.find((c) => c.kind === 'nerve-entered')?.structure).toBe('commonPeronealNerve');
    const bone = advanceNeedle(knee, placeNeedle(knee, aimAt(medialEntry(), knee.landmarks.fibularNeck)), 49);
    expect(bone.contacts.at(-1)).toMatchObject({ kind: 'bone-struck', structure: 'fibula' });
  });

  it('through the reducer and the rubric: the sural nick is a paraesthesia with a penalty, entering the CPN caps at 40', () => {
    const sim = new AttemptSimulation(() => ({ knee, volume: null }));
    sim.apply({ tMs: 0, kind: 'case-loaded', caseId: 'normal-teaching-knee', side: 'right', seed: 1 });
    sim.apply({ tMs: 1000, kind: 'needle-inserted', ...path });
    sim.apply({ tMs: 2000, kind: 'needle-advanced', mm: distance(entry, sural) + 2 });
    const nicked = scoreAttempt(sim.attemptFacts()!);
    const paraesthesia = nicked.safetyEvents.filter((e) => e.kind === 'other-nerve-paraesthesia');
    expect(paraesthesia).toHaveLength(1);
    expect(paraesthesia[0]).toMatchObject({ structure: 'lateralSuralCutaneousNerve', penalty: SAFETY_RULES['other-nerve-paraesthesia'].penalty, capTo: null, critical: false });
    expect(nicked.safetyEvents.map((e) => e.kind)).not.toContain('needle-in-nerve');
    expect(nicked.cappedAt).toBeNull();

    // On to the CPN along the same path: that one is critical.
    sim.apply({ tMs: 3000, kind: 'needle-advanced', mm: distance(entry, cpn) - distance(entry, sural) - 2 });
    const entered = scoreAttempt(sim.attemptFacts()!);
    const inNerve = entered.safetyEvents.find((e) => e.kind === 'needle-in-nerve');
    expect(inNerve).toMatchObject({ structure: 'commonPeronealNerve', capTo: 40, critical: true });
    expect(entered.cappedAt).toBe(40);
    expect(entered.total).toBeLessThanOrEqual(40);
  });
});
