import type { AttemptFacts, ContactFact } from '../attempt/facts';
import type { SafetyEvent, SafetyEventKind } from './result';
import { HIGH_OPENING_PRESSURE_PSI, MAX_SAFE_VOLUME_ML, SAFETY_RULES } from './rubric';
import { finiteOr0, injectedMl } from './figures';
import { type StructureName, TARGET_NERVE, isNerveName } from '../anatomy/namedStructure';
import { floorTo, message, structureMessage, type Message, type MessageValue } from '../message';

/**
 * scoring.md's safety events, found in the attempt's contacts and injections. Each event carries
 * its own penalty or cap (from the rubric) so the debrief's timeline and the total agree.
 */

/** Only a vessel is named as where an intravascular injection went: the tip itself may lie just beside the vessel the injectate found. */
export const VESSELS: Partial<Record<StructureName, true>> = { poplitealArtery: true, poplitealVein: true, genicularArtery: true };

/** An entrapment site by its name in the locale files; a name they lack (from a file) as it came. */
const siteName = (name: string): MessageValue => (name === 'fibular-head' || name === 'popliteal-groove' ? message(`site.${name}`) : name);

/** Why each kind matters clinically; two quote the rubric's limits. */
const EXPLANATIONS: Readonly<Record<SafetyEventKind, Message>> = {
  'nerve-touched': message('safety.explain.nerve-touched'),
  'needle-in-nerve': message('safety.explain.needle-in-nerve'),
  'other-nerve-paraesthesia': message('safety.explain.other-nerve-paraesthesia'),
  'high-pressure-injection': message('safety.explain.high-pressure-injection', { psi: HIGH_OPENING_PRESSURE_PSI }),
  'intraneural-injection': message('safety.explain.intraneural-injection'),
  'vessel-punctured': message('safety.explain.vessel-punctured'),
  'intravascular-injection': message('safety.explain.intravascular-injection'),
  'bone-struck': message('safety.explain.bone-struck'),
  'over-10-ml': message('safety.explain.over-10-ml', { ml: MAX_SAFE_VOLUME_ML }),
  'entrapment-site-missed': message('safety.explain.entrapment-site-missed'),
  'injection-tip-not-visible': message('safety.explain.injection-tip-not-visible'),
};

/** One line: what happened (with its figures), its effect on the total, and why it matters. */
function event(kind: SafetyEventKind, tMs: number, what: Message, structure?: StructureName): SafetyEvent {
  const rule = SAFETY_RULES[kind];
  const effect = rule.capTo !== null ? message('safety.effect.capped', { cap: rule.capTo }) : message('safety.effect.penalty', { penalty: rule.penalty });
  const description = message('safety.description', { what, effect, explanation: EXPLANATIONS[kind] });
  const found: SafetyEvent = { kind, tMs, penalty: rule.penalty, capTo: rule.capTo, critical: rule.critical, description };
  return structure === undefined ? found : { ...found, structure };
}

/**
 * A nerve other than the CPN. A contact named only by a nerve part's label (a nerve the anatomy
 * could not name) counts as the target: an unknown nerve must never score lighter than the CPN.
 */
export const isOtherNerve = (structure: StructureName): boolean => isNerveName(structure) && structure !== TARGET_NERVE;

/**
 * The tip going into a small nerve it has just touched is one nick, one paraesthesia: passing
 * through the sural nerve's 1.4 mm reports a touch then an entry, with no way out in between.
 */
const sameNick = (previous: ContactFact | undefined, c: ContactFact): boolean =>
  c.kind === 'nerve-entered' && previous?.kind === 'nerve-touched' && previous.structure === c.structure;

export function findSafetyEvents(facts: AttemptFacts): SafetyEvent[] {
  const events: SafetyEvent[] = [];
  facts.contacts.forEach((c, i) => {
    const structure = structureMessage(c.structure);
    const nerveContact = c.kind === 'nerve-touched' || c.kind === 'nerve-entered';
    if (nerveContact && isOtherNerve(c.structure)) {
      if (!sameNick(facts.contacts[i - 1], c)) events.push(event('other-nerve-paraesthesia', c.tMs, message('safety.what.other-nerve-paraesthesia', { structure }), c.structure));
    } else if (c.kind === 'nerve-touched') events.push(event('nerve-touched', c.tMs, message('safety.what.nerve-touched', { structure }), c.structure));
    else if (c.kind === 'nerve-entered') events.push(event('needle-in-nerve', c.tMs, message('safety.what.needle-in-nerve', { structure }), c.structure));
    else if (c.kind === 'vessel-punctured') events.push(event('vessel-punctured', c.tMs, message('safety.what.vessel-punctured', { structure }), c.structure));
    else if (c.kind === 'bone-struck') events.push(event('bone-struck', c.tMs, message('safety.what.bone-struck', { structure }), c.structure));
    // Skin puncture and fascia crossings are the normal course of a needle, not safety events.
  });
  for (const inj of facts.injections) {
    const ml = floorTo(finiteOr0(inj.ml), 1);
    if (inj.openingPressurePsi >= HIGH_OPENING_PRESSURE_PSI) {
      events.push(event('high-pressure-injection', inj.tMs, message('safety.what.high-pressure-injection', { ml, psi: floorTo(inj.openingPressurePsi, 0) })));
    }
    if (inj.intraneural) events.push(event('intraneural-injection', inj.tMs, message('safety.what.intraneural-injection', { ml })));
    if (inj.intravascular) {
      const vessel = inj.tipStructure !== undefined && inj.tipStructure in VESSELS ? inj.tipStructure : undefined;
      const what = vessel
        ? message('safety.what.intravascular-injection.named', { ml, structure: structureMessage(vessel) })
        : message('safety.what.intravascular-injection', { ml });
      events.push(event('intravascular-injection', inj.tMs, what, vessel));
    }
    if (!inj.tipVisible) events.push(event('injection-tip-not-visible', inj.tMs, message('safety.what.injection-tip-not-visible', { ml })));
  }
  // A case entrapped at a site the trainee never injected (the groove case: only the fibular head treated).
  if (facts.injections.length > 0) {
    for (const site of facts.entrapmentSites ?? []) {
      const treated = facts.injections.some((inj) => inj.tipSMm !== null && inj.tipSMm !== undefined && inj.tipSMm >= site.minSMm && inj.tipSMm <= site.maxSMm);
      if (!treated) events.push(event('entrapment-site-missed', facts.durationMs, message('safety.what.entrapment-site-missed', { site: siteName(site.name) })));
    }
  }
  const totalMl = injectedMl(facts);
  if (totalMl > MAX_SAFE_VOLUME_ML) events.push(event('over-10-ml', overVolumeTimeMs(facts), message('safety.what.over-10-ml', { ml: floorTo(totalMl, 1) })));
  // Array.prototype.sort is stable, so events at the same ms keep the order they were found in.
  return events.sort((a, b) => a.tMs - b.tMs);
}

/** When the injected total first went over the limit; the end of the attempt if the injections never show it. */
function overVolumeTimeMs(facts: AttemptFacts): number {
  let sum = 0;
  for (const inj of [...facts.injections].sort((a, b) => a.tMs - b.tMs)) {
    sum += Math.max(0, finiteOr0(inj.ml));
    if (sum > MAX_SAFE_VOLUME_ML) return inj.tMs;
  }
  return facts.durationMs;
}

/** Penalties summed and the lowest cap, as the total applies them. */
export function safetyEffect(events: readonly SafetyEvent[]): { penalties: number; cap: number | null } {
  let penalties = 0;
  let cap: number | null = null;
  for (const e of events) {
    penalties += e.penalty;
    if (e.capTo !== null) cap = cap === null ? e.capTo : Math.min(cap, e.capTo);
  }
  return { penalties, cap };
}
