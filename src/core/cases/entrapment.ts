import { GROOVE_NOTCH_S_MM, ENTRAPMENT_NOTCH_S_MM } from '../anatomy/cpnArea';
import type { EntrapmentSiteName } from './caseSchema';

/**
 * The stretch of nerve (arc length s, mm, + proximal) that belongs to each entrapment site: where
 * probe pressure reproduces the symptoms and where an injection treats it.
 */
export const ENTRAPMENT_SITE_RANGES_S_MM: Readonly<Record<EntrapmentSiteName, { minMm: number; maxMm: number }>> = {
  // From the tunnel's entrance up over the fibular head.
  'fibular-head': { minMm: ENTRAPMENT_NOTCH_S_MM - 4, maxMm: 12 },
  // Round the notch in the groove and the swollen nerve just above it.
  'popliteal-groove': { minMm: GROOVE_NOTCH_S_MM - 8, maxMm: GROOVE_NOTCH_S_MM + 15 },
};

export function entrapmentSiteAt(sites: readonly EntrapmentSiteName[], sMm: number): EntrapmentSiteName | null {
  return sites.find((site) => sMm >= ENTRAPMENT_SITE_RANGES_S_MM[site].minMm && sMm <= ENTRAPMENT_SITE_RANGES_S_MM[site].maxMm) ?? null;
}

/** Probe pressure that provokes the symptoms over an entrapment (sono-Tinel), mm. */
export const SONO_TINEL_COMPRESSION_MM = 3;
/** The series: symptoms for more than three months responded poorly. */
export const POOR_RESPONSE_AFTER_DAYS = 90;
