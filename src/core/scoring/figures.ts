import type { AttemptFacts, ViewSample } from '../attempt/facts';
import { FIBULAR_HEAD_WINDOW_MM, COMPRESSION_MIN_MM, REDIRECT_WITHDRAW_MM } from './rubric';

/**
 * The measurable figures scoring.md's items are judged on, taken from an attempt's facts. Kept
 * apart from the points so the debrief can show the same figures (tip-visible %, passes, holds)
 * that the score used.
 */

/** Treats a missing or non-finite number as 0, so hand-made or corrupt facts cannot poison a total with NaN. */
export const finiteOr0 = (x: number): number => (Number.isFinite(x) ? x : 0);

/** Samples in time order, each with how long it was held (until the next sample, the last until the end). */
export function heldSamples(facts: AttemptFacts): { sample: ViewSample; heldMs: number }[] {
  const sorted = [...facts.views].sort((a, b) => a.tMs - b.tMs);
  return sorted.map((sample, i) => {
    const endMs = i + 1 < sorted.length ? sorted[i + 1].tMs : facts.durationMs;
    return { sample, heldMs: Math.max(0, finiteOr0(endMs - sample.tMs)) };
  });
}

/** The longest unbroken time the views satisfied `qualifies`: consecutive qualifying samples join up. */
export function longestHoldMs(facts: AttemptFacts, qualifies: (s: ViewSample) => boolean): number {
  let best = 0;
  let run = 0;
  for (const { sample, heldMs } of heldSamples(facts)) {
    run = qualifies(sample) ? run + heldMs : 0;
    best = Math.max(best, run);
  }
  return best;
}

export const isShortAxisAtFibularHead = (s: ViewSample): boolean =>
  s.view === 'short-axis' && s.nerveSMm !== null && Math.abs(s.nerveSMm) <= FIBULAR_HEAD_WINDOW_MM;

export const isLongAxis = (s: ViewSample): boolean => s.view === 'long-axis';

/** Length of nerve covered by the union of the long-axis views' spans, and how far it reached each way. */
export function tracedNerve(facts: AttemptFacts): { coveredMm: number; proximalMm: number; distalMm: number } {
  const spans = facts.views
    .filter((s) => s.view === 'long-axis' && s.nerveSpanSMm !== null)
    .map((s) => {
      const { minMm, maxMm } = s.nerveSpanSMm as { minMm: number; maxMm: number };
      return { lo: Math.min(minMm, maxMm), hi: Math.max(minMm, maxMm) };
    })
    .filter((r) => Number.isFinite(r.lo) && Number.isFinite(r.hi))
    .sort((a, b) => a.lo - b.lo);
  let coveredMm = 0;
  let current: { lo: number; hi: number } | null = null;
  for (const r of spans) {
    if (current && r.lo <= current.hi) current.hi = Math.max(current.hi, r.hi);
    else {
      if (current) coveredMm += current.hi - current.lo;
      current = { ...r };
    }
  }
  if (current) coveredMm += current.hi - current.lo;
  const reach = spans.length > 0 ? { lo: spans[0].lo, hi: Math.max(...spans.map((r) => r.hi)) } : { lo: 0, hi: 0 };
  // s is + proximal: the reach above s = 0 is the proximal extent, below it the distal one.
  return { coveredMm, proximalMm: Math.max(0, reach.hi), distalMm: Math.max(0, -reach.lo) };
}

/** The deepest probe compression applied in a short-axis view with the nerve in the image, mm. */
export function maxShortAxisCompressionMm(facts: AttemptFacts): number {
  let best = 0;
  for (const s of facts.views) if (s.view === 'short-axis' && s.nerveSMm !== null) best = Math.max(best, finiteOr0(s.compressionMm));
  return best;
}

export const compressedOverNerve = (facts: AttemptFacts): boolean => maxShortAxisCompressionMm(facts) >= COMPRESSION_MIN_MM;

/** Distance advanced, and how much of it with the tip visible (withdrawals do not count). */
export function tipVisibleWhileAdvancing(facts: AttemptFacts): { advancedMm: number; tipVisibleMm: number } {
  let advancedMm = 0;
  let tipVisibleMm = 0;
  for (const m of facts.needleMoves) {
    const mm = finiteOr0(m.mm);
    if (mm <= 0) continue;
    advancedMm += mm;
    tipVisibleMm += Math.min(mm, Math.max(0, finiteOr0(m.tipVisibleMm)));
  }
  return { advancedMm, tipVisibleMm };
}

/**
 * scoring.md's redirections: every insertion after the first counts one, and so does each advance
 * that follows a withdrawal totalling ≥ 5 mm within the same insertion (a new insertion starts the
 * withdrawn total afresh, since it is counted already).
 */
export function countRedirections(facts: AttemptFacts): { redirections: number; reinsertions: number; reAdvances: number } {
  const reinsertions = Math.max(0, facts.insertions.length - 1);
  // Insertions first at equal times: a move at the insertion's ms belongs to the new needle.
  const timeline = [
    ...facts.insertions.map((i) => ({ tMs: i.tMs, mm: null as number | null })),
    ...facts.needleMoves.map((m) => ({ tMs: m.tMs, mm: finiteOr0(m.mm) })),
  ].sort((a, b) => a.tMs - b.tMs || (a.mm === null ? -1 : 0) - (b.mm === null ? -1 : 0));
  let reAdvances = 0;
  let withdrawnMm = 0;
  for (const step of timeline) {
    if (step.mm === null) withdrawnMm = 0;
    else if (step.mm < 0) withdrawnMm += -step.mm;
    else if (step.mm > 0) {
      if (withdrawnMm >= REDIRECT_WITHDRAW_MM) reAdvances++;
      withdrawnMm = 0;
    }
  }
  return { redirections: reinsertions + reAdvances, reinsertions, reAdvances };
}

/** Near-nerve advancing before the first injection, and how the advances after it followed the fluid. */
export interface FluidLeadFigures {
  firstInjectionMs: number | null;
  /** mm advanced within 5 mm of the nerve before any injection (no fluid yet to lead). */
  dryNearNerveMm: number;
  /** Near-nerve advances after the first injection. */
  advancesAfter: number;
  /** Of those, the ones that went less than the required share into fluid. */
  shortfalls: number;
  /** The lowest into-fluid share among the near-nerve advances after the first injection (1 when none). */
  worstShare: number;
}

export function fluidLead(facts: AttemptFacts, minShare: number): FluidLeadFigures {
  const firstInjectionMs = facts.injections.length > 0 ? Math.min(...facts.injections.map((i) => i.tMs)) : null;
  let dryNearNerveMm = 0;
  let advancesAfter = 0;
  let shortfalls = 0;
  let worstShare = 1;
  for (const m of facts.needleMoves) {
    const near = Math.max(0, finiteOr0(m.nearNerveMm));
    if (finiteOr0(m.mm) <= 0 || near <= 0) continue;
    // A move stamped the same ms as the injection is taken as after it (the log order within a ms is not in the facts).
    if (firstInjectionMs === null || m.tMs < firstInjectionMs) {
      dryNearNerveMm += near;
      continue;
    }
    const share = Math.min(1, Math.max(0, finiteOr0(m.nearNerveIntoFluidMm)) / near);
    advancesAfter++;
    worstShare = Math.min(worstShare, share);
    if (share < minShare - 1e-9) shortfalls++;
  }
  return { firstInjectionMs, dryNearNerveMm, advancesAfter, shortfalls, worstShare };
}

/** Total injected (ml): what went through the needle, or what the field holds if that is more. */
export function injectedMl(facts: AttemptFacts): number {
  const pushed = facts.injections.reduce((sum, i) => sum + Math.max(0, finiteOr0(i.ml)), 0);
  return Math.max(pushed, finiteOr0(facts.fluid.totalMl));
}
