// Test fixture shared by the scoring tests and the UI's score-text tests.
import type { AttemptFacts, InjectionFact, NeedleMoveFact } from '../attempt/facts';
import { scoreAttempt } from './score';
import type { ScoreItemId } from './rubric';

/**
 * A textbook attempt: short axis at the fibular head, long axis traced across it, compression, one
 * medial-to-lateral insertion with the tip in view, a test injection before the last 2 mm, 5 ml
 * spread all round and along the nerve, both images saved.
 */
export function perfectFacts(): AttemptFacts {
  return {
    mode: 'assessment',
    durationMs: 60_000,
    views: [
      { tMs: 0, view: 'short-axis', nerveSMm: 2, nerveSpanSMm: null, compressionMm: 0 },
      { tMs: 2000, view: 'long-axis', nerveSMm: 0, nerveSpanSMm: { minMm: -20, maxMm: 0 }, compressionMm: 0 },
      { tMs: 3000, view: 'long-axis', nerveSMm: 10, nerveSpanSMm: { minMm: -5, maxMm: 15 }, compressionMm: 0 },
      { tMs: 4000, view: 'short-axis', nerveSMm: 0, nerveSpanSMm: null, compressionMm: 3 },
      { tMs: 5000, view: 'short-axis', nerveSMm: 0, nerveSpanSMm: null, compressionMm: 0 },
    ],
    insertions: [{ tMs: 10_000, entryMedialToProbe: true, directedLateral: true, angleToSkinDeg: 20 }],
    needleMoves: [
      { tMs: 11_000, mm: 30, tipVisibleMm: 30, nearNerveMm: 2, nearNerveIntoFluidMm: 0 },
      { tMs: 14_000, mm: 2, tipVisibleMm: 2, nearNerveMm: 2, nearNerveIntoFluidMm: 2 },
    ],
    injections: [
      { tMs: 13_000, ml: 1, openingPressurePsi: 6, tipVisible: true, tipTissue: 'fat', intravascular: false, intraneural: false },
      { tMs: 15_000, ml: 4, openingPressurePsi: 5, tipVisible: true, tipTissue: 'fat', intravascular: false, intraneural: false },
    ],
    contacts: [{ tMs: 10_000, kind: 'skin-punctured', structure: 'skin' }, { tMs: 11_500, kind: 'fascia-crossed', structure: 'gastrocnemiusLateral' }],
    savedImages: [
      { tMs: 20_000, imageId: 'a', view: 'short-axis', afterInjection: true, haloCoveragePctInImage: 85, fluidAlongNerveMmInImage: 0 },
      { tMs: 22_000, imageId: 'b', view: 'long-axis', afterInjection: true, haloCoveragePctInImage: 0, fluidAlongNerveMmInImage: 22 },
    ],
    fluid: { totalMl: 5, haloCoveragePct: 95, spreadProximalMm: 12, spreadDistalMm: 10, superficialMl: 2.5, deepMl: 2.5, intraneuralMl: 0 },
  };
}

/** The textbook attempt with one change made to it. */
export const facts = (change: (f: AttemptFacts) => void): AttemptFacts => {
  const f = perfectFacts();
  change(f);
  return f;
};
export const itemOf = (f: AttemptFacts, id: ScoreItemId) => {
  const found = scoreAttempt(f).items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
};
export const pointsOf = (f: AttemptFacts, id: ScoreItemId) => itemOf(f, id).points;
export const move = (tMs: number, mm: number, extra: Partial<NeedleMoveFact> = {}): NeedleMoveFact =>
  ({ tMs, mm, tipVisibleMm: Math.max(0, mm), nearNerveMm: 0, nearNerveIntoFluidMm: 0, ...extra });
export const injection = (tMs: number, extra: Partial<InjectionFact> = {}): InjectionFact =>
  ({ tMs, ml: 1, openingPressurePsi: 6, tipVisible: true, tipTissue: 'fat', intravascular: false, intraneural: false, ...extra });
