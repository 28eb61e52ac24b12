import { NORMAL_CPN_AREA_MM2, type EntrapmentSite } from './parameters';

const smoothstep = (edge0: number, edge1: number, x: number): number => {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
};

/** Where the entrapped nerve is pinched: the entrance of the fibular tunnel, just past the neck. */
export const ENTRAPMENT_NOTCH_S_MM = -24;
const ENTRAPMENT_CUTOFF_MM2 = 11.5;
/**
 * The second site the case series names: the groove between the medial edge of the biceps femoris
 * tendon and the lateral gastrocnemius head, in the popliteal fossa (*estimate*: ~4 cm above the
 * fibular head apex, where the model's nerve runs between the two).
 */
export const GROOVE_NOTCH_S_MM = 40;

/**
 * CPN cross-sectional area along the nerve (s in mm, + proximal, 0 at the fibular head apex).
 * The given area holds over the fibular head; a swollen (entrapped) nerve is swollen proximal
 * to the compression and returns to normal calibre over a few centimetres proximally, with a
 * "notch" where it is compressed; distal to the tunnel the nerve is slightly thinner.
 */
export function cpnAreaProfile(areaAtFibularHeadMm2: number, site: EntrapmentSite = 'fibular-tunnel'): (sMm: number) => number {
  if (site === 'popliteal-groove') return grooveEntrapmentProfile(areaAtFibularHeadMm2);
  const swelling = areaAtFibularHeadMm2 - NORMAL_CPN_AREA_MM2;
  const entrapped = areaAtFibularHeadMm2 >= ENTRAPMENT_CUTOFF_MM2;
  return (sMm: number) => {
    const proximalFade = 1 - smoothstep(15, 45, sMm);
    let area = NORMAL_CPN_AREA_MM2 + swelling * proximalFade;
    if (entrapped) {
      const notch = Math.exp(-(((sMm - ENTRAPMENT_NOTCH_S_MM) / 3) ** 2));
      area = area * (1 - 0.4 * notch);
    }
    return withDistalThinning(area, sMm);
  };
}

/**
 * Entrapped in the popliteal groove: normal at the fibular head, a notch at the groove and the
 * given (swollen) area proximal to it — seen only by tracing the nerve up in long axis.
 */
function grooveEntrapmentProfile(swollenAreaMm2: number): (sMm: number) => number {
  const swelling = swollenAreaMm2 - NORMAL_CPN_AREA_MM2;
  return (sMm: number) => {
    const proximal = smoothstep(GROOVE_NOTCH_S_MM + 1, GROOVE_NOTCH_S_MM + 8, sMm);
    const notch = Math.exp(-(((sMm - GROOVE_NOTCH_S_MM) / 3) ** 2));
    const area = (NORMAL_CPN_AREA_MM2 + swelling * proximal) * (1 - 0.35 * notch);
    return withDistalThinning(area, sMm);
  };
}

/** Distal to the tunnel the nerve is slightly thinner. */
function withDistalThinning(area: number, sMm: number): number {
  const distalThinning = smoothstep(-22, -32, sMm); // 0 above the tunnel, 1 below it
  const distalArea = NORMAL_CPN_AREA_MM2 * 0.9;
  return area + (distalArea - area) * distalThinning;
}
