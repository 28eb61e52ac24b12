import {
  ABOVE_BELOW_MIN_ML, COMPRESSION_MIN_MM, DRY_NEAR_NERVE_ALLOWANCE_MM, FIBULAR_HEAD_WINDOW_MM, HALO_FULL_PCT, MAX_REDIRECTIONS, NEAR_NERVE_MM,
  SAVED_FLUID_ALONG_MIN_MM, SAVED_HALO_MIN_PCT, SPREAD_FULL_MM, TIP_VISIBLE_MIN_SHARE, TRACE_MIN_MM, VIEW_HOLD_MS, VOLUME_MAX_ML, VOLUME_MIN_ML,
  type ScoreItemId,
} from './rubric';
import { message, type Message } from '../message';

/**
 * What the trainee should do differently next time, one sentence per way of losing an item's
 * points, worded (in the locale files) as an instructor at the bedside would say it, so the
 * debrief teaches rather than only marks. The figures are the rubric's own thresholds.
 */
export const ADVICE: Readonly<Record<ScoreItemId, Message>> = {
  'short-axis-view': message('advice.short-axis-view', { window: FIBULAR_HEAD_WINDOW_MM, hold: VIEW_HOLD_MS / 1000 }),
  'long-axis-view': message('advice.long-axis-view', { hold: VIEW_HOLD_MS / 1000 }),
  'long-axis-trace': message('advice.long-axis-trace', { min: TRACE_MIN_MM }),
  'dynamic-compression': message('advice.dynamic-compression', { min: COMPRESSION_MIN_MM }),
  'tip-visible-advancing': message('advice.tip-visible-advancing', { min: TIP_VISIBLE_MIN_SHARE * 100 }),
  'medial-to-lateral': message('advice.medial-to-lateral'),
  'tip-visible-injecting': message('advice.tip-visible-injecting'),
  'few-passes': message('advice.few-passes', { max: MAX_REDIRECTIONS }),
  'fluid-leads-needle': message('advice.fluid-leads-needle', { near: NEAR_NERVE_MM }),
  halo: message('advice.halo', { full: HALO_FULL_PCT }),
  'longitudinal-spread': message('advice.longitudinal-spread', { full: SPREAD_FULL_MM }),
  volume: message('advice.volume', { min: VOLUME_MIN_ML, max: VOLUME_MAX_ML }),
  'above-and-below': message('advice.above-and-below', { min: ABOVE_BELOW_MIN_ML }),
  'saved-short-axis': message('advice.saved-short-axis', { min: SAVED_HALO_MIN_PCT }),
  'saved-long-axis': message('advice.saved-long-axis', { min: SAVED_FLUID_ALONG_MIN_MM }),
};

/** The medial-to-lateral item fails in two distinct ways; say which. */
export function approachAdvice(enteredLateral: boolean, aimedMedial: boolean): Message {
  if (enteredLateral && !aimedMedial) return message('advice.medial-to-lateral.enteredLateral');
  if (!enteredLateral && aimedMedial) return message('advice.medial-to-lateral.aimedMedial');
  return ADVICE['medial-to-lateral'];
}

/** Advancing near the nerve before any fluid is in place needs a different fix from drifting out of the fluid later. */
export function fluidLeadAdvice(dry: boolean): Message {
  if (dry) return message('advice.fluid-leads-needle.dry', { advice: ADVICE['fluid-leads-needle'], allowed: DRY_NEAR_NERVE_ALLOWANCE_MM });
  return message('advice.fluid-leads-needle.inFluid');
}

/**
 * A halo missed because the fluid went into a wrong plane (fluid/fluidPlane.ts) says which: a bleb
 * under the skin and streaks in a muscle need different corrections from too little fluid round the nerve.
 */
export function haloAdvice(wrongPlane: 'subcutaneous' | 'intramuscular' | null): Message {
  if (wrongPlane === null) return ADVICE.halo;
  return message(wrongPlane === 'subcutaneous' ? 'advice.halo.subcutaneous' : 'advice.halo.intramuscular', { advice: ADVICE.halo });
}

/** Too little and too much volume need opposite corrections. */
export function volumeAdvice(totalMl: number): Message {
  if (totalMl > VOLUME_MAX_ML) return message('advice.volume.over', { max: VOLUME_MAX_ML });
  return ADVICE.volume;
}
