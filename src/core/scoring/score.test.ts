import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { AttemptFacts, ContactFact, InjectionFact, NeedleMoveFact, ViewSample } from '../attempt/facts';
import type { SafetyEventKind } from './result';
import { scoreAttempt } from './score';
import { RUBRIC_ITEMS, SAFETY_RULES, type ScoreItemId } from './rubric';
import { floorTo, message, structureMessage } from '../message';
import { perfectFacts } from './testFacts';
import { STRUCTURE_TITLES_EN, type StructureName } from '../anatomy/namedStructure';


const facts = (change: (f: AttemptFacts) => void): AttemptFacts => {
  const f = perfectFacts();
  change(f);
  return f;
};
const itemOf = (f: AttemptFacts, id: ScoreItemId) => {
  const found = scoreAttempt(f).items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
};
const pointsOf = (f: AttemptFacts, id: ScoreItemId) => itemOf(f, id).points;
const move = (tMs: number, mm: number, extra: Partial<NeedleMoveFact> = {}): NeedleMoveFact =>
  ({ tMs, mm, tipVisibleMm: Math.max(0, mm), nearNerveMm: 0, nearNerveIntoFluidMm: 0, ...extra });
const injection = (tMs: number, extra: Partial<InjectionFact> = {}): InjectionFact =>
  ({ tMs, ml: 1, openingPressurePsi: 6, tipVisible: true, tipTissue: 'fat', intravascular: false, intraneural: false, ...extra });

describe('scoreAttempt: the rubric', () => {
  it('has the items of scoring.md in order, worth 100 in all', () => {
    expect(RUBRIC_ITEMS.reduce((s, i) => s + i.maxPoints, 0)).toBe(100);
    expect(scoreAttempt(perfectFacts()).items.map((i) => i.id)).toEqual(RUBRIC_ITEMS.map((i) => i.id));
  });

  it('gives a textbook attempt 100, every item full with a reason and no advice', () => {
    const result = scoreAttempt(perfectFacts());
    expect(result.total).toBe(100);
    expect(result.itemPoints).toBe(100);
    expect(result.safetyEvents).toEqual([]);
    expect(result.cappedAt).toBeNull();
    for (const i of result.items) {
      expect(i.points, i.id).toBe(i.maxPoints);
      expect(i.reason.key, i.id).toMatch(/^reason\./);
      expect(i.advice).toBeNull();
    }
  });

  it('gives an empty attempt 0, with advice on every item', () => {
    const empty: AttemptFacts = { mode: 'guided', durationMs: 0, views: [], insertions: [], needleMoves: [], injections: [], contacts: [], savedImages: [],
      fluid: { totalMl: 0, haloCoveragePct: 0, spreadProximalMm: 0, spreadDistalMm: 0, superficialMl: 0, deepMl: 0, intraneuralMl: 0 } };
    const result = scoreAttempt(empty);
    expect(result.total).toBe(0);
    for (const i of result.items) expect(i.advice?.key, i.id).toMatch(/^advice\./);
  });
});

describe('scan items', () => {
  const shortHeld = (ms: number, sMm = 0): AttemptFacts => facts((f) => {
    f.views = [
      { tMs: 0, view: 'oblique', nerveSMm: 0, nerveSpanSMm: null, compressionMm: 0 },
      { tMs: 100, view: 'short-axis', nerveSMm: sMm, nerveSpanSMm: null, compressionMm: 0 },
      { tMs: 100 + ms, view: 'no-nerve', nerveSMm: null, nerveSpanSMm: null, compressionMm: 0 },
    ];
  });
  it('short axis at the fibular head: held exactly 1000 ms is full, 999 ms is not', () => {
    expect(pointsOf(shortHeld(1000), 'short-axis-view')).toBe(5);
    const short = itemOf(shortHeld(999), 'short-axis-view');
    expect(short.points).toBe(0);
    expect(short.reason).toEqual(message('reason.short-axis-view.held', { held: 0.99, full: 1 }));
    expect(short.advice).toEqual(message('advice.short-axis-view', { window: 15, hold: 1 }));
  });
  it('short axis must be within 15 mm of the fibular head', () => {
    expect(pointsOf(shortHeld(2000, -15), 'short-axis-view')).toBe(5);
    expect(pointsOf(shortHeld(2000, 15.5), 'short-axis-view')).toBe(0);
  });
  it('joins consecutive short-axis samples into one hold, and the last sample lasts to the end', () => {
    const joined = facts((f) => {
      f.durationMs = 1100;
      f.views = [
        { tMs: 0, view: 'short-axis', nerveSMm: 0, nerveSpanSMm: null, compressionMm: 0 },
        { tMs: 500, view: 'short-axis', nerveSMm: 5, nerveSpanSMm: null, compressionMm: 0 },
      ];
    });
    expect(pointsOf(joined, 'short-axis-view')).toBe(5);
  });
  it('long axis held ≥ 1 s', () => {
    expect(pointsOf(perfectFacts(), 'long-axis-view')).toBe(5);
    const brief = facts((f) => {
      f.views = [{ tMs: 0, view: 'long-axis', nerveSMm: 0, nerveSpanSMm: { minMm: -10, maxMm: 10 }, compressionMm: 0 },
        { tMs: 900, view: 'oblique', nerveSMm: 0, nerveSpanSMm: null, compressionMm: 0 }];
    });
    expect(pointsOf(brief, 'long-axis-view')).toBe(0);
  });
  it('traces ≥ 30 mm across the fibular head, both sides', () => {
    const spans = (...s: [number, number][]): AttemptFacts => facts((f) => {
      f.views = s.map(([minMm, maxMm], i): ViewSample => ({ tMs: i * 1000, view: 'long-axis', nerveSMm: 0, nerveSpanSMm: { minMm, maxMm }, compressionMm: 0 }));
    });
    expect(pointsOf(spans([-15, 0], [0, 15]), 'long-axis-trace')).toBe(5);
    expect(pointsOf(spans([-15, 0], [0, 14.9]), 'long-axis-trace')).toBe(0);
    expect(pointsOf(spans([1, 20], [10, 40]), 'long-axis-trace')).toBe(0); // all proximal
    expect(pointsOf(spans([-20, -5], [5, 20]), 'long-axis-trace')).toBe(5); // gap at 0 but 30 mm and both sides
    expect(pointsOf(spans([-10, 10], [-10, 10], [-5, 5]), 'long-axis-trace')).toBe(0); // overlap counts once
  });
  it('dynamic compression: ≥ 2 mm in short axis with the nerve in view', () => {
    const compressed = (mm: number, nerveSMm: number | null) => facts((f) => {
      f.views = [{ tMs: 0, view: 'short-axis', nerveSMm, nerveSpanSMm: null, compressionMm: mm }];
    });
    expect(pointsOf(compressed(2, 0), 'dynamic-compression')).toBe(5);
    expect(pointsOf(compressed(1.9, 0), 'dynamic-compression')).toBe(0);
    expect(pointsOf(compressed(3, null), 'dynamic-compression')).toBe(0);
  });
});

describe('needle items', () => {
  it('tip visible while advancing: exactly 80% full, 79.9% none, no advance none', () => {
    const seen = (visible: number) => facts((f) => {
      f.needleMoves = [move(11_000, 60, { tipVisibleMm: visible * 0.6 }), move(12_000, -5), move(12_500, 40, { tipVisibleMm: visible * 0.4 })];
    });
    expect(pointsOf(seen(80), 'tip-visible-advancing')).toBe(10);
    const low = itemOf(seen(79.9), 'tip-visible-advancing');
    expect(low.points).toBe(0);
    expect(low.reason).toEqual(message('reason.tip-visible-advancing.share', { share: 79.9, mm: 100, min: 80 }));
    expect(low.advice?.key).toBe('advice.tip-visible-advancing');
    const none = itemOf(facts((f) => { f.needleMoves = []; }), 'tip-visible-advancing');
    expect(none.points).toBe(0);
    expect(none.reason.key).toBe('reason.tip-visible-advancing.none');
  });
  it('medial-to-lateral: every insertion, and at least one', () => {
    const ins = (medial: boolean, lateral: boolean) => ({ tMs: 30_000, entryMedialToProbe: medial, directedLateral: lateral, angleToSkinDeg: 20 });
    expect(pointsOf(facts((f) => { f.insertions.push(ins(true, true)); }), 'medial-to-lateral')).toBe(5);
    const lateralEntry = itemOf(facts((f) => { f.insertions.push(ins(false, true)); }), 'medial-to-lateral');
    expect(lateralEntry.points).toBe(0);
    expect(lateralEntry.reason.values.how).toEqual(message('reason.medial-to-lateral.enteredLateral'));
    expect(lateralEntry.advice).toEqual(message('advice.medial-to-lateral.enteredLateral'));
    expect(pointsOf(facts((f) => { f.insertions = [ins(true, false)]; }), 'medial-to-lateral')).toBe(0);
    expect(pointsOf(facts((f) => { f.insertions = []; }), 'medial-to-lateral')).toBe(0);
  });
  it('tip visible at every injection, and at least one', () => {
    expect(pointsOf(facts((f) => { f.injections[1].tipVisible = false; }), 'tip-visible-injecting')).toBe(0);
    expect(pointsOf(facts((f) => { f.injections = []; }), 'tip-visible-injecting')).toBe(0);
  });
  it('few passes: exactly 2 redirections full, 3 none', () => {
    const passes = (reinsertions: number, reAdvances: number) => facts((f) => {
      for (let i = 0; i < reinsertions; i++) f.insertions.push({ tMs: 40_000 + i * 1000, entryMedialToProbe: true, directedLateral: true, angleToSkinDeg: 20 });
      // A withdrawal of 5 mm in two steps, then an advance, is one redirection; 4 mm back is not.
      for (let i = 0; i < reAdvances; i++) f.needleMoves.push(move(16_000 + i * 100, -3), move(16_010 + i * 100, -2), move(16_020 + i * 100, 4));
      f.needleMoves.push(move(30_000, -4), move(30_100, 4));
    });
    expect(itemOf(passes(1, 1), 'few-passes').reason.values).toMatchObject({ redirections: 2, max: 2 });
    expect(pointsOf(passes(1, 1), 'few-passes')).toBe(5);
    expect(pointsOf(passes(0, 2), 'few-passes')).toBe(5);
    expect(pointsOf(passes(2, 1), 'few-passes')).toBe(0);
    expect(pointsOf(passes(0, 3), 'few-passes')).toBe(0);
  });
  it('few passes: a pull-out and a new insertion count once, not twice', () => {
    const f = facts((x) => {
      x.needleMoves.push(move(16_000, -32));
      x.insertions.push({ tMs: 17_000, entryMedialToProbe: true, directedLateral: true, angleToSkinDeg: 20 });
      x.needleMoves.push(move(17_500, 20));
    });
    expect(itemOf(f, 'few-passes').reason.values.redirections).toBe(1);
  });
  it('fluid leads the needle: near-nerve advances after the first injection go ≥ 80% into fluid', () => {
    expect(pointsOf(facts((f) => { f.needleMoves[1].nearNerveIntoFluidMm = 1.6; }), 'fluid-leads-needle')).toBe(5);
    const dry = itemOf(facts((f) => { f.needleMoves[1].nearNerveIntoFluidMm = 1.5; }), 'fluid-leads-needle');
    expect(dry.points).toBe(0);
    expect(dry.reason).toEqual(message('reason.fluid-leads-needle.shortfalls', { shortfalls: 1, advances: 1, min: 80, worst: 75 }));
  });
  it('fluid leads the needle: more than 2 mm near the nerve before any injection, or no injection, scores 0', () => {
    expect(pointsOf(facts((f) => { f.needleMoves[0].nearNerveMm = 2.1; }), 'fluid-leads-needle')).toBe(0);
    expect(pointsOf(facts((f) => { f.needleMoves[0].nearNerveMm = 2; }), 'fluid-leads-needle')).toBe(5);
    expect(pointsOf(facts((f) => { f.injections = []; }), 'fluid-leads-needle')).toBe(0);
  });
});

describe('spread and verify items', () => {
  const withFluid = (change: Partial<AttemptFacts['fluid']>) => facts((f) => { f.fluid = { ...f.fluid, ...change }; });
  it('halo: linear from 25% to 90%, rounded to 0.5', () => {
    expect(pointsOf(withFluid({ haloCoveragePct: 90 }), 'halo')).toBe(20);
    expect(pointsOf(withFluid({ haloCoveragePct: 25 }), 'halo')).toBe(0);
    expect(pointsOf(withFluid({ haloCoveragePct: 57.5 }), 'halo')).toBe(10);
    expect(pointsOf(withFluid({ haloCoveragePct: 10 }), 'halo')).toBe(0);
    const part = itemOf(withFluid({ haloCoveragePct: 72 }), 'halo');
    expect(part.points).toBe(14.5); // 47/65 × 20 = 14.46
    expect(part.reason).toEqual(message('reason.halo', { halo: 72, full: 90, zero: 25 }));
    expect(part.advice).toEqual(message('advice.halo', { full: 90 }));
  });
  it('longitudinal spread: linear from 5 to 20 mm, proximal plus distal', () => {
    expect(pointsOf(withFluid({ spreadProximalMm: 12, spreadDistalMm: 8 }), 'longitudinal-spread')).toBe(10);
    expect(pointsOf(withFluid({ spreadProximalMm: 5, spreadDistalMm: 0 }), 'longitudinal-spread')).toBe(0);
    expect(pointsOf(withFluid({ spreadProximalMm: 6, spreadDistalMm: 6.5 }), 'longitudinal-spread')).toBe(5);
  });
  it('volume: 4 and 6 ml full, 3.9 and 6.1 not', () => {
    expect(pointsOf(withFluid({ totalMl: 4 }), 'volume')).toBe(5);
    expect(pointsOf(withFluid({ totalMl: 6 }), 'volume')).toBe(5);
    expect(pointsOf(withFluid({ totalMl: 3.9 }), 'volume')).toBe(0);
    const over = itemOf(withFluid({ totalMl: 6.1 }), 'volume');
    expect(over.points).toBe(0);
    expect(over.advice).toEqual(message('advice.volume.over', { max: 6 }));
  });
  it('above and below: ≥ 1.5 ml each side', () => {
    expect(pointsOf(withFluid({ superficialMl: 1.5, deepMl: 1.5 }), 'above-and-below')).toBe(5);
    expect(pointsOf(withFluid({ superficialMl: 3.5, deepMl: 1.4 }), 'above-and-below')).toBe(0);
  });
  it('saved images count only after injection, in the right view, with enough shown', () => {
    expect(pointsOf(facts((f) => { f.savedImages[0].haloCoveragePctInImage = 75; }), 'saved-short-axis')).toBe(5);
    expect(pointsOf(facts((f) => { f.savedImages[0].haloCoveragePctInImage = 74; }), 'saved-short-axis')).toBe(0);
    expect(pointsOf(facts((f) => { f.savedImages[0].afterInjection = false; }), 'saved-short-axis')).toBe(0);
    expect(pointsOf(facts((f) => { f.savedImages[1].fluidAlongNerveMmInImage = 15; }), 'saved-long-axis')).toBe(5);
    expect(pointsOf(facts((f) => { f.savedImages[1].fluidAlongNerveMmInImage = 14; }), 'saved-long-axis')).toBe(0);
    expect(pointsOf(facts((f) => { f.savedImages[1].view = 'oblique'; }), 'saved-long-axis')).toBe(0);
  });
});

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

describe('reasons', () => {
  it('never show a failing figure as if it met the threshold', () => {
    expect(floorTo(79.99, 1)).toBe(79.9);
    expect(floorTo(79.9, 1)).toBe(79.9);
    expect(floorTo(10, 0)).toBe(10);
    expect(floorTo(72, 1)).toBe(72);
    expect(floorTo(-0.04, 1)).toBe(-0.1);
    expect(floorTo(-1e-9, 1)).toBe(0); // never "-0"
  });
});

describe('scoreAttempt on arbitrary facts', () => {
  const num = fc.double({ min: -1e6, max: 1e6 });
  const anyNum = fc.oneof(num, fc.constantFrom(Number.NaN, Infinity, -Infinity, 0));
  const view = fc.constantFrom('short-axis' as const, 'long-axis' as const, 'oblique' as const, 'no-nerve' as const);
  const arbitraryFacts: fc.Arbitrary<AttemptFacts> = fc.record({
    mode: fc.constantFrom('guided' as const, 'assessment' as const),
    durationMs: anyNum,
    views: fc.array(fc.record({
      tMs: anyNum, view, nerveSMm: fc.option(anyNum), compressionMm: anyNum,
      nerveSpanSMm: fc.option(fc.record({ minMm: anyNum, maxMm: anyNum })),
    }), { maxLength: 20 }),
    insertions: fc.array(fc.record({ tMs: anyNum, entryMedialToProbe: fc.boolean(), directedLateral: fc.boolean(), angleToSkinDeg: anyNum }), { maxLength: 5 }),
    needleMoves: fc.array(fc.record({ tMs: anyNum, mm: anyNum, tipVisibleMm: anyNum, nearNerveMm: anyNum, nearNerveIntoFluidMm: anyNum }), { maxLength: 20 }),
    injections: fc.array(fc.record({
      tMs: anyNum, ml: anyNum, openingPressurePsi: anyNum, tipVisible: fc.boolean(), tipTissue: fc.string(), intravascular: fc.boolean(), intraneural: fc.boolean(),
    }), { maxLength: 6 }),
    contacts: fc.array(fc.record({
      tMs: anyNum, kind: fc.constantFrom('skin-punctured' as const, 'fascia-crossed' as const, 'nerve-touched' as const, 'nerve-entered' as const, 'vessel-punctured' as const, 'bone-struck' as const),
      structure: fc.constantFrom(...(Object.keys(STRUCTURE_TITLES_EN) as StructureName[])),
    }), { maxLength: 6 }),
    savedImages: fc.array(fc.record({
      tMs: anyNum, imageId: fc.string(), view, afterInjection: fc.boolean(), haloCoveragePctInImage: anyNum, fluidAlongNerveMmInImage: anyNum,
    }), { maxLength: 4 }),
    fluid: fc.record({ totalMl: anyNum, haloCoveragePct: anyNum, spreadProximalMm: anyNum, spreadDistalMm: anyNum, superficialMl: anyNum, deepMl: anyNum, intraneuralMl: anyNum }),
  });

  it('never throws, keeps the total within 0..100 and the items within their maxima', () => {
    fc.assert(fc.property(arbitraryFacts, (f) => {
      const result = scoreAttempt(f);
      expect(result.total).toBeGreaterThanOrEqual(0);
      expect(result.total).toBeLessThanOrEqual(100);
      expect(result.itemPoints).toBeLessThanOrEqual(100);
      for (const i of result.items) {
        expect(i.points).toBeGreaterThanOrEqual(0);
        expect(i.points).toBeLessThanOrEqual(i.maxPoints);
        expect(i.advice === null).toBe(i.points === i.maxPoints);
      }
      if (result.cappedAt !== null) expect(result.total).toBeLessThanOrEqual(result.cappedAt);
    }), { numRuns: 300 });
  });
});

describe('entrapment sites', () => {
  const groove = { name: 'popliteal-groove', minSMm: 32, maxSMm: 55 };
  it('an attempt that injected only at the fibular head misses the groove entrapment: capped at 50', () => {
    const facts = { ...perfectFacts(), entrapmentSites: [groove] };
    facts.injections = facts.injections.map((i) => ({ ...i, tipSMm: -5 }));
    const result = scoreAttempt(facts);
    expect(result.safetyEvents.map((e) => e.kind)).toContain('entrapment-site-missed');
    expect(result.total).toBe(50);
  });
  it('an injection within the site treats it; a normal knee has no site to miss', () => {
    const treated = { ...perfectFacts(), entrapmentSites: [groove] };
    treated.injections = treated.injections.map((i, k) => ({ ...i, tipSMm: k === 0 ? 40 : -5 }));
    expect(scoreAttempt(treated).safetyEvents.map((e) => e.kind)).not.toContain('entrapment-site-missed');
    expect(scoreAttempt({ ...perfectFacts(), entrapmentSites: [] }).total).toBe(100);
  });
});
