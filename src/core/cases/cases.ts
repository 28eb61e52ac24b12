import type { AnatomyParameters } from '../anatomy/parameters';

/** A patient the trainee can scan. The full case library (clinical series) grows from this list. */
export interface CaseDefinition {
  id: string;
  title: string;
  summary: string;
  anatomy: Partial<AnatomyParameters>;
}

export const cases: readonly CaseDefinition[] = [
  {
    id: 'normal-teaching-knee',
    title: 'Normal teaching knee',
    summary: 'Adult right knee, normal common peroneal nerve (8.4 mm²) crossing over the fibular head, 6 mm deep at the fibular neck.',
    anatomy: {},
  },
  {
    id: 'swollen-adhered-nerve',
    title: 'Swollen nerve adhered to the gastrocnemius',
    summary: 'Entrapped nerve: swollen (14 mm²) above the fibular tunnel, bound to the lateral gastrocnemius by scar.',
    anatomy: { nerveAreaMm2: 14, adhesionToGastrocnemius: true, fascicleAreaFraction: 0.4, seed: 2 },
  },
  {
    id: 'nerve-behind-fibular-head',
    title: 'Nerve passing behind the fibular head',
    summary: 'Course variant (29% of limbs): the nerve runs behind rather than over the fibular head.',
    anatomy: { nerveCourse: 'behind-fibular-head', seed: 3 },
  },
  {
    id: 'deep-nerve-heavy-leg',
    title: 'Deep nerve in a heavier leg',
    summary: 'Thicker subcutaneous fat: the nerve lies 12 mm deep at the fibular neck.',
    anatomy: { nerveDepthMm: 12, seed: 4 },
  },
];

export const DEFAULT_CASE_ID = cases[0].id;

export function findCase(id: string): CaseDefinition | undefined {
  return cases.find((c) => c.id === id);
}
