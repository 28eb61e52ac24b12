import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AttemptFacts } from '../core/attempt/facts';
import { scoreAttempt } from '../core/scoring/score';
import { RUBRIC_ITEMS } from '../core/scoring/rubric';
import { perfectFacts } from '../core/scoring/testFacts';
import { STRUCTURE_TITLES_EN, type StructureName } from '../core/anatomy/namedStructure';
import { MESSAGE_PLACEHOLDERS, message, structureMessage, type Message } from '../core/message';
import en from './locales/en.json';
import zh from './locales/zh.json';
import { say, withEnglish } from './message';

/**
 * Core speaks in keys; the locale files hold every sentence once per language. These tests hold the
 * two to each other: every key core can use is in both files with exactly its placeholders, and
 * every message core gives for a range of attempts reads as a whole sentence in both languages.
 */

const placeholders = (template: string) => [...new Set([...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]))].sort();

/** Variants of core's textbook attempt that take each branch of the reasons and every kind of safety event. */

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


/** Every message inside a message (a clause, a structure's name), itself included. */
function* messagesIn(m: Message): Generator<Message> {
  yield m;
  for (const value of Object.values(m.values)) if (typeof value === 'object' && 'key' in value) yield* messagesIn(value);
}

const allMessages = (facts: AttemptFacts): Message[] => {
  const result = scoreAttempt(facts);
  return [...result.items.flatMap((i) => (i.advice ? [i.reason, i.advice] : [i.reason])), ...result.safetyEvents.map((e) => e.description)];
};

describe("core's message keys in the locale files", () => {
  it('has every key core speaks with in both languages, with exactly its placeholders', () => {
    for (const [key, names] of Object.entries(MESSAGE_PLACEHOLDERS)) {
      for (const [language, file] of [['en', en], ['zh', zh]] as const) {
        const template = (file as Record<string, string>)[key];
        expect(template, `${language} ${key}`).toBeTypeOf('string');
        expect(placeholders(template), `${language} ${key}`).toEqual([...names].sort());
      }
    }
  });

  it('names every structure in both languages, in English as core titles it', () => {
    for (const [structure, title] of Object.entries(STRUCTURE_TITLES_EN)) {
      expect(say(structureMessage(structure as StructureName), 'en'), structure).toBe(title);
      expect(say(structureMessage(structure as StructureName), 'zh'), structure).not.toMatch(/[A-Za-z]{3,}/);
    }
  });

  it('titles every rubric item in both languages, in English exactly as the rubric words it', () => {
    for (const item of RUBRIC_ITEMS) {
      expect((en as Record<string, string>)[`score.title.${item.id}`], item.id).toBe(item.title);
      expect((zh as Record<string, string>)[`score.title.${item.id}`], item.id).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('the debrief in both languages, from the keys core gives', () => {
  for (const [name, facts] of Object.entries(VARIANTS)) {
    it(`reads every reason, advice and safety event as a whole sentence (${name})`, () => {
      for (const m of allMessages(facts)) {
        for (const inner of messagesIn(m)) expect(inner.key in en, inner.key).toBe(true);
        const english = say(m, 'en');
        const chinese = say(m, 'zh');
        expect(english, m.key).not.toMatch(/\{\{|\b(reason|advice|safety|site|structure)\./);
        expect(chinese, m.key).not.toMatch(/\{\{|\b(reason|advice|safety|site|structure)\./);
        expect(chinese, m.key).not.toMatch(/[A-Za-z]{4,}/);
      }
    });
  }

  it('writes the English sentences core used to write itself', () => {
    const result = scoreAttempt(VARIANTS['lateral entry, blind injections, many passes']);
    const reason = (id: string) => say(result.items.find((i) => i.id === id)!.reason, 'en');
    expect(reason('medial-to-lateral')).toBe('1 of 3 insertion(s) not medial-to-lateral (entry not medial to the probe)');
    expect(reason('few-passes')).toBe('3 redirection(s): 2 re-insertion(s), 1 withdraw-and-re-advance (full marks at ≤ 2)');
    expect(result.safetyEvents.map((e) => say(e.description, 'en'))).toContain(
      'Injection of 4 ml at 18 psi opening pressure (critical: total capped at 40). Opening pressure ≥ 15 psi means the tip is against or inside the nerve.',
    );
    const both = scoreAttempt(VARIANTS['both ways wrong, advanced dry near the nerve']);
    expect(say(both.items.find((i) => i.id === 'medial-to-lateral')!.reason, 'en')).toBe('2 of 2 insertion(s) not medial-to-lateral (entry not medial to the probe, not aimed lateral)');
    expect(say(both.items.find((i) => i.id === 'fluid-leads-needle')!.advice!, 'en')).toBe(
      'Inject a small test volume before the tip is within 5 mm of the nerve, then advance only into the space the fluid has opened. (No more than 2 mm near the nerve before the first injection.)',
    );
    const sites = scoreAttempt(VARIANTS['no near-nerve advance after injecting; two sites missed']).safetyEvents.map((e) => say(e.description, 'zh'));
    expect(sites.filter((s) => s.includes('卡压'))).toHaveLength(2);
  });

  it('says in Chinese which nerve was nicked, and that it cost a penalty, not the cap', () => {
    const [nick] = scoreAttempt(VARIANTS['the sural nerve nicked, the tibial nerve entered, a vein injected']).safetyEvents;
    expect(say(nick.description, 'zh')).toMatch(/^异感：针尖碰到腓肠外侧皮神经（−5）/);
    const cpn = scoreAttempt(variant((f) => { f.contacts.push({ tMs: 10_500, kind: 'nerve-entered', structure: 'commonPeronealNerve' }); })).safetyEvents[0];
    expect(say(cpn.description, 'zh')).toMatch(/^针尖进入腓总神经（严重：总分上限 40）/);
  });

  it('shows figures rounded down, never as meeting a threshold they miss, the same in both languages', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 15, noNaN: true }), (halo, totalMl) => {
        const facts = variant((f) => {
          f.fluid.haloCoveragePct = halo;
          f.fluid.totalMl = totalMl;
        });
        const items = scoreAttempt(facts).items;
        const haloText = say(items.find((i) => i.id === 'halo')!.reason, 'en');
        const shown = Number(/^Halo ([\d.,]+)%/.exec(haloText)![1].replace(/,/g, ''));
        expect(shown).toBeLessThanOrEqual(halo + 1e-6); // the rounding nudge against binary error
        expect(halo - shown).toBeLessThan(0.1 + 1e-9);
        const volume = items.find((i) => i.id === 'volume')!.reason;
        expect(say(volume, 'zh').match(/[\d.]+/)![0], 'the same figure in both languages').toBe(say(volume, 'en').match(/[\d.]+/)![0]);
      }),
      { numRuns: 200 },
    );
    expect(say(message('reason.halo', { halo: 89.9, full: 90, zero: 25 }), 'en')).toBe('Halo 89.9% (full marks at ≥ 90%, none below 25%)');
  });

  it('keeps the key, the values and the English sentence when a message leaves the app', () => {
    const reason = scoreAttempt(perfectFacts()).items[0].reason;
    expect(withEnglish(reason)).toEqual({ ...reason, text: 'Short-axis view at the fibular head held 56 s (full marks at ≥ 1 s)' });
  });
});
