import {
  ABOVE_BELOW_MIN_ML, COMPRESSION_MIN_MM, DRY_NEAR_NERVE_ALLOWANCE_MM, FIBULAR_HEAD_WINDOW_MM, HALO_FULL_PCT, MAX_REDIRECTIONS, NEAR_NERVE_MM,
  SAVED_FLUID_ALONG_MIN_MM, SAVED_HALO_MIN_PCT, SPREAD_FULL_MM, TIP_VISIBLE_MIN_SHARE, TRACE_MIN_MM, VIEW_HOLD_MS, VOLUME_MAX_ML, VOLUME_MIN_ML,
  type ScoreItemId,
} from './rubric';

/**
 * What the trainee should do differently next time, one sentence per way of losing an item's
 * points. Worded as an instructor at the bedside would say it, so the debrief teaches rather than
 * only marks.
 */
export const ADVICE: Readonly<Record<ScoreItemId, string>> = {
  'short-axis-view':
    `Start transverse over the fibular neck, find the nerve's round honeycomb section within ${FIBULAR_HEAD_WINDOW_MM} mm of the fibular head and hold the probe still for at least ${VIEW_HOLD_MS / 1000} s.`,
  'long-axis-view':
    `From the short-axis view, rotate the probe 90° about the nerve until it shows as a long band, and hold it still for at least ${VIEW_HOLD_MS / 1000} s.`,
  'long-axis-trace':
    `In long axis, slide the probe along the nerve from above to below the fibular head so that at least ${TRACE_MIN_MM} mm of it passes through the image.`,
  'dynamic-compression':
    `In short axis over the nerve, press the probe in by ${COMPRESSION_MIN_MM} mm or more to watch the nerve keep its shape while the muscle around it deforms.`,
  'tip-visible-advancing':
    `Advance only while you see the tip: when it disappears, stop and slide or tilt the probe to find it before going on (aim for ≥ ${TIP_VISIBLE_MIN_SHARE * 100}% of the advance).`,
  'medial-to-lateral':
    'Enter the skin just beyond the medial end of the probe and aim the needle laterally along the array, so the shaft stays in plane and away from the lateral structures.',
  'tip-visible-injecting':
    'Before every injection, find the tip in the image; if you cannot see it, do not inject.',
  'few-passes':
    `Plan the path on the scan before puncturing and make small angle corrections rather than pulling back and re-advancing (≤ ${MAX_REDIRECTIONS} redirections).`,
  'fluid-leads-needle':
    `Inject a small test volume before the tip is within ${NEAR_NERVE_MM} mm of the nerve, then advance only into the space the fluid has opened.`,
  halo:
    `Inject in small aliquots, moving the tip around the nerve (above, then below) until fluid surrounds it all round (≥ ${HALO_FULL_PCT}%).`,
  'longitudinal-spread':
    `Place the tip just outside the epineurium, under the sheath, and inject slowly so the fluid tracks along the nerve (≥ ${SPREAD_FULL_MM} mm in total).`,
  volume:
    `Aim for a total of ${VOLUME_MIN_ML}–${VOLUME_MAX_ML} ml: enough to open the plane round the nerve without flooding the tissues.`,
  'above-and-below':
    `Put at least ${ABOVE_BELOW_MIN_ML} ml both superficial and deep to the nerve, repositioning the tip between the two.`,
  'saved-short-axis':
    `After injecting, return to short axis over the injection site and save a frame showing the nerve in its halo (≥ ${SAVED_HALO_MIN_PCT}%).`,
  'saved-long-axis':
    `After injecting, turn to long axis and save a frame showing the fluid along the nerve (≥ ${SAVED_FLUID_ALONG_MIN_MM} mm).`,
};

/** The medial-to-lateral item fails in two distinct ways; say which. */
export function approachAdvice(enteredLateral: boolean, aimedMedial: boolean): string {
  if (enteredLateral && !aimedMedial) return 'Enter the skin beyond the medial end of the probe rather than the lateral end, then aim laterally along the array.';
  if (!enteredLateral && aimedMedial) return 'Having entered medial to the probe, aim the needle laterally along the array, not back toward the medial side.';
  return ADVICE['medial-to-lateral'];
}

/** Advancing near the nerve before any fluid is in place needs a different fix from drifting out of the fluid later. */
export function fluidLeadAdvice(dry: boolean): string {
  if (dry) return `${ADVICE['fluid-leads-needle']} (No more than ${DRY_NEAR_NERVE_ALLOWANCE_MM} mm near the nerve before the first injection.)`;
  return 'Near the nerve, inject a little more to open the space ahead of the tip before each advance, and keep the tip inside the fluid you can see.';
}

/** Too little and too much volume need opposite corrections. */
export function volumeAdvice(totalMl: number): string {
  if (totalMl > VOLUME_MAX_ML) return `Stop at ${VOLUME_MAX_ML} ml: reposition the tip to fill gaps in the halo instead of adding volume.`;
  return ADVICE.volume;
}
