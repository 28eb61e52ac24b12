import { NORMAL_CPN_AREA_MM2 } from './parameters';

const smoothstep = (edge0: number, edge1: number, x: number): number => {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
};

/** Where the entrapped nerve is pinched: the entrance of the fibular tunnel, just past the neck. */
export const ENTRAPMENT_NOTCH_S_MM = -24;
const ENTRAPMENT_CUTOFF_MM2 = 11.5;

/**
 * CPN cross-sectional area along the nerve (s in mm, + proximal, 0 at the fibular head apex).
 * The given area holds over the fibular head; a swollen (entrapped) nerve is swollen proximal
 * to the compression and returns to normal calibre over a few centimetres proximally, with a
 * "notch" where it is compressed; distal to the tunnel the nerve is slightly thinner.
 */
export function cpnAreaProfile(areaAtFibularHeadMm2: number): (sMm: number) => number {
  const swelling = areaAtFibularHeadMm2 - NORMAL_CPN_AREA_MM2;
  const entrapped = areaAtFibularHeadMm2 >= ENTRAPMENT_CUTOFF_MM2;
  return (sMm: number) => {
    const proximalFade = 1 - smoothstep(15, 45, sMm);
    let area = NORMAL_CPN_AREA_MM2 + swelling * proximalFade;
    if (entrapped) {
      const notch = Math.exp(-(((sMm - ENTRAPMENT_NOTCH_S_MM) / 3) ** 2));
      area = area * (1 - 0.4 * notch);
    }
    const distalThinning = smoothstep(-22, -32, sMm); // 0 above the tunnel, 1 below it
    const distalArea = NORMAL_CPN_AREA_MM2 * 0.9;
    return area + (distalArea - area) * distalThinning;
  };
}
