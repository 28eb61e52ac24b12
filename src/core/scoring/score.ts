import { injectionsGiven, type AttemptFacts, type SavedImageFact } from '../attempt/facts';
import type { AttemptResult, ScoreItem } from './result';
import {
  ABOVE_BELOW_MIN_ML, COMPRESSION_MIN_MM, DRY_NEAR_NERVE_ALLOWANCE_MM, FIBULAR_HEAD_WINDOW_MM, FLUID_LEAD_MIN_SHARE, HALO_FULL_PCT, HALO_ZERO_PCT,
  MAX_REDIRECTIONS, NEAR_NERVE_MM, POINTS_STEP, RUBRIC_ITEMS, SAVED_FLUID_ALONG_MIN_MM, SAVED_HALO_MIN_PCT, SPREAD_FULL_MM, SPREAD_ZERO_MM,
  TIP_VISIBLE_MIN_SHARE, TRACE_MIN_MM, VIEW_HOLD_MS, VOLUME_MAX_ML, VOLUME_MIN_ML, rubricItem, type ScoreItemId,
} from './rubric';
import {
  compressedOverNerve, countRedirections, finiteOr0, fluidLead, isLongAxis, isShortAxisAtFibularHead, longestHoldMs, maxShortAxisCompressionMm,
  tipVisibleWhileAdvancing, tracedNerve,
} from './figures';
import { ADVICE, approachAdvice, fluidLeadAdvice, volumeAdvice } from './advice';
import { findSafetyEvents, safetyEffect } from './safety';
import { formatNumber as n, formatSeconds } from './format';

/**
 * Scores an attempt against scoring.md: every item from the recorded facts (never from what the
 * trainee merely clicked as done), then the safety events' penalties and caps. Pure: the same facts
 * give the same result in live play, replay and an instructor's review.
 */
export function scoreAttempt(facts: AttemptFacts): AttemptResult {
  const items = scoreItems(facts);
  const safetyEvents = findSafetyEvents(facts);
  const itemPoints = items.reduce((sum, i) => sum + i.points, 0);
  const { penalties, cap } = safetyEffect(safetyEvents);
  const clamped = Math.min(100, Math.max(0, itemPoints - penalties));
  return { total: cap === null ? clamped : Math.min(clamped, cap), itemPoints, items, safetyEvents, cappedAt: cap };
}

/** Every item in scoring.md's table order. */
export function scoreItems(facts: AttemptFacts): ScoreItem[] {
  return RUBRIC_ITEMS.map((r) => SCORERS[r.id](facts));
}

/** Comparisons allow for sums of floating-point mm and ml landing a hair under a threshold they meet. */
const EPS = 1e-9;
const atLeast = (x: number, min: number) => x >= min - EPS;

/** Points rising linearly from 0 at `zeroAt` to the item's maximum at `fullAt`, rounded to the rubric's step. */
export function linearPoints(value: number, zeroAt: number, fullAt: number, maxPoints: number): number {
  if (Number.isNaN(value)) return 0;
  const share = Math.min(1, Math.max(0, (value - zeroAt) / (fullAt - zeroAt)));
  return Math.min(maxPoints, Math.round((share * maxPoints) / POINTS_STEP) * POINTS_STEP);
}

function item(id: ScoreItemId, points: number, reason: string, advice: string): ScoreItem {
  const r = rubricItem(id);
  return { id, group: r.group, title: r.title, points, maxPoints: r.maxPoints, reason, advice: points >= r.maxPoints ? null : advice };
}

/** Full marks or none, for the items scoring.md states as a condition. */
function passFail(id: ScoreItemId, passed: boolean, reason: string, advice: string = ADVICE[id]): ScoreItem {
  return item(id, passed ? rubricItem(id).maxPoints : 0, reason, advice);
}

const pct = (share: number) => `${n(share * 100, 1)}%`;
const ml = (x: number) => `${n(x, 2)} ml`;

function bestSaved(facts: AttemptFacts, view: SavedImageFact['view'], measure: (i: SavedImageFact) => number): number | null {
  const frames = facts.savedImages.filter((i) => i.afterInjection && i.view === view);
  return frames.length === 0 ? null : Math.max(...frames.map((i) => finiteOr0(measure(i))));
}

const SCORERS: Readonly<Record<ScoreItemId, (facts: AttemptFacts) => ScoreItem>> = {
  'short-axis-view': (facts) => {
    const heldMs = longestHoldMs(facts, isShortAxisAtFibularHead);
    return passFail('short-axis-view', atLeast(heldMs, VIEW_HOLD_MS), heldMs > 0
      ? `Short-axis view at the fibular head held ${formatSeconds(heldMs)} (full marks at ≥ ${formatSeconds(VIEW_HOLD_MS)})`
      : `No short-axis view with the nerve within ${FIBULAR_HEAD_WINDOW_MM} mm of the fibular head`);
  },

  'long-axis-view': (facts) => {
    const heldMs = longestHoldMs(facts, isLongAxis);
    return passFail('long-axis-view', atLeast(heldMs, VIEW_HOLD_MS), heldMs > 0
      ? `Long-axis view held ${formatSeconds(heldMs)} (full marks at ≥ ${formatSeconds(VIEW_HOLD_MS)})`
      : 'No long-axis view of the nerve');
  },

  'long-axis-trace': (facts) => {
    const t = tracedNerve(facts);
    const both = t.proximalMm > 0 && t.distalMm > 0;
    const reason = t.coveredMm > 0
      ? `Long-axis views covered ${n(t.coveredMm, 1)} mm of nerve, ${n(t.proximalMm, 1)} mm proximal and ${n(t.distalMm, 1)} mm distal of the fibular head (full marks at ≥ ${TRACE_MIN_MM} mm across it)`
      : 'The nerve was never seen in long axis';
    return passFail('long-axis-trace', both && atLeast(t.coveredMm, TRACE_MIN_MM), reason);
  },

  'dynamic-compression': (facts) => {
    const deepestMm = maxShortAxisCompressionMm(facts);
    return passFail('dynamic-compression', compressedOverNerve(facts), deepestMm > 0
      ? `Deepest compression over the nerve in short axis ${n(deepestMm, 1)} mm (full marks at ≥ ${COMPRESSION_MIN_MM} mm)`
      : 'No probe compression over the nerve in short axis');
  },

  'tip-visible-advancing': (facts) => {
    const { advancedMm, tipVisibleMm } = tipVisibleWhileAdvancing(facts);
    if (advancedMm <= 0) return passFail('tip-visible-advancing', false, 'The needle was never advanced, so in-plane advancing cannot be credited');
    const share = tipVisibleMm / advancedMm;
    return passFail('tip-visible-advancing', atLeast(share, TIP_VISIBLE_MIN_SHARE),
      `Tip visible over ${pct(share)} of ${n(advancedMm, 1)} mm advanced (full marks at ≥ ${TIP_VISIBLE_MIN_SHARE * 100}%)`);
  },

  'medial-to-lateral': (facts) => {
    const all = facts.insertions;
    if (all.length === 0) return passFail('medial-to-lateral', false, 'No needle insertion');
    const wrong = all.filter((i) => !(i.entryMedialToProbe && i.directedLateral));
    if (wrong.length === 0) return passFail('medial-to-lateral', true, `All ${all.length} insertion(s) entered medial to the probe and aimed lateral`);
    const enteredLateral = wrong.some((i) => !i.entryMedialToProbe);
    const aimedMedial = wrong.some((i) => !i.directedLateral);
    const how = [enteredLateral ? 'entry not medial to the probe' : '', aimedMedial ? 'not aimed lateral' : ''].filter(Boolean).join(', ');
    return passFail('medial-to-lateral', false, `${wrong.length} of ${all.length} insertion(s) not medial-to-lateral (${how})`, approachAdvice(enteredLateral, aimedMedial));
  },

  'tip-visible-injecting': (facts) => {
    const all = injectionsGiven(facts.injections);
    if (all.length === 0) return passFail('tip-visible-injecting', false, 'No injection made');
    const blind = all.filter((i) => !i.tipVisible).length;
    return passFail('tip-visible-injecting', blind === 0, blind === 0
      ? `Tip visible at all ${all.length} injection(s)`
      : `Tip not visible at ${blind} of ${all.length} injection(s)`);
  },

  'few-passes': (facts) => {
    // No needle, no passes to judge: credit goes to few passes, not to none.
    if (facts.insertions.length === 0) return passFail('few-passes', false, 'No needle insertion');
    const r = countRedirections(facts);
    return passFail('few-passes', r.redirections <= MAX_REDIRECTIONS,
      `${r.redirections} redirection(s): ${r.reinsertions} re-insertion(s), ${r.reAdvances} withdraw-and-re-advance (full marks at ≤ ${MAX_REDIRECTIONS})`);
  },

  'fluid-leads-needle': (facts) => {
    const f = fluidLead(facts, FLUID_LEAD_MIN_SHARE);
    if (f.firstInjectionMs === null) return passFail('fluid-leads-needle', false, 'No injection, so no fluid ever led the needle', fluidLeadAdvice(true));
    if (f.dryNearNerveMm > DRY_NEAR_NERVE_ALLOWANCE_MM + EPS) {
      return passFail('fluid-leads-needle', false,
        `Advanced ${n(f.dryNearNerveMm, 1)} mm within ${NEAR_NERVE_MM} mm of the nerve before the first injection (allowed ≤ ${DRY_NEAR_NERVE_ALLOWANCE_MM} mm)`, fluidLeadAdvice(true));
    }
    if (f.shortfalls > 0) {
      return passFail('fluid-leads-needle', false,
        `${f.shortfalls} of ${f.advancesAfter} near-nerve advance(s) after the first injection went < ${FLUID_LEAD_MIN_SHARE * 100}% into fluid (worst ${pct(f.worstShare)})`, fluidLeadAdvice(false));
    }
    return passFail('fluid-leads-needle', true, f.advancesAfter > 0
      ? `All ${f.advancesAfter} near-nerve advance(s) after the first injection went ≥ ${FLUID_LEAD_MIN_SHARE * 100}% into fluid`
      : `Injected before advancing more than ${DRY_NEAR_NERVE_ALLOWANCE_MM} mm near the nerve, and did not advance near it afterwards`);
  },

  halo: (facts) => {
    const halo = finiteOr0(facts.fluid.haloCoveragePct);
    return item('halo', linearPoints(halo, HALO_ZERO_PCT, HALO_FULL_PCT, rubricItem('halo').maxPoints),
      `Halo ${n(halo, 1)}% (full marks at ≥ ${HALO_FULL_PCT}%, none below ${HALO_ZERO_PCT}%)`, ADVICE.halo);
  },

  'longitudinal-spread': (facts) => {
    const proximal = finiteOr0(facts.fluid.spreadProximalMm);
    const distal = finiteOr0(facts.fluid.spreadDistalMm);
    const spread = proximal + distal;
    return item('longitudinal-spread', linearPoints(spread, SPREAD_ZERO_MM, SPREAD_FULL_MM, rubricItem('longitudinal-spread').maxPoints),
      `Spread ${n(spread, 1)} mm along the nerve, ${n(proximal, 1)} proximal and ${n(distal, 1)} distal (full marks at ≥ ${SPREAD_FULL_MM} mm, none below ${SPREAD_ZERO_MM} mm)`,
      ADVICE['longitudinal-spread']);
  },

  volume: (facts) => {
    const total = finiteOr0(facts.fluid.totalMl);
    return passFail('volume', atLeast(total, VOLUME_MIN_ML) && total <= VOLUME_MAX_ML + EPS,
      `Total ${ml(total)} (full marks at ${VOLUME_MIN_ML}–${VOLUME_MAX_ML} ml)`, volumeAdvice(total));
  },

  'above-and-below': (facts) => {
    const superficial = finiteOr0(facts.fluid.superficialMl);
    const deep = finiteOr0(facts.fluid.deepMl);
    return passFail('above-and-below', atLeast(superficial, ABOVE_BELOW_MIN_ML) && atLeast(deep, ABOVE_BELOW_MIN_ML),
      `Superficial ${ml(superficial)}, deep ${ml(deep)} (full marks at ≥ ${ABOVE_BELOW_MIN_ML} ml each)`);
  },

  'saved-short-axis': (facts) => {
    const best = bestSaved(facts, 'short-axis', (i) => i.haloCoveragePctInImage);
    return passFail('saved-short-axis', best !== null && atLeast(best, SAVED_HALO_MIN_PCT), best !== null
      ? `Best short-axis image saved after injection shows a ${n(best, 1)}% halo (full marks at ≥ ${SAVED_HALO_MIN_PCT}%)`
      : 'No short-axis image saved after injection');
  },

  'saved-long-axis': (facts) => {
    const best = bestSaved(facts, 'long-axis', (i) => i.fluidAlongNerveMmInImage);
    return passFail('saved-long-axis', best !== null && atLeast(best, SAVED_FLUID_ALONG_MIN_MM), best !== null
      ? `Best long-axis image saved after injection shows ${n(best, 1)} mm of fluid along the nerve (full marks at ≥ ${SAVED_FLUID_ALONG_MIN_MM} mm)`
      : 'No long-axis image saved after injection');
  },
};
