import { describe, it, expect } from 'vitest';
import type { AttemptFacts, ContactFact } from '../attempt/facts';
import type { SafetyEventKind } from './result';
import { scoreAttempt } from './score';
import { SAFETY_RULES } from './rubric';
import { message, structureMessage } from '../message';
import { facts, injection } from './testFacts';
import type { StructureName } from '../anatomy/namedStructure';

describe('safety events', () => {
  /** A contact with the structure such a contact usually meets: the CPN, the popliteal artery, the fibula. */
  const USUAL: Record<ContactFact['kind'], StructureName> = {
    'skin-punctured': 'skin', 'fascia-crossed': 'gastrocnemiusLateral', 'nerve-touched': 'commonPeronealNerve', 'nerve-entered': 'commonPeronealNerve',
    'vessel-punctured': 'poplitealArtery', 'bone-struck': 'fibula',
  };
  const contact = (tMs: number, kind: ContactFact['kind'], structure: StructureName = USUAL[kind]): ContactFact => ({ tMs, kind, structure });
  const kinds = (f: AttemptFacts): SafetyEventKind[] => scoreAttempt(f).safetyEvents.map((e) => e.kind);

  it('takes the penalties off, each time', () => {
    const cases: [(f: AttemptFacts) => void, SafetyEventKind[], number][] = [
      [(f) => f.contacts.push(contact(12_000, 'nerve-touched'), contact(12_100, 'nerve-touched')), ['nerve-touched', 'nerve-touched'], 80],
      [(f) => f.contacts.push(contact(12_000, 'vessel-punctured')), ['vessel-punctured'], 85],
      [(f) => f.contacts.push(contact(12_000, 'bone-struck'), contact(12_500, 'bone-struck'), contact(12_600, 'bone-struck')), ['bone-struck', 'bone-struck', 'bone-struck'], 94],
      // −5 for the event, and the tip-visible-at-injection item's 5 points lost as well.
      [(f) => f.injections.push(injection(16_000, { tipVisible: false, ml: 0 })), ['injection-tip-not-visible'], 90],
      [(f) => f.injections.push(injection(16_000, { ml: 6 })), ['over-10-ml'], 90],
    ];
    for (const [change, expected, total] of cases) {
      const f = facts(change);
      expect(kinds(f)).toEqual(expected);
      expect(scoreAttempt(f).total).toBe(total);
    }
  });
  it('tells the trainee the patient felt the nerve', () => {
    const [touch] = scoreAttempt(facts((f) => { f.contacts.push(contact(12_000, 'nerve-touched')); })).safetyEvents;
    expect(touch).toMatchObject({ penalty: SAFETY_RULES['nerve-touched'].penalty, critical: false, capTo: null });
    expect(touch.description.values.explanation).toEqual(message('safety.explain.nerve-touched'));
  });
  it('caps the total: needle in nerve or high pressure at 40, intraneural or intravascular at 20, both → 20', () => {
    const inNerve = scoreAttempt(facts((f) => { f.contacts.push(contact(12_000, 'nerve-entered')); }));
    expect(inNerve.safetyEvents.map((e) => [e.kind, e.critical, e.capTo])).toEqual([['needle-in-nerve', true, 40]]);
    expect(inNerve.total).toBe(40);
    expect(inNerve.cappedAt).toBe(40);
    const pressure = scoreAttempt(facts((f) => { f.injections[0].openingPressurePsi = 15; }));
    expect(pressure.safetyEvents.map((e) => e.kind)).toEqual(['high-pressure-injection']);
    expect(pressure.total).toBe(40);
    expect(kinds(facts((f) => { f.injections[0].openingPressurePsi = 14.9; }))).toEqual([]);
    const intraneural = scoreAttempt(facts((f) => { f.injections[1].intraneural = true; }));
    expect(intraneural.total).toBe(20);
    expect(scoreAttempt(facts((f) => { f.injections[1].intravascular = true; })).total).toBe(20);
    const both = scoreAttempt(facts((f) => { f.contacts.push(contact(12_000, 'nerve-entered')); f.injections[1].intraneural = true; }));
    expect(both.total).toBe(20);
    expect(both.cappedAt).toBe(20);
  });
  it('names the structure: the CPN, the vessel, the bone', () => {
    const events = scoreAttempt(facts((f) => {
      f.contacts.push(contact(12_000, 'nerve-touched'), contact(12_100, 'vessel-punctured', 'poplitealVein'), contact(12_200, 'bone-struck', 'tibia'));
    })).safetyEvents;
    expect(events.map((e) => [e.kind, e.structure])).toEqual([['nerve-touched', 'commonPeronealNerve'], ['vessel-punctured', 'poplitealVein'], ['bone-struck', 'tibia']]);
    expect(events.map((e) => [e.description.values.what, e.description.values.effect])).toEqual([
      [message('safety.what.nerve-touched', { structure: structureMessage('commonPeronealNerve') }), message('safety.effect.penalty', { penalty: 10 })],
      [message('safety.what.vessel-punctured', { structure: structureMessage('poplitealVein') }), message('safety.effect.penalty', { penalty: 15 })],
      [message('safety.what.bone-struck', { structure: structureMessage('tibia') }), message('safety.effect.penalty', { penalty: 2 })],
    ]);
    const intravascular = scoreAttempt(facts((f) => { f.injections[1].intravascular = true; f.injections[1].tipStructure = 'genicularArtery'; })).safetyEvents;
    expect(intravascular.map((e) => [e.kind, e.structure])).toEqual([['intravascular-injection', 'genicularArtery']]);
    expect(intravascular[0].description.values.what).toEqual(message('safety.what.intravascular-injection.named', { ml: 4, structure: structureMessage('genicularArtery') }));
  });
  it('entering the CPN stays critical (capped at 40), named in the debrief', () => {
    const result = scoreAttempt(facts((f) => { f.contacts.push(contact(12_000, 'nerve-touched'), contact(12_010, 'nerve-entered')); }));
    expect(result.safetyEvents.map((e) => [e.kind, e.critical, e.capTo])).toEqual([['nerve-touched', false, null], ['needle-in-nerve', true, 40]]);
    expect(result.safetyEvents[1].description.values).toMatchObject({
      what: message('safety.what.needle-in-nerve', { structure: structureMessage('commonPeronealNerve') }),
      effect: message('safety.effect.capped', { cap: 40 }),
    });
    expect(result.total).toBe(40);
  });
  it('nicking the lateral sural cutaneous nerve is one paraesthesia with a penalty, not a cap', () => {
    const nick = scoreAttempt(facts((f) => {
      f.contacts.push(contact(11_000, 'nerve-touched', 'lateralSuralCutaneousNerve'), contact(11_000, 'nerve-entered', 'lateralSuralCutaneousNerve'));
    }));
    const penalty = SAFETY_RULES['other-nerve-paraesthesia'].penalty;
    expect(penalty).toBeGreaterThan(0);
    expect(SAFETY_RULES['other-nerve-paraesthesia'].capTo).toBeNull();
    expect(nick.safetyEvents).toHaveLength(1);
    expect(nick.safetyEvents[0]).toMatchObject({ kind: 'other-nerve-paraesthesia', structure: 'lateralSuralCutaneousNerve', penalty, capTo: null, critical: false });
    expect(nick.safetyEvents[0].description.values).toMatchObject({
      what: message('safety.what.other-nerve-paraesthesia', { structure: structureMessage('lateralSuralCutaneousNerve') }),
      effect: message('safety.effect.penalty', { penalty: 5 }),
    });
    expect(nick.cappedAt).toBeNull();
    expect(nick.total).toBe(100 - penalty);
  });
  it('every non-target nerve is a paraesthesia; a second nick of it is a second event', () => {
    for (const nerve of ['tibialNerve', 'superficialPeronealNerve', 'deepPeronealNerve'] as const) {
      const entered = scoreAttempt(facts((f) => { f.contacts.push(contact(12_000, 'nerve-entered', nerve)); }));
      expect(entered.safetyEvents.map((e) => [e.kind, e.structure])).toEqual([['other-nerve-paraesthesia', nerve]]);
      expect(entered.cappedAt).toBeNull();
    }
    const twice = scoreAttempt(facts((f) => {
      f.contacts.push(
        contact(11_000, 'nerve-touched', 'lateralSuralCutaneousNerve'),
        contact(11_000, 'nerve-entered', 'lateralSuralCutaneousNerve'),
        contact(13_000, 'nerve-touched', 'lateralSuralCutaneousNerve'),
      );
    }));
    expect(twice.safetyEvents.map((e) => e.kind)).toEqual(['other-nerve-paraesthesia', 'other-nerve-paraesthesia']);
    expect(twice.total).toBe(100 - 2 * SAFETY_RULES['other-nerve-paraesthesia'].penalty);
  });
  it('caps after penalties: a cap never raises a total', () => {
    const f = facts((x) => {
      x.contacts.push(contact(12_000, 'nerve-entered'), ...[1, 2, 3, 4, 5, 6].map((i) => contact(12_000 + i, 'nerve-touched')));
    });
    expect(scoreAttempt(f).total).toBe(40);
    const g = facts((x) => { x.contacts.push(contact(12_000, 'nerve-entered'), ...[1, 2, 3, 4, 5].map((i) => contact(12_000 + i, 'vessel-punctured'))); });
    expect(scoreAttempt(g).total).toBe(25); // 100 − 75, already under the cap of 40
  });
  it('never goes below 0, and lists events in time order', () => {
    const f = facts((x) => {
      x.contacts = Array.from({ length: 12 }, (_, i) => contact(30_000 - i * 1000, i % 2 ? 'nerve-touched' : 'vessel-punctured'));
    });
    const result = scoreAttempt(f);
    expect(result.total).toBe(0);
    const times = result.safetyEvents.map((e) => e.tMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
