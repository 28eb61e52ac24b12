import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AttemptFacts } from '../core/attempt/facts';
import { scoreAttempt } from '../core/scoring/score';
import { RUBRIC_ITEMS } from '../core/scoring/rubric';
import { textFor } from '../i18n';
import { adviceText, itemAdvice, itemReason, itemTitle, reasonText, safetyDescription, safetyText, structureName } from './scoreText';
import { STRUCTURE_TITLES_EN } from '../core/anatomy/namedStructure';
import { positionText } from './StatusBar';
import { describePosition } from '../core/probe/placement';
import { perfectFacts } from '../core/scoring/testFacts';

const en = textFor('en');
const zh = textFor('zh');

/** Variants of core's textbook attempt that take each branch of the reasons. */

const variant = (change: (f: AttemptFacts) => void): AttemptFacts => {
  const f = perfectFacts();
  change(f);
  return f;
};

const VARIANTS: Record<string, AttemptFacts> = {
  perfect: perfectFacts(),
  nothing: variant((f) => {
    f.views = [];
    f.insertions = [];
    f.needleMoves = [];
    f.injections = [];
    f.contacts = [];
    f.savedImages = [];
    f.fluid = { totalMl: 0, haloCoveragePct: 0, spreadProximalMm: 0, spreadDistalMm: 0, superficialMl: 0, deepMl: 0, intraneuralMl: 0 };
  }),
  'short holds, thin figures': variant((f) => {
    f.views = [
      { tMs: 0, view: 'short-axis', nerveSMm: 2, nerveSpanSMm: null, compressionMm: 1.37 },
      { tMs: 996, view: 'long-axis', nerveSMm: 0, nerveSpanSMm: { minMm: -3.3, maxMm: 7.77 }, compressionMm: 0 },
      { tMs: 1990, view: 'no-nerve', nerveSMm: null, nerveSpanSMm: null, compressionMm: 0 },
    ];
    f.fluid = { totalMl: 7.256, haloCoveragePct: 89.96, spreadProximalMm: 3.33, spreadDistalMm: 1.26, superficialMl: 6.1, deepMl: 1.156, intraneuralMl: 0 };
    f.savedImages = [{ tMs: 20_000, imageId: 'a', view: 'short-axis', afterInjection: true, haloCoveragePctInImage: 74.99, fluidAlongNerveMmInImage: 0 }];
  }),
  'lateral entry, blind injections, many passes': variant((f) => {
    f.insertions = [
      { tMs: 10_000, entryMedialToProbe: false, directedLateral: true, angleToSkinDeg: 20 },
      { tMs: 12_000, entryMedialToProbe: true, directedLateral: true, angleToSkinDeg: 20 },
      { tMs: 12_500, entryMedialToProbe: true, directedLateral: true, angleToSkinDeg: 20 },
    ];
    f.needleMoves = [
      { tMs: 11_000, mm: 30, tipVisibleMm: 17.3, nearNerveMm: 0, nearNerveIntoFluidMm: 0 },
      { tMs: 11_200, mm: -8, tipVisibleMm: 0, nearNerveMm: 0, nearNerveIntoFluidMm: 0 },
      { tMs: 11_400, mm: 6, tipVisibleMm: 6, nearNerveMm: 4.5, nearNerveIntoFluidMm: 0 },
    ];
    f.injections[0].tipVisible = false;
    f.injections[1].openingPressurePsi = 18.7;
    f.injections[1].intraneural = true;
  }),
  'aimed medial, fluid not leading': variant((f) => {
    f.insertions = [{ tMs: 10_000, entryMedialToProbe: true, directedLateral: false, angleToSkinDeg: 20 }];
    f.needleMoves = [
      { tMs: 11_000, mm: 30, tipVisibleMm: 30, nearNerveMm: 1, nearNerveIntoFluidMm: 0 },
      { tMs: 14_000, mm: 3, tipVisibleMm: 3, nearNerveMm: 3, nearNerveIntoFluidMm: 1.1 },
      { tMs: 16_000, mm: 2, tipVisibleMm: 2, nearNerveMm: 2, nearNerveIntoFluidMm: 2 },
    ];
    f.injections.push({ tMs: 17_000, ml: 7, openingPressurePsi: 4, tipVisible: true, tipTissue: 'vessel', intravascular: true, intraneural: false });
    f.fluid.totalMl = 12;
  }),
  'both ways wrong, advanced dry near the nerve': variant((f) => {
    f.insertions = [
      { tMs: 10_000, entryMedialToProbe: false, directedLateral: true, angleToSkinDeg: 20 },
      { tMs: 10_500, entryMedialToProbe: true, directedLateral: false, angleToSkinDeg: 20 },
    ];
    f.needleMoves = [{ tMs: 11_000, mm: 30, tipVisibleMm: 30, nearNerveMm: 4.25, nearNerveIntoFluidMm: 0 }];
    f.contacts.push(
      { tMs: 11_100, kind: 'nerve-touched', structure: 'commonPeronealNerve' },
      { tMs: 11_200, kind: 'bone-struck', structure: 'fibula' },
      { tMs: 11_300, kind: 'vessel-punctured', structure: 'genicularArtery' },
      { tMs: 11_400, kind: 'nerve-entered', structure: 'commonPeronealNerve' },
    );
  }),
  'the sural nerve nicked, the tibial nerve entered, a vein injected': variant((f) => {
    f.contacts.push(
      { tMs: 10_500, kind: 'nerve-touched', structure: 'lateralSuralCutaneousNerve' },
      { tMs: 10_500, kind: 'nerve-entered', structure: 'lateralSuralCutaneousNerve' },
      { tMs: 11_400, kind: 'nerve-entered', structure: 'tibialNerve' },
    );
    f.injections.push({ tMs: 17_000, ml: 0.5, openingPressurePsi: 4, tipVisible: true, tipTissue: 'vessel', intravascular: true, intraneural: false, tipStructure: 'poplitealVein' });
  }),
  'no near-nerve advance after injecting; two sites missed': variant((f) => {
    f.needleMoves = [{ tMs: 11_000, mm: 30, tipVisibleMm: 30, nearNerveMm: 1.5, nearNerveIntoFluidMm: 0 }];
    f.injections.forEach((i) => (i.tipSMm = 0));
    f.entrapmentSites = [
      { name: 'popliteal-groove', minSMm: 40, maxSMm: 60 },
      { name: 'fibular-head', minSMm: 10, maxSMm: 20 },
    ];
  }),
};

describe('the debrief in both languages', () => {
  it('titles every rubric item, in English exactly as the rubric words it', () => {
    for (const item of RUBRIC_ITEMS) {
      expect(en.t(`score.title.${item.id}` as never), item.id).toBe(item.title);
      expect(itemTitle(item, zh), item.id).not.toBe(item.title);
    }
  });

  for (const [name, facts] of Object.entries(VARIANTS)) {
    it(`writes the same reasons, advice and safety events as core (${name})`, () => {
      const result = scoreAttempt(facts);
      for (const item of result.items) {
        expect(reasonText(item.id, facts, en), item.id).toBe(item.reason);
        if (item.advice) expect(adviceText(item.id, facts, en), item.id).toBe(item.advice);
        expect(itemReason(item, facts, en)).toBe(item.reason);
        const chinese = itemReason(item, facts, zh);
        expect(chinese, item.id).not.toBe(item.reason);
        expect(chinese, item.id).not.toMatch(/reason\.|[A-Za-z]{4,}/);
        if (item.advice) expect(itemAdvice(item, facts, zh), item.id).not.toMatch(/advice\.|[A-Za-z]{4,}/);
      }
      for (const event of result.safetyEvents) {
        expect(safetyText(event, en, facts, result.safetyEvents), event.kind).toBe(event.description);
        expect(safetyDescription(event, en, facts)).toBe(event.description);
        const chinese = safetyDescription(event, zh, facts, result.safetyEvents);
        expect(chinese, event.kind).not.toMatch(/safety\.|site\.|[A-Za-z]{4,}/);
        // Without the facts (the replay bar) the event still reads in Chinese, its figures left out.
        expect(safetyDescription(event, zh), event.kind).not.toMatch(/safety\.|[A-Za-z]{4,}/);
      }
    });
  }

  it('keeps to core for any fluid figures (rounded down, never shown as meeting a threshold they miss)', () => {
    fc.assert(
      fc.property(
        fc.record({
          totalMl: fc.double({ min: 0, max: 15, noNaN: true }),
          haloCoveragePct: fc.double({ min: 0, max: 100, noNaN: true }),
          spreadProximalMm: fc.double({ min: 0, max: 40, noNaN: true }),
          spreadDistalMm: fc.double({ min: 0, max: 40, noNaN: true }),
          superficialMl: fc.double({ min: 0, max: 8, noNaN: true }),
          deepMl: fc.double({ min: 0, max: 8, noNaN: true }),
        }),
        fc.integer({ min: 1, max: 3000 }),
        (fluid, holdMs) => {
          const facts = variant((f) => {
            f.fluid = { ...fluid, intraneuralMl: 0 };
            f.views[1].tMs = holdMs;
            f.views[2].tMs = holdMs + 1;
          });
          for (const item of scoreAttempt(facts).items) expect(reasonText(item.id, facts, en), item.id).toBe(item.reason);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the structure a safety event names', () => {
  it('has a name in both languages for every structure, in English exactly as core writes it', () => {
    for (const [structure, title] of Object.entries(STRUCTURE_TITLES_EN)) {
      expect(structureName(structure, en), structure).toBe(title);
      expect(structureName(structure, zh), structure).not.toMatch(/[A-Za-z]{3,}/);
    }
  });

  it('says in Chinese which nerve was nicked, and that it cost a penalty, not the cap', () => {
    const facts = variant((f) => {
      f.contacts.push({ tMs: 10_500, kind: 'nerve-touched', structure: 'lateralSuralCutaneousNerve' }, { tMs: 10_500, kind: 'nerve-entered', structure: 'lateralSuralCutaneousNerve' });
    });
    const [nick] = scoreAttempt(facts).safetyEvents;
    expect(safetyDescription(nick, zh, facts)).toMatch(/^异感：针尖碰到腓肠外侧皮神经（−5）/);
    const cpn = scoreAttempt(variant((f) => { f.contacts.push({ tMs: 10_500, kind: 'nerve-entered', structure: 'commonPeronealNerve' }); })).safetyEvents[0];
    expect(safetyDescription(cpn, zh)).toMatch(/^针尖进入腓总神经（严重：总分上限 40）/);
  });

  it('reads a result stored before events named their structure as it did then', () => {
    const old = { kind: 'needle-in-nerve' as const, tMs: 1000, penalty: 0, capTo: 40, critical: true, description: 'Needle tip entered the nerve (critical: total capped at 40). The tip entered the nerve: mechanical nerve injury.' };
    expect(safetyDescription(old, en)).toBe(old.description);
    expect(safetyDescription(old, zh)).toMatch(/^针尖进入神经（严重：总分上限 40）/);
  });
});

describe('the probe position in both languages', () => {
  it('reads in English exactly as core describes it, and in Chinese from the same figures', () => {
    for (const [x, y] of [[0, 0], [1.9, -1.9], [0, 6.4], [0, -6.6], [12.5, 30], [-3, 2], [-25.2, -40.49]]) {
      expect(positionText(y, x, en), `${x},${y}`).toBe(describePosition({ x, y, z: 0 }).text);
    }
    expect(positionText(-6, 0, zh)).toBe('腓骨头远端 6 mm');
    expect(positionText(0.5, -12, zh)).toBe('平腓骨头，内侧 12 mm');
    expect(positionText(8, 3, zh)).toBe('腓骨头近端 8 mm，外侧 3 mm');
  });
});
