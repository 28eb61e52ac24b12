import { describe, it, expect } from 'vitest';
import type { AttemptEvent, AttemptMode } from '../attempt/events';
import type { NeedleState } from '../needle/needle';
import type { Vec3 } from '../math/vec3';
import { HIGH_OPENING_PRESSURE_PSI } from '../scoring/rubric';
import { coachAfter, quietCoach, PROBE_DRIFT_MM, STEEP_NEEDLE_DEG, type CoachMoment, type CoachState, type NeedleView } from './coach';

const needleIn: NeedleState = { entry: { x: 0, y: 0, z: 0 }, direction: { x: 1, y: 0, z: 0 }, insertedMm: 12 };
const centre: Vec3 = { x: 10, y: 20, z: 30 };
const visible: NeedleView = { tipVisible: true, angleToBeamDeg: 20 };

/** A moment after an applied event, in guided mode, with a visible needle 12 mm in fat under a still probe. */
function moment(event: Partial<AttemptEvent> & { kind: AttemptEvent['kind'] }, over: Partial<CoachMoment> = {}): CoachMoment {
  return { mode: 'guided', event: { tMs: 0, ...event } as AttemptEvent, contacts: [], needle: needleIn, tissueAtTip: 'fat', probeCentre: centre, needleView: () => visible, injection: null, ...over };
}

/** Runs moments through the coach from silence. */
const run = (...moments: CoachMoment[]): CoachState => moments.reduce(coachAfter, quietCoach());
const said = (state: CoachState) => state.spoken.said;

describe('the guided-practice coach (when and what it says)', () => {
  it('says nothing in assessment mode, whatever happens', () => {
    const assessment = (m: CoachMoment) => ({ ...m, mode: 'assessment' as AttemptMode });
    const state = run(
      assessment(moment({ kind: 'needle-advanced', mm: 2 }, { needleView: () => ({ tipVisible: false, angleToBeamDeg: 10 }) })),
      assessment(moment({ kind: 'needle-inserted' }, { needleView: () => ({ tipVisible: true, angleToBeamDeg: 70 }) })),
      assessment(moment({ kind: 'injection', ml: 1 }, { injection: { openingPressurePsi: 40, fluidPlane: 'subcutaneous' } })),
      assessment(moment({ kind: 'needle-advanced', mm: 1 }, { contacts: [{ kind: 'nerve-entered', structure: 'commonPeronealNerve' }], tissueAtTip: 'nerve' })),
      assessment(moment({ kind: 'probe-pose' }, { probeCentre: { ...centre, x: centre.x + 10 } })),
    );
    expect(state.spoken).toEqual({ said: null, turn: 0 });
  });

  it('an advance with the tip out of the image is said; a withdrawal or a visible tip is not', () => {
    const hidden = () => ({ tipVisible: false, angleToBeamDeg: 10 });
    expect(said(run(moment({ kind: 'needle-advanced', mm: 2 }, { needleView: hidden })))).toEqual({ key: 'coach.tipOutOfImage', values: {} });
    expect(said(run(moment({ kind: 'needle-advanced', mm: -2 }, { needleView: hidden })))).toBeNull();
    expect(said(run(moment({ kind: 'needle-advanced', mm: 2 })))).toBeNull();
  });

  it('a needle inserted steeper than STEEP_NEEDLE_DEG to the beam is said with its angle, rounded', () => {
    const at = (deg: number) => moment({ kind: 'needle-inserted' }, { needleView: () => ({ tipVisible: true, angleToBeamDeg: deg }) });
    expect(said(run(at(STEEP_NEEDLE_DEG + 7.4)))).toEqual({ key: 'coach.steepNeedle', values: { deg: 52 } });
    expect(said(run(at(STEEP_NEEDLE_DEG)))).toBeNull();
  });

  it('an injection: high opening pressure first, then a tip in a vessel, then a wrong plane; the sheath says nothing', () => {
    const inject = (openingPressurePsi: number, fluidPlane?: 'subcutaneous' | 'intramuscular' | 'paraneural', tissueAtTip: 'fat' | 'vessel' = 'fat') =>
      said(run(moment({ kind: 'injection', ml: 1 }, { injection: { openingPressurePsi, ...(fluidPlane ? { fluidPlane } : {}) }, tissueAtTip })));
    expect(inject(HIGH_OPENING_PRESSURE_PSI + 0.6, 'subcutaneous', 'vessel')).toEqual({ key: 'coach.highPressure', values: { psi: 16 } });
    expect(inject(HIGH_OPENING_PRESSURE_PSI - 0.1, 'subcutaneous', 'vessel')).toEqual({ key: 'coach.injectIntoVessel', values: {} });
    expect(inject(5, 'subcutaneous')).toEqual({ key: 'coach.fluid.subcutaneous', values: {} });
    expect(inject(5, 'intramuscular')).toEqual({ key: 'coach.fluid.intramuscular', values: {} });
    expect(inject(5, 'paraneural')).toBeNull();
    expect(inject(5)).toBeNull();
  });

  it('a nerve met is said at once (over the step’s own word), stands while the tip is on it, and clears when the tip leaves', () => {
    const touched = run(
      moment({ kind: 'needle-advanced', mm: 0.5 }, { contacts: [{ kind: 'skin-punctured', structure: 'skin' }, { kind: 'nerve-touched', structure: 'commonPeronealNerve' }], tissueAtTip: 'epineurium', needleView: () => ({ tipVisible: false, angleToBeamDeg: 10 }) }),
    );
    expect(touched.spoken).toEqual({ said: { key: 'coach.cpn.touched', values: {} }, turn: 2 });
    const still = coachAfter(touched, moment({ kind: 'needle-advanced', mm: 0.5 }, { tissueAtTip: 'nerve' }));
    expect(still.spoken).toBe(touched.spoken);
    const off = coachAfter(still, moment({ kind: 'needle-advanced', mm: -1 }, { tissueAtTip: 'fat' }));
    expect(off.spoken).toEqual({ said: null, turn: 3 });
    // Another nerve has its own words; the needle taken out clears them too.
    const sural = run(moment({ kind: 'needle-advanced', mm: 1 }, { contacts: [{ kind: 'nerve-entered', structure: 'lateralSuralCutaneousNerve' }], tissueAtTip: 'nerve' }));
    expect(said(sural)?.key).toBe('coach.otherNerve.lateralSuralCutaneousNerve');
    expect(said(coachAfter(sural, moment({ kind: 'needle-advanced', mm: -12 }, { needle: null, tissueAtTip: null })))).toBeNull();
  });

  it('a word that replaced the nerve’s is not cleared when the tip leaves the nerve', () => {
    const touched = run(moment({ kind: 'needle-advanced', mm: 0.5 }, { contacts: [{ kind: 'nerve-touched', structure: 'commonPeronealNerve' }], tissueAtTip: 'epineurium' }));
    const pressure = coachAfter(touched, moment({ kind: 'injection', ml: 1 }, { tissueAtTip: 'epineurium', injection: { openingPressurePsi: 25 } }));
    const off = coachAfter(pressure, moment({ kind: 'needle-advanced', mm: -1 }, { tissueAtTip: 'fat' }));
    expect(said(off)).toEqual({ key: 'coach.highPressure', values: { psi: 25 } });
  });

  it('the probe drifting more than PROBE_DRIFT_MM while the needle is in is said, from where it was when the needle went in', () => {
    const at = (dx: number, needle: NeedleState | null = needleIn) => moment({ kind: 'probe-pose' }, { probeCentre: { ...centre, x: centre.x + dx }, needle });
    expect(said(run(at(0), at(PROBE_DRIFT_MM - 0.5)))).toBeNull();
    const drifted = run(at(0), at(PROBE_DRIFT_MM - 0.5), at(PROBE_DRIFT_MM + 0.5));
    expect(said(drifted)).toEqual({ key: 'coach.probeDrift', values: {} });
    // The anchor moved with the warning: the next small slide is not another drift.
    expect(coachAfter(drifted, at(PROBE_DRIFT_MM + 1.5)).spoken).toBe(drifted.spoken);
    // Without a needle in the probe roams freely; the anchor is taken again when one goes in.
    expect(said(run(at(0, null), at(20, null), at(20), at(22)))).toBeNull();
    expect(said(run(at(0, { ...needleIn, insertedMm: 0 }), at(10)))).toBeNull();
  });

  it('the same word said again is a new turn (shown again after a dismissal); a finished attempt hears nothing new; a new case starts quiet', () => {
    const hidden = () => ({ tipVisible: false, angleToBeamDeg: 10 });
    const advance = moment({ kind: 'needle-advanced', mm: 1 }, { needleView: hidden });
    const twice = run(advance, advance);
    expect(twice.spoken.turn).toBe(2);
    const finished = coachAfter(twice, moment({ kind: 'finished' }));
    expect(coachAfter(finished, advance).spoken).toBe(finished.spoken);
    expect(coachAfter(twice, moment({ kind: 'case-loaded' }))).toEqual(quietCoach());
  });

  it('reads the needle’s view only for the events whose rules need it', () => {
    let reads = 0;
    const counted = (m: CoachMoment): CoachMoment => ({ ...m, needleView: () => (reads++, visible) });
    run(counted(moment({ kind: 'probe-pose' })), counted(moment({ kind: 'injection', ml: 1 }, { injection: { openingPressurePsi: 3 } })), counted(moment({ kind: 'needle-advanced', mm: -1 })));
    expect(reads).toBe(0);
    run(counted(moment({ kind: 'needle-advanced', mm: 1 })), counted(moment({ kind: 'needle-inserted' })));
    expect(reads).toBe(2);
  });
});
