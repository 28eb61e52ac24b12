import { DEFAULT_DEPTH_MM } from '../imaging/imageGeometry';

/** The knobs of a linear-array scanner, as a sonographer turns them. */
export interface ScannerSettings {
  frequencyMHz: number;
  depthMm: number;
  /** Transmit focus depth: the beam is narrowest here (marker on the depth scale). */
  focusMm: number;
  gainDb: number;
  /** Log compression: the span of echo levels shown from black to white. */
  dynamicRangeDb: number;
  /** Time-gain compensation, one slider per fifth of the depth, ± dB. */
  tgcDb: readonly number[];
  /** Cardiac phase for pulsating arteries (s since the attempt began). */
  timeSeconds: number;
}

export const TGC_BANDS = 5;
export const FREQUENCY_RANGE_MHZ = { min: 6, max: 18 } as const;
export const DYNAMIC_RANGE_DB = { min: 30, max: 90 } as const;
export const TGC_RANGE_DB = { min: -12, max: 12 } as const;

export const defaultScannerSettings: ScannerSettings = {
  frequencyMHz: 12,
  depthMm: DEFAULT_DEPTH_MM,
  focusMm: 10,
  gainDb: 0,
  dynamicRangeDb: 60,
  tgcDb: [0, 0, 0, 0, 0],
  timeSeconds: 0,
};

/** Speed of sound assumed by every scanner: 1540 m/s = 1.54 mm/µs. */
export const SOUND_SPEED_MM_PER_US = 1.54;
export const wavelengthMm = (frequencyMHz: number) => SOUND_SPEED_MM_PER_US / frequencyMHz;
