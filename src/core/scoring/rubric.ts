import type { SafetyEventKind, ScoreGroup } from './result';

/**
 * scoring.md as data: every item's weight and every threshold and penalty, in one place, so an
 * instructor who wants different weights edits this file only and the debrief can quote the same
 * numbers it scored with.
 */

export type ScoreItemId =
  | 'short-axis-view'
  | 'long-axis-view'
  | 'long-axis-trace'
  | 'dynamic-compression'
  | 'tip-visible-advancing'
  | 'medial-to-lateral'
  | 'tip-visible-injecting'
  | 'few-passes'
  | 'fluid-leads-needle'
  | 'halo'
  | 'longitudinal-spread'
  | 'volume'
  | 'above-and-below'
  | 'saved-short-axis'
  | 'saved-long-axis';

export interface RubricItem {
  id: ScoreItemId;
  group: ScoreGroup;
  title: string;
  maxPoints: number;
  /** One line shown in the debrief: what earns the item's full marks. */
  explanation: string;
}

// --- Thresholds (each used by exactly one item unless said otherwise) ---

/** A view counts once held this long without a break: a glimpse is not a scan. */
export const VIEW_HOLD_MS = 1000;
/** "At the fibular head": the nerve at the image centre within this of s = 0 (the apex level). */
export const FIBULAR_HEAD_WINDOW_MM = 15;
/** Length of nerve the long-axis views must have covered between them, across the fibular head. */
export const TRACE_MIN_MM = 30;
/** Probe compression (mm) that counts as a dynamic compression manoeuvre in short axis. */
export const COMPRESSION_MIN_MM = 2;
/** Share of the advanced distance with the tip in the image for an in-plane technique. */
export const TIP_VISIBLE_MIN_SHARE = 0.8;
/** Redirections allowed for the passes item; more means the target was hunted for. */
export const MAX_REDIRECTIONS = 2;
/** A withdrawal totalling at least this, then an advance, counts as one redirection. */
export const REDIRECT_WITHDRAW_MM = 5;
/** "Near the nerve" (tip within this of the surface), as the facts recorder measures it. */
export const NEAR_NERVE_MM = 5;
/** Near the nerve, each advance after the first injection must go at least this far into fluid. */
export const FLUID_LEAD_MIN_SHARE = 0.8;
/** Advancing near the nerve before any injection is forgiven up to this: the tip must reach its injection point. */
export const DRY_NEAR_NERVE_ALLOWANCE_MM = 2;
/** Halo coverage (%) at which the halo item starts earning points, and where it reaches full marks. */
export const HALO_ZERO_PCT = 25;
export const HALO_FULL_PCT = 90;
/** Longitudinal spread (mm, proximal + distal) where the spread item starts, and reaches full marks. */
export const SPREAD_ZERO_MM = 5;
export const SPREAD_FULL_MM = 20;
/** Total injectate volume (ml) that earns the volume item: enough to open the plane, no more. */
export const VOLUME_MIN_ML = 4;
export const VOLUME_MAX_ML = 6;
/** Injectate needed both superficial and deep to the nerve for a circumferential dissection. */
export const ABOVE_BELOW_MIN_ML = 1.5;
/** Halo coverage (%) a saved short-axis frame must show. */
export const SAVED_HALO_MIN_PCT = 75;
/** Length of nerve (mm) with fluid beside it a saved long-axis frame must show. */
export const SAVED_FLUID_ALONG_MIN_MM = 15;
/** Linear items are rounded to this, so the debrief shows points a person would give. */
export const POINTS_STEP = 0.5;

// --- Items, in scoring.md's table order (maxPoints sum to 100) ---

export const RUBRIC_ITEMS: readonly RubricItem[] = [
  { id: 'short-axis-view', group: 'scan', title: 'Short-axis view of the CPN at the fibular head obtained', maxPoints: 5,
    explanation: `Short-axis view with the nerve within ${FIBULAR_HEAD_WINDOW_MM} mm of the fibular head, held ≥ ${VIEW_HOLD_MS / 1000} s.` },
  { id: 'long-axis-view', group: 'scan', title: 'Long-axis view obtained', maxPoints: 5,
    explanation: `Long-axis view of the nerve held ≥ ${VIEW_HOLD_MS / 1000} s.` },
  { id: 'long-axis-trace', group: 'scan', title: 'Nerve traced along its long axis', maxPoints: 5,
    explanation: `Long-axis views covering ≥ ${TRACE_MIN_MM} mm of nerve, both proximal and distal of the fibular head.` },
  { id: 'dynamic-compression', group: 'scan', title: 'Dynamic compression in short axis', maxPoints: 5,
    explanation: `Probe pressed ≥ ${COMPRESSION_MIN_MM} mm over the nerve in short axis to tell it from the gastrocnemius.` },
  { id: 'tip-visible-advancing', group: 'needle', title: 'Needle in plane while advancing', maxPoints: 10,
    explanation: `Tip visible over ≥ ${TIP_VISIBLE_MIN_SHARE * 100}% of the distance advanced.` },
  { id: 'medial-to-lateral', group: 'needle', title: 'Medial-to-lateral in-plane approach', maxPoints: 5,
    explanation: 'Every insertion enters medial to the probe and is directed lateral.' },
  { id: 'tip-visible-injecting', group: 'needle', title: 'Tip visible at every injection', maxPoints: 5,
    explanation: 'No injection made with the tip out of the image plane.' },
  { id: 'few-passes', group: 'needle', title: 'Few passes', maxPoints: 5,
    explanation: `≤ ${MAX_REDIRECTIONS} redirections (a new insertion, or a withdrawal of ≥ ${REDIRECT_WITHDRAW_MM} mm then re-advance, counts one).` },
  { id: 'fluid-leads-needle', group: 'needle', title: 'Fluid leads the needle', maxPoints: 5,
    explanation: `Within ${NEAR_NERVE_MM} mm of the nerve the needle advances only into space the injectate has opened.` },
  { id: 'halo', group: 'spread', title: 'Halo around the nerve', maxPoints: 20,
    explanation: `Halo coverage ≥ ${HALO_FULL_PCT}% (points rise linearly from ${HALO_ZERO_PCT}%).` },
  { id: 'longitudinal-spread', group: 'spread', title: 'Spread along the sheath', maxPoints: 10,
    explanation: `Longitudinal spread ≥ ${SPREAD_FULL_MM} mm (points rise linearly from ${SPREAD_ZERO_MM} mm).` },
  { id: 'volume', group: 'spread', title: 'Volume', maxPoints: 5,
    explanation: `Total injectate ${VOLUME_MIN_ML}–${VOLUME_MAX_ML} ml.` },
  { id: 'above-and-below', group: 'spread', title: 'Above and below', maxPoints: 5,
    explanation: `Superficial and deep injectate each ≥ ${ABOVE_BELOW_MIN_ML} ml.` },
  { id: 'saved-short-axis', group: 'verify', title: 'Short-axis image saved after injection showing the halo', maxPoints: 5,
    explanation: `A short-axis frame saved after injecting shows the nerve with ≥ ${SAVED_HALO_MIN_PCT}% halo.` },
  { id: 'saved-long-axis', group: 'verify', title: 'Long-axis image saved after injection showing the spread', maxPoints: 5,
    explanation: `A long-axis frame saved after injecting shows ≥ ${SAVED_FLUID_ALONG_MIN_MM} mm of fluid along the nerve.` },
];

export function rubricItem(id: ScoreItemId): RubricItem {
  const item = RUBRIC_ITEMS.find((i) => i.id === id);
  // The list above is the closed set of ids, so a miss is a programming error, not bad input.
  if (!item) throw new Error(`Unknown rubric item ${id}`);
  return item;
}

// --- Safety events (scoring.md: shown first in the debrief) ---

export interface SafetyRule {
  /** Points taken off each time (0 when the effect is only a cap). */
  penalty: number;
  /** The total is capped at this, else null. */
  capTo: number | null;
  critical: boolean;
}

/** Opening pressure (psi) at or above which an injection is against or inside the nerve. */
export const HIGH_OPENING_PRESSURE_PSI = 15;
/**
 * Opening pressure (psi) past the perineural readings (4–8 psi, scoring.md) but short of the
 * critical line: not scored, a warning on the manometer (two thirds of the way to the line).
 */
export const CAUTION_OPENING_PRESSURE_PSI = (2 / 3) * HIGH_OPENING_PRESSURE_PSI;
/** An attempt that injected but left an entrapment site untreated is capped here: the lesion was missed. */
export const ENTRAPMENT_MISSED_CAP = 50;
/** Injected volume (ml) above which the over-volume penalty applies, once. */
export const MAX_SAFE_VOLUME_ML = 10;

/** Each kind's effect on the total; why each matters is said in the locale files (safety.explain.*). */
export const SAFETY_RULES: Readonly<Record<SafetyEventKind, SafetyRule>> = {
  'nerve-touched': { penalty: 10, capTo: null, critical: false },
  'needle-in-nerve': { penalty: 0, capTo: 40, critical: true },
  // A nick of a small nerve on the way in is a lapse in scanning the path, not an injury to the nerve being treated: a penalty, never a cap.
  'other-nerve-paraesthesia': { penalty: 5, capTo: null, critical: false },
  'high-pressure-injection': { penalty: 0, capTo: 40, critical: true },
  'intraneural-injection': { penalty: 0, capTo: 20, critical: true },
  'vessel-punctured': { penalty: 15, capTo: null, critical: false },
  'intravascular-injection': { penalty: 0, capTo: 20, critical: true },
  'bone-struck': { penalty: 2, capTo: null, critical: false },
  'over-10-ml': { penalty: 10, capTo: null, critical: false },
  'entrapment-site-missed': { penalty: 0, capTo: ENTRAPMENT_MISSED_CAP, critical: false },
  'injection-tip-not-visible': { penalty: 5, capTo: null, critical: false },
};
