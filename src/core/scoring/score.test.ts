import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { AttemptFacts, ViewSample } from '../attempt/facts';
import { scoreAttempt } from './score';
import { RUBRIC_ITEMS } from './rubric';
import { floorTo, message } from '../message';
import { perfectFacts, facts, itemOf, pointsOf, move } from './testFacts';
import { STRUCTURE_TITLES_EN, type StructureName } from '../anatomy/namedStructure';



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
