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
import { ADVICE, approachAdvice, fluidLeadAdvice, haloAdvice, volumeAdvice } from './advice';
import { findSafetyEvents, safetyEffect } from './safety';
import { floorTo, message, type Message } from '../message';

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

/** The wrong plane most of the injectate went into (by volume), if any: the halo's advice names it. */
function wrongFluidPlane(facts: AttemptFacts): 'subcutaneous' | 'intramuscular' | null {
  let subcutaneous = 0;
  let intramuscular = 0;
  for (const inj of facts.injections) {
    if (inj.fluidPlane === 'subcutaneous') subcutaneous += inj.ml;
    else if (inj.fluidPlane === 'intramuscular') intramuscular += inj.ml;
  }
  if (subcutaneous === 0 && intramuscular === 0) return null;
  return subcutaneous >= intramuscular ? 'subcutaneous' : 'intramuscular';
}

function item(id: ScoreItemId, points: number, reason: Message, advice: Message): ScoreItem {
  const r = rubricItem(id);
  return { id, group: r.group, title: r.title, points, maxPoints: r.maxPoints, reason, advice: points >= r.maxPoints ? null : advice };
}

/** Full marks or none, for the items scoring.md states as a condition. */
function passFail(id: ScoreItemId, passed: boolean, reason: Message, advice: Message = ADVICE[id]): ScoreItem {
  return item(id, passed ? rubricItem(id).maxPoints : 0, reason, advice);
}

/** Figures as the reasons show them: mm, % and ml to 0.1 (volumes 0.01), seconds to 0.01, rounded down. */
const f1 = (x: number) => floorTo(x, 1);
const f2 = (x: number) => floorTo(x, 2);
const seconds = (ms: number) => floorTo(ms / 1000, 2);

function bestSaved(facts: AttemptFacts, view: SavedImageFact['view'], measure: (i: SavedImageFact) => number): number | null {
  const frames = facts.savedImages.filter((i) => i.afterInjection && i.view === view);
  return frames.length === 0 ? null : Math.max(...frames.map((i) => finiteOr0(measure(i))));
}

const SCORERS: Readonly<Record<ScoreItemId, (facts: AttemptFacts) => ScoreItem>> = {
  'short-axis-view': (facts) => {
    const heldMs = longestHoldMs(facts, isShortAxisAtFibularHead);
    return passFail('short-axis-view', atLeast(heldMs, VIEW_HOLD_MS), heldMs > 0
      ? message('reason.short-axis-view.held', { held: seconds(heldMs), full: seconds(VIEW_HOLD_MS) })
      : message('reason.short-axis-view.none', { window: FIBULAR_HEAD_WINDOW_MM }));
  },

  'long-axis-view': (facts) => {
    const heldMs = longestHoldMs(facts, isLongAxis);
    return passFail('long-axis-view', atLeast(heldMs, VIEW_HOLD_MS), heldMs > 0
      ? message('reason.long-axis-view.held', { held: seconds(heldMs), full: seconds(VIEW_HOLD_MS) })
      : message('reason.long-axis-view.none'));
  },

  'long-axis-trace': (facts) => {
    const t = tracedNerve(facts);
    const both = t.proximalMm > 0 && t.distalMm > 0;
    const reason = t.coveredMm > 0
      ? message('reason.long-axis-trace.covered', { covered: f1(t.coveredMm), proximal: f1(t.proximalMm), distal: f1(t.distalMm), min: TRACE_MIN_MM })
      : message('reason.long-axis-trace.none');
    return passFail('long-axis-trace', both && atLeast(t.coveredMm, TRACE_MIN_MM), reason);
  },

  'dynamic-compression': (facts) => {
    const deepestMm = maxShortAxisCompressionMm(facts);
    return passFail('dynamic-compression', compressedOverNerve(facts), deepestMm > 0
      ? message('reason.dynamic-compression.pressed', { mm: f1(deepestMm), min: COMPRESSION_MIN_MM })
      : message('reason.dynamic-compression.none'));
  },

  'tip-visible-advancing': (facts) => {
    const { advancedMm, tipVisibleMm } = tipVisibleWhileAdvancing(facts);
    if (advancedMm <= 0) return passFail('tip-visible-advancing', false, message('reason.tip-visible-advancing.none'));
    const share = tipVisibleMm / advancedMm;
    return passFail('tip-visible-advancing', atLeast(share, TIP_VISIBLE_MIN_SHARE),
      message('reason.tip-visible-advancing.share', { share: f1(share * 100), mm: f1(advancedMm), min: TIP_VISIBLE_MIN_SHARE * 100 }));
  },

  'medial-to-lateral': (facts) => {
    const all = facts.insertions;
    if (all.length === 0) return passFail('medial-to-lateral', false, message('reason.medial-to-lateral.none'));
    const wrong = all.filter((i) => !(i.entryMedialToProbe && i.directedLateral));
    if (wrong.length === 0) return passFail('medial-to-lateral', true, message('reason.medial-to-lateral.all', { count: all.length }));
    const enteredLateral = wrong.some((i) => !i.entryMedialToProbe);
    const aimedMedial = wrong.some((i) => !i.directedLateral);
    const how = enteredLateral && aimedMedial
      ? message('reason.medial-to-lateral.both')
      : message(enteredLateral ? 'reason.medial-to-lateral.enteredLateral' : 'reason.medial-to-lateral.aimedMedial');
    return passFail('medial-to-lateral', false, message('reason.medial-to-lateral.wrong', { wrong: wrong.length, count: all.length, how }),
      approachAdvice(enteredLateral, aimedMedial));
  },

  'tip-visible-injecting': (facts) => {
    const all = injectionsGiven(facts.injections);
    if (all.length === 0) return passFail('tip-visible-injecting', false, message('reason.tip-visible-injecting.none'));
    const blind = all.filter((i) => !i.tipVisible).length;
    return passFail('tip-visible-injecting', blind === 0, blind === 0
      ? message('reason.tip-visible-injecting.all', { count: all.length })
      : message('reason.tip-visible-injecting.blind', { blind, count: all.length }));
  },

  'few-passes': (facts) => {
    // No needle, no passes to judge: credit goes to few passes, not to none.
    if (facts.insertions.length === 0) return passFail('few-passes', false, message('reason.few-passes.none'));
    const r = countRedirections(facts);
    return passFail('few-passes', r.redirections <= MAX_REDIRECTIONS,
      message('reason.few-passes.count', { redirections: r.redirections, reinsertions: r.reinsertions, reAdvances: r.reAdvances, max: MAX_REDIRECTIONS }));
  },

  'fluid-leads-needle': (facts) => {
    const f = fluidLead(facts, FLUID_LEAD_MIN_SHARE);
    const min = FLUID_LEAD_MIN_SHARE * 100;
    if (f.firstInjectionMs === null) return passFail('fluid-leads-needle', false, message('reason.fluid-leads-needle.noInjection'), fluidLeadAdvice(true));
    if (f.dryNearNerveMm > DRY_NEAR_NERVE_ALLOWANCE_MM + EPS) {
      return passFail('fluid-leads-needle', false,
        message('reason.fluid-leads-needle.dry', { mm: f1(f.dryNearNerveMm), near: NEAR_NERVE_MM, allowed: DRY_NEAR_NERVE_ALLOWANCE_MM }), fluidLeadAdvice(true));
    }
    if (f.shortfalls > 0) {
      return passFail('fluid-leads-needle', false,
        message('reason.fluid-leads-needle.shortfalls', { shortfalls: f.shortfalls, advances: f.advancesAfter, min, worst: f1(f.worstShare * 100) }), fluidLeadAdvice(false));
    }
    return passFail('fluid-leads-needle', true, f.advancesAfter > 0
      ? message('reason.fluid-leads-needle.all', { advances: f.advancesAfter, min })
      : message('reason.fluid-leads-needle.notNear', { allowed: DRY_NEAR_NERVE_ALLOWANCE_MM }));
  },

  halo: (facts) => {
    const halo = finiteOr0(facts.fluid.haloCoveragePct);
    return item('halo', linearPoints(halo, HALO_ZERO_PCT, HALO_FULL_PCT, rubricItem('halo').maxPoints),
      message('reason.halo', { halo: f1(halo), full: HALO_FULL_PCT, zero: HALO_ZERO_PCT }), haloAdvice(wrongFluidPlane(facts)));
  },

  'longitudinal-spread': (facts) => {
    const proximal = finiteOr0(facts.fluid.spreadProximalMm);
    const distal = finiteOr0(facts.fluid.spreadDistalMm);
    const spread = proximal + distal;
    return item('longitudinal-spread', linearPoints(spread, SPREAD_ZERO_MM, SPREAD_FULL_MM, rubricItem('longitudinal-spread').maxPoints),
      message('reason.longitudinal-spread', { spread: f1(spread), proximal: f1(proximal), distal: f1(distal), full: SPREAD_FULL_MM, zero: SPREAD_ZERO_MM }),
      ADVICE['longitudinal-spread']);
  },

  volume: (facts) => {
    const total = finiteOr0(facts.fluid.totalMl);
    return passFail('volume', atLeast(total, VOLUME_MIN_ML) && total <= VOLUME_MAX_ML + EPS,
      message('reason.volume', { total: f2(total), min: VOLUME_MIN_ML, max: VOLUME_MAX_ML }), volumeAdvice(total));
  },

  'above-and-below': (facts) => {
    const superficial = finiteOr0(facts.fluid.superficialMl);
    const deep = finiteOr0(facts.fluid.deepMl);
    return passFail('above-and-below', atLeast(superficial, ABOVE_BELOW_MIN_ML) && atLeast(deep, ABOVE_BELOW_MIN_ML),
      message('reason.above-and-below', { superficial: f2(superficial), deep: f2(deep), min: ABOVE_BELOW_MIN_ML }));
  },

  'saved-short-axis': (facts) => {
    const best = bestSaved(facts, 'short-axis', (i) => i.haloCoveragePctInImage);
    return passFail('saved-short-axis', best !== null && atLeast(best, SAVED_HALO_MIN_PCT), best !== null
      ? message('reason.saved-short-axis.best', { halo: f1(best), min: SAVED_HALO_MIN_PCT })
      : message('reason.saved-short-axis.none'));
  },

  'saved-long-axis': (facts) => {
    const best = bestSaved(facts, 'long-axis', (i) => i.fluidAlongNerveMmInImage);
    return passFail('saved-long-axis', best !== null && atLeast(best, SAVED_FLUID_ALONG_MIN_MM), best !== null
      ? message('reason.saved-long-axis.best', { mm: f1(best), min: SAVED_FLUID_ALONG_MIN_MM })
      : message('reason.saved-long-axis.none'));
  },
};
