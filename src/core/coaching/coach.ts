import type { AttemptEvent, AttemptMode } from '../attempt/events';
import type { TissueType } from '../anatomy/tissues';
import type { FluidPlane } from '../fluid/fluidPlane';
import type { Vec3 } from '../math/vec3';
import type { NeedleContactEvent, NeedleState } from '../needle/needle';
import { coachWordsFor } from '../needle/contactWords';
import { HIGH_OPENING_PRESSURE_PSI } from '../scoring/rubric';
import { message, type Message } from '../message';
import { NERVE_TISSUE, speak, hush, silence, type Spoken } from './spoken';

/**
 * Guided practice's coach: when and what it says at the typical novice errors, decided from each
 * applied event and the state after it (the worker's session runs this for every event it applies,
 * live or rebuilt from a log, so a rebuilt session says what the live one said). Assessment mode
 * and a finished attempt hear nothing.
 */

/** Steeper than this to the probe face, a needle reflects little back: hard to see. */
export const STEEP_NEEDLE_DEG = 45;
/** A probe sliding this far while the needle is in has lost the needle's plane. */
export const PROBE_DRIFT_MM = 3;

export interface CoachState {
  spoken: Spoken;
  /** The word standing is about a nerve the needle met: it clears once the tip is off the nerve. */
  aboutNerve: boolean;
  /** Where the probe was when the needle went in (null: no needle in): drift is measured from here. */
  driftAnchor: Vec3 | null;
  /** The attempt was finished: the coach says nothing new. */
  finished: boolean;
}

export const quietCoach = (): CoachState => ({ spoken: silence, aboutNerve: false, driftAnchor: null, finished: false });

/** The needle as the probe sees it after the event; made only when a rule reads it (costly in a long replay). */
export interface NeedleView {
  tipVisible: boolean;
  angleToBeamDeg: number;
}

/** One applied event and the state it left. */
export interface CoachMoment {
  mode: AttemptMode;
  event: AttemptEvent;
  /** What the needle met during this event. */
  contacts: readonly Pick<NeedleContactEvent, 'kind' | 'structure'>[];
  needle: NeedleState | null;
  tissueAtTip: TissueType | null;
  probeCentre: Vec3 | null;
  needleView: () => NeedleView | null;
  /** This event's injection (applied), with the plane its fluid went into where fluid is simulated. */
  injection: { openingPressurePsi: number; fluidPlane?: FluidPlane } | null;
}

/** The word an event itself earns (tip out of the image, steep needle, high pressure, wrong plane), or null. */
function wordForEvent(moment: CoachMoment): Message | null {
  const { event, injection } = moment;
  if (event.kind === 'needle-advanced' && event.mm > 0) {
    const view = moment.needleView();
    return view && !view.tipVisible ? message('coach.tipOutOfImage') : null;
  }
  if (event.kind === 'needle-inserted') {
    const view = moment.needleView();
    return view && view.angleToBeamDeg > STEEP_NEEDLE_DEG ? message('coach.steepNeedle', { deg: Math.round(view.angleToBeamDeg) }) : null;
  }
  if (event.kind !== 'injection' || !injection) return null;
  if (injection.openingPressurePsi >= HIGH_OPENING_PRESSURE_PSI) return message('coach.highPressure', { psi: Math.round(injection.openingPressurePsi) });
  if (moment.tissueAtTip === 'vessel') return message('coach.injectIntoVessel');
  // A wrong plane, told by where this injection's fluid went (a bleb under the skin, streaks in a muscle).
  if (injection.fluidPlane === 'subcutaneous') return message('coach.fluid.subcutaneous');
  if (injection.fluidPlane === 'intramuscular') return message('coach.fluid.intramuscular');
  return null;
}

const distanceMm = (a: Vec3, b: Vec3) => Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);

/**
 * The coach after one applied event. In order, each later rule overriding the earlier: the event's
 * own word; a nerve the needle met (said at once, from this very event); the probe drifting more
 * than PROBE_DRIFT_MM from where it was while the needle is in. A word about a nerve clears when
 * the tip is off the nerve (not when another word has replaced it).
 */
export function coachAfter(state: CoachState, moment: CoachMoment): CoachState {
  if (moment.event.kind === 'case-loaded') return quietCoach();
  const coaching = moment.mode === 'guided' && !state.finished;
  let { spoken, aboutNerve, driftAnchor } = state;
  const say = (words: Message, nerve: boolean) => {
    spoken = speak(spoken, words);
    aboutNerve = nerve;
  };

  const eventWord = coaching ? wordForEvent(moment) : null;
  if (eventWord) say(eventWord, false);

  const nerveWord = coaching ? moment.contacts.map(coachWordsFor).filter((w): w is Message => w !== null).at(-1) : undefined;
  if (nerveWord) say(nerveWord, true);
  else if (aboutNerve && !(moment.tissueAtTip !== null && moment.needle && NERVE_TISSUE.has(moment.tissueAtTip))) {
    spoken = hush(spoken);
    aboutNerve = false;
  }

  const centre = moment.probeCentre;
  if (!moment.needle || moment.needle.insertedMm === 0 || !centre) driftAnchor = null;
  else {
    driftAnchor ??= centre;
    if (distanceMm(centre, driftAnchor) > PROBE_DRIFT_MM) {
      driftAnchor = centre;
      if (coaching) say(message('coach.probeDrift'), false);
    }
  }
  return { spoken, aboutNerve, driftAnchor, finished: state.finished || moment.event.kind === 'finished' };
}
