/**
 * What makes one patient's knee differ from another's. Defaults and ranges come from
 * shared docs/anatomy.md; values marked *estimate* there stay named parameters here.
 */
export type Side = 'left' | 'right';
export type NerveCourse = 'over-fibular-head' | 'behind-fibular-head';

export interface AnatomyParameters {
  side: Side;
  /** CPN cross-sectional area at the fibular head. Normal 8.4; entrapment cut-off ~11.5. */
  nerveAreaMm2: number;
  /**
   * Skin surface to the CPN's centre at the fibular neck: 3–8 lean, > 10 obese (*estimate*).
   * From 4: under 1.5 mm of skin a ~2 mm-radius nerve in its sheath cannot be shallower.
   */
  nerveDepthMm: number;
  /** 71% of limbs: the nerve crosses over the fibular head; 29% it passes behind it. */
  nerveCourse: NerveCourse;
  /** The nerve is bound to the lateral gastrocnemius by scar tissue. */
  adhesionToGastrocnemius: boolean;
  /** Fascicle count (16 ± 4 in histology). */
  fascicleCount: number;
  /** Share of the nerve's area that is fascicles (~30% normal). */
  fascicleAreaFraction: number;
  /** Epineurium thickness 0.1–0.3 (*estimate*). */
  epineuriumThicknessMm: number;
  /** Paraneural sheath, a loose layer outside the epineurium (*estimate*). */
  sheathThicknessMm: number;
  /** Where an entrapped (swollen) nerve is pinched: the fibular tunnel, or the groove between the biceps femoris tendon and the lateral gastrocnemius higher up. */
  entrapmentSite: EntrapmentSite;
  /** Seeds the fascicle pattern, so that two patients' nerves differ. */
  seed: number;
}

export type EntrapmentSite = 'fibular-tunnel' | 'popliteal-groove';

export const NORMAL_CPN_AREA_MM2 = 8.4;
export const CPN_NECK_BELOW_APEX_MM = 20.7;

export const defaultAnatomyParameters: AnatomyParameters = {
  side: 'right',
  nerveAreaMm2: NORMAL_CPN_AREA_MM2,
  nerveDepthMm: 6,
  nerveCourse: 'over-fibular-head',
  adhesionToGastrocnemius: false,
  fascicleCount: 16,
  fascicleAreaFraction: 0.3,
  epineuriumThicknessMm: 0.2,
  sheathThicknessMm: 0.3,
  entrapmentSite: 'fibular-tunnel',
  seed: 1,
};

interface NumericRange {
  min: number;
  max: number;
}

export const parameterRanges: Record<
  'nerveAreaMm2' | 'nerveDepthMm' | 'fascicleCount' | 'fascicleAreaFraction' | 'epineuriumThicknessMm' | 'sheathThicknessMm',
  NumericRange
> = {
  nerveAreaMm2: { min: 5, max: 30 },
  nerveDepthMm: { min: 4, max: 20 },
  fascicleCount: { min: 8, max: 24 },
  fascicleAreaFraction: { min: 0.15, max: 0.6 },
  epineuriumThicknessMm: { min: 0.1, max: 0.3 },
  sheathThicknessMm: { min: 0.1, max: 0.6 },
};

/** Returns a list of problems, empty when the parameters describe a knee we can build. */
export function parameterProblems(p: AnatomyParameters): string[] {
  const problems: string[] = [];
  if (p.side !== 'left' && p.side !== 'right') problems.push(`side must be 'left' or 'right', got ${String(p.side)}`);
  if (p.nerveCourse !== 'over-fibular-head' && p.nerveCourse !== 'behind-fibular-head') {
    problems.push(`nerveCourse must be 'over-fibular-head' or 'behind-fibular-head', got ${String(p.nerveCourse)}`);
  }
  if (typeof p.adhesionToGastrocnemius !== 'boolean') problems.push('adhesionToGastrocnemius must be true or false');
  if (p.entrapmentSite !== 'fibular-tunnel' && p.entrapmentSite !== 'popliteal-groove') problems.push(`entrapmentSite must be 'fibular-tunnel' or 'popliteal-groove', got ${String(p.entrapmentSite)}`);
  for (const [key, range] of Object.entries(parameterRanges)) {
    const value = p[key as keyof typeof parameterRanges];
    if (!Number.isFinite(value) || value < range.min || value > range.max) {
      problems.push(`${key} must be a number from ${range.min} to ${range.max}, got ${String(value)}`);
    }
  }
  if (!Number.isInteger(p.seed)) problems.push(`seed must be an integer, got ${String(p.seed)}`);
  return problems;
}
