import { injectionsGiven, type AttemptFacts, type InjectionFact } from '../core/attempt/facts';
import type { ScoreItem, SafetyEvent, SafetyEventKind } from '../core/scoring/result';
import {
  ABOVE_BELOW_MIN_ML, COMPRESSION_MIN_MM, DRY_NEAR_NERVE_ALLOWANCE_MM, FIBULAR_HEAD_WINDOW_MM, FLUID_LEAD_MIN_SHARE, HALO_FULL_PCT, HALO_ZERO_PCT,
  HIGH_OPENING_PRESSURE_PSI, MAX_REDIRECTIONS, MAX_SAFE_VOLUME_ML, NEAR_NERVE_MM, SAVED_FLUID_ALONG_MIN_MM, SAVED_HALO_MIN_PCT, SPREAD_FULL_MM,
  SPREAD_ZERO_MM, TIP_VISIBLE_MIN_SHARE, TRACE_MIN_MM, VIEW_HOLD_MS, VOLUME_MAX_ML, VOLUME_MIN_ML,
} from '../core/scoring/rubric';
import {
  countRedirections, finiteOr0, fluidLead, injectedMl, isLongAxis, isShortAxisAtFibularHead, longestHoldMs, maxShortAxisCompressionMm,
  tipVisibleWhileAdvancing, tracedNerve,
} from '../core/scoring/figures';
import type { TextKey, UiText } from '../i18n';

/**
 * The debrief's score texts in the UI's language, by item id and event kind. Core scores in
 * English (its reasons and advice carry the figures); the UI writes the same sentences again from
 * the attempt's facts with the locale files' templates, following core's branches, so Chinese
 * shows the same figures. English keeps core's own text; a test checks the English templates
 * reproduce it, so the two cannot drift apart unnoticed.
 */

/** Same comparison slack as core's scorer (sums of mm landing a hair over a limit they meet). */
const EPS = 1e-9;

export function itemTitle(item: Pick<ScoreItem, 'id' | 'title'>, text: UiText): string {
  const key = `score.title.${item.id}` as TextKey;
  return text.language === 'en' ? item.title : text.t(key) || item.title;
}

/** Why the item got its points, in the UI's language. */
export function itemReason(item: ScoreItem, facts: AttemptFacts, text: UiText): string {
  return text.language === 'en' ? item.reason : (reasonText(item.id, facts, text) ?? item.reason);
}

/** What to do next time (null at full marks), in the UI's language. */
export function itemAdvice(item: ScoreItem, facts: AttemptFacts, text: UiText): string | null {
  if (!item.advice) return null;
  return text.language === 'en' ? item.advice : (adviceText(item.id, facts, text) ?? item.advice);
}

/**
 * A safety event in one line: what happened (with its figures when the facts are at hand), its
 * effect on the total, and why it matters.
 */
export function safetyDescription(event: SafetyEvent, text: UiText, facts?: AttemptFacts, events?: readonly SafetyEvent[]): string {
  if (text.language === 'en') return event.description;
  return safetyText(event, text, facts, events);
}

// --- The templates, filled from the facts (exported for the English-equals-core test) ---

/** Figures in the reasons: rounded down, trailing zeros dropped, as core's formatNumber. */
const fig = (text: UiText, x: number, decimals: number) => text.n(x, { decimals, floor: true });

export function reasonText(id: string, facts: AttemptFacts, text: UiText): string | null {
  const { t } = text;
  const f = (x: number, decimals = 1) => fig(text, x, decimals);
  const holdFull = f(VIEW_HOLD_MS / 1000, 2);
  switch (id) {
    case 'short-axis-view': {
      const held = longestHoldMs(facts, isShortAxisAtFibularHead);
      return held > 0 ? t('reason.short-axis-view.held', { held: f(held / 1000, 2), full: holdFull }) : t('reason.short-axis-view.none', { window: FIBULAR_HEAD_WINDOW_MM });
    }
    case 'long-axis-view': {
      const held = longestHoldMs(facts, isLongAxis);
      return held > 0 ? t('reason.long-axis-view.held', { held: f(held / 1000, 2), full: holdFull }) : t('reason.long-axis-view.none');
    }
    case 'long-axis-trace': {
      const tr = tracedNerve(facts);
      return tr.coveredMm > 0
        ? t('reason.long-axis-trace.covered', { covered: f(tr.coveredMm), proximal: f(tr.proximalMm), distal: f(tr.distalMm), min: TRACE_MIN_MM })
        : t('reason.long-axis-trace.none');
    }
    case 'dynamic-compression': {
      const mm = maxShortAxisCompressionMm(facts);
      return mm > 0 ? t('reason.dynamic-compression.pressed', { mm: f(mm), min: COMPRESSION_MIN_MM }) : t('reason.dynamic-compression.none');
    }
    case 'tip-visible-advancing': {
      const v = tipVisibleWhileAdvancing(facts);
      if (v.advancedMm <= 0) return t('reason.tip-visible-advancing.none');
      return t('reason.tip-visible-advancing.share', { share: f((v.tipVisibleMm / v.advancedMm) * 100), mm: f(v.advancedMm), min: TIP_VISIBLE_MIN_SHARE * 100 });
    }
    case 'medial-to-lateral': {
      const all = facts.insertions;
      if (all.length === 0) return t('reason.medial-to-lateral.none');
      const wrong = all.filter((i) => !(i.entryMedialToProbe && i.directedLateral));
      if (wrong.length === 0) return t('reason.medial-to-lateral.all', { count: all.length });
      const how = [
        wrong.some((i) => !i.entryMedialToProbe) ? t('reason.medial-to-lateral.enteredLateral') : '',
        wrong.some((i) => !i.directedLateral) ? t('reason.medial-to-lateral.aimedMedial') : '',
      ].filter(Boolean).join(t('common.listSeparator'));
      return t('reason.medial-to-lateral.wrong', { wrong: wrong.length, count: all.length, how });
    }
    case 'tip-visible-injecting': {
      const all = injectionsGiven(facts.injections);
      if (all.length === 0) return t('reason.tip-visible-injecting.none');
      const blind = all.filter((i) => !i.tipVisible).length;
      return blind === 0 ? t('reason.tip-visible-injecting.all', { count: all.length }) : t('reason.tip-visible-injecting.blind', { blind, count: all.length });
    }
    case 'few-passes': {
      if (facts.insertions.length === 0) return t('reason.few-passes.none');
      const r = countRedirections(facts);
      return t('reason.few-passes.count', { redirections: r.redirections, reinsertions: r.reinsertions, reAdvances: r.reAdvances, max: MAX_REDIRECTIONS });
    }
    case 'fluid-leads-needle': {
      const fl = fluidLead(facts, FLUID_LEAD_MIN_SHARE);
      const min = FLUID_LEAD_MIN_SHARE * 100;
      if (fl.firstInjectionMs === null) return t('reason.fluid-leads-needle.noInjection');
      if (fl.dryNearNerveMm > DRY_NEAR_NERVE_ALLOWANCE_MM + EPS) {
        return t('reason.fluid-leads-needle.dry', { mm: f(fl.dryNearNerveMm), near: NEAR_NERVE_MM, allowed: DRY_NEAR_NERVE_ALLOWANCE_MM });
      }
      if (fl.shortfalls > 0) return t('reason.fluid-leads-needle.shortfalls', { shortfalls: fl.shortfalls, advances: fl.advancesAfter, min, worst: f(fl.worstShare * 100) });
      return fl.advancesAfter > 0 ? t('reason.fluid-leads-needle.all', { advances: fl.advancesAfter, min }) : t('reason.fluid-leads-needle.notNear', { allowed: DRY_NEAR_NERVE_ALLOWANCE_MM });
    }
    case 'halo':
      return t('reason.halo', { halo: f(finiteOr0(facts.fluid.haloCoveragePct)), full: HALO_FULL_PCT, zero: HALO_ZERO_PCT });
    case 'longitudinal-spread': {
      const proximal = finiteOr0(facts.fluid.spreadProximalMm);
      const distal = finiteOr0(facts.fluid.spreadDistalMm);
      return t('reason.longitudinal-spread', { spread: f(proximal + distal), proximal: f(proximal), distal: f(distal), full: SPREAD_FULL_MM, zero: SPREAD_ZERO_MM });
    }
    case 'volume':
      return t('reason.volume', { total: f(finiteOr0(facts.fluid.totalMl), 2), min: VOLUME_MIN_ML, max: VOLUME_MAX_ML });
    case 'above-and-below':
      return t('reason.above-and-below', { superficial: f(finiteOr0(facts.fluid.superficialMl), 2), deep: f(finiteOr0(facts.fluid.deepMl), 2), min: ABOVE_BELOW_MIN_ML });
    case 'saved-short-axis': {
      const best = bestSaved(facts, 'short-axis', (i) => i.haloCoveragePctInImage);
      return best !== null ? t('reason.saved-short-axis.best', { halo: f(best), min: SAVED_HALO_MIN_PCT }) : t('reason.saved-short-axis.none');
    }
    case 'saved-long-axis': {
      const best = bestSaved(facts, 'long-axis', (i) => i.fluidAlongNerveMmInImage);
      return best !== null ? t('reason.saved-long-axis.best', { mm: f(best), min: SAVED_FLUID_ALONG_MIN_MM }) : t('reason.saved-long-axis.none');
    }
    default:
      return null;
  }
}

function bestSaved(facts: AttemptFacts, view: 'short-axis' | 'long-axis', measure: (i: AttemptFacts['savedImages'][number]) => number): number | null {
  const frames = facts.savedImages.filter((i) => i.afterInjection && i.view === view);
  return frames.length === 0 ? null : Math.max(...frames.map((i) => finiteOr0(measure(i))));
}

export function adviceText(id: string, facts: AttemptFacts, text: UiText): string | null {
  const { t } = text;
  const hold = VIEW_HOLD_MS / 1000;
  switch (id) {
    case 'short-axis-view':
      return t('advice.short-axis-view', { window: FIBULAR_HEAD_WINDOW_MM, hold });
    case 'long-axis-view':
      return t('advice.long-axis-view', { hold });
    case 'long-axis-trace':
      return t('advice.long-axis-trace', { min: TRACE_MIN_MM });
    case 'dynamic-compression':
      return t('advice.dynamic-compression', { min: COMPRESSION_MIN_MM });
    case 'tip-visible-advancing':
      return t('advice.tip-visible-advancing', { min: TIP_VISIBLE_MIN_SHARE * 100 });
    case 'medial-to-lateral': {
      // The two ways of failing the approach need different corrections, as core words them.
      const wrong = facts.insertions.filter((i) => !(i.entryMedialToProbe && i.directedLateral));
      const enteredLateral = wrong.some((i) => !i.entryMedialToProbe);
      const aimedMedial = wrong.some((i) => !i.directedLateral);
      if (enteredLateral && !aimedMedial) return t('advice.medial-to-lateral.enteredLateral');
      if (!enteredLateral && aimedMedial) return t('advice.medial-to-lateral.aimedMedial');
      return t('advice.medial-to-lateral');
    }
    case 'tip-visible-injecting':
      return t('advice.tip-visible-injecting');
    case 'few-passes':
      return t('advice.few-passes', { max: MAX_REDIRECTIONS });
    case 'fluid-leads-needle': {
      const fl = fluidLead(facts, FLUID_LEAD_MIN_SHARE);
      const dry = fl.firstInjectionMs === null || fl.dryNearNerveMm > DRY_NEAR_NERVE_ALLOWANCE_MM + EPS;
      if (dry) return t('advice.fluid-leads-needle.dry', { advice: t('advice.fluid-leads-needle', { near: NEAR_NERVE_MM }), allowed: DRY_NEAR_NERVE_ALLOWANCE_MM });
      if (fl.shortfalls > 0) return t('advice.fluid-leads-needle.inFluid');
      return t('advice.fluid-leads-needle', { near: NEAR_NERVE_MM });
    }
    case 'halo':
      return t('advice.halo', { full: HALO_FULL_PCT });
    case 'longitudinal-spread':
      return t('advice.longitudinal-spread', { full: SPREAD_FULL_MM });
    case 'volume':
      return finiteOr0(facts.fluid.totalMl) > VOLUME_MAX_ML ? t('advice.volume.over', { max: VOLUME_MAX_ML }) : t('advice.volume', { min: VOLUME_MIN_ML, max: VOLUME_MAX_ML });
    case 'above-and-below':
      return t('advice.above-and-below', { min: ABOVE_BELOW_MIN_ML });
    case 'saved-short-axis':
      return t('advice.saved-short-axis', { min: SAVED_HALO_MIN_PCT });
    case 'saved-long-axis':
      return t('advice.saved-long-axis', { min: SAVED_FLUID_ALONG_MIN_MM });
    default:
      return null;
  }
}

const INJECTION_KINDS: Partial<Record<SafetyEventKind, (i: InjectionFact) => boolean>> = {
  'high-pressure-injection': (i) => i.openingPressurePsi >= HIGH_OPENING_PRESSURE_PSI,
  'intraneural-injection': (i) => i.intraneural,
  'intravascular-injection': (i) => i.intravascular,
  'injection-tip-not-visible': (i) => !i.tipVisible,
};

/** Events that name the structure they happened to (the nerve, the vessel, the bone) have a template with its name. */
const NAMED_KINDS: Partial<Record<SafetyEventKind, TextKey>> = {
  'nerve-touched': 'safety.what.nerve-touched.named',
  'needle-in-nerve': 'safety.what.needle-in-nerve.named',
  'other-nerve-paraesthesia': 'safety.what.other-nerve-paraesthesia.named',
  'vessel-punctured': 'safety.what.vessel-punctured.named',
  'bone-struck': 'safety.what.bone-struck.named',
  'intravascular-injection': 'safety.what.intravascular-injection.named',
};

/** A structure's name in the UI's language (the key itself for a name the locale files lack). */
export function structureName(structure: string, text: UiText): string {
  const key = `structure.${structure}` as TextKey;
  const name = text.t(key);
  return name && name !== key ? name : structure;
}

/** What happened, with the figures the facts hold; the event's short name when they are not at hand. */
function safetyWhat(event: SafetyEvent, text: UiText, facts?: AttemptFacts, events?: readonly SafetyEvent[]): string {
  const { t } = text;
  const f = (x: number, decimals: number) => fig(text, x, decimals);
  const plain = t(`safety.${event.kind}` as TextKey);
  // Results stored before events named their structure read as they did then.
  const named = event.structure !== undefined ? NAMED_KINDS[event.kind] : undefined;
  const structure = event.structure !== undefined ? structureName(event.structure, text) : '';
  const injectionTest = INJECTION_KINDS[event.kind];
  if (injectionTest) {
    const inj = facts?.injections.find((i) => i.tMs === event.tMs && injectionTest(i));
    if (!inj) return plain;
    return t(named ?? (`safety.what.${event.kind}` as TextKey), { ml: f(finiteOr0(inj.ml), 1), psi: f(inj.openingPressurePsi, 0), structure });
  }
  if (named) return t(named, { structure });
  if (event.kind === 'entrapment-site-missed') {
    // Core reports the untreated sites in their order, all at the attempt's end: the nth such event is the nth site.
    const untreated = (facts?.entrapmentSites ?? []).filter(
      (site) => !facts?.injections.some((inj) => inj.tipSMm !== null && inj.tipSMm !== undefined && inj.tipSMm >= site.minSMm && inj.tipSMm <= site.maxSMm),
    );
    const nth = Math.max(0, (events ?? []).filter((e) => e.kind === event.kind).indexOf(event));
    const site = untreated[nth];
    if (!site) return plain;
    const key = `site.${site.name}` as TextKey;
    const name = text.t(key) !== key ? text.t(key) : site.name;
    return t('safety.what.entrapment-site-missed', { site: name });
  }
  if (event.kind === 'over-10-ml') return facts ? t('safety.what.over-10-ml', { ml: f(injectedMl(facts), 1) }) : plain;
  return t(`safety.what.${event.kind}` as TextKey);
}

export function safetyText(event: SafetyEvent, text: UiText, facts?: AttemptFacts, events?: readonly SafetyEvent[]): string {
  const { t } = text;
  const effect = event.capTo !== null ? t('safety.effect.capped', { cap: event.capTo }) : t('safety.effect.penalty', { penalty: event.penalty });
  const explanation = t(`safety.explain.${event.kind}` as TextKey, { psi: HIGH_OPENING_PRESSURE_PSI, ml: MAX_SAFE_VOLUME_ML });
  return t('safety.description', { what: safetyWhat(event, text, facts, events), effect, explanation });
}
