import type { StateCreator } from 'zustand';
import { SimError } from '../core/simError';
import { message } from '../core/message';
import { DEPTH_RANGE_MM } from '../core/imaging/imageGeometry';
import { GAIN_RANGE_DB } from '../core/imaging/frame';
import { defaultScannerSettings, FREQUENCY_RANGE_MHZ, DYNAMIC_RANGE_DB, TGC_RANGE_DB, TGC_BANDS } from '../core/ultrasound/scannerSettings';
import type { ImagingSettings } from '../worker/protocol';
import type { SimState } from './store';
import { reportFor } from './probeSlice';

export { FREQUENCY_RANGE_MHZ };

/** The transmit focus can sit anywhere from just under the skin to the bottom of the image. */
export const FOCUS_MIN_MM = 3;

export interface ImagingSlice {
  imaging: ImagingSettings;
  /** Validates every field first: a bad one refuses the whole change. */
  setImaging: (change: Partial<ImagingSettings>) => void;
}

function checkRange(name: string, value: unknown, range: { min: number; max: number }, unit: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < range.min || value > range.max) {
    throw new SimError('invalid-argument', message('error.imaging.range', { name, min: range.min, max: range.max, unit, got: String(value) }));
  }
  return value;
}

const KNOWN = ['mode', 'depthMm', 'gainDb', 'frequencyMHz', 'focusMm', 'dynamicRangeDb', 'tgcDb'];

export function validatedImaging(current: ImagingSettings, change: Partial<ImagingSettings>): ImagingSettings {
  if (typeof change !== 'object' || change === null) throw new SimError('invalid-argument', message('error.imaging.request'));
  const unknown = Object.keys(change).filter((k) => !KNOWN.includes(k));
  if (unknown.length > 0) throw new SimError('invalid-argument', message('error.imaging.unknown', { unknown: unknown.join(', '), known: KNOWN.join(', ') }));
  const next = { ...current, tgcDb: [...current.tgcDb] };
  if (change.mode !== undefined) {
    if (change.mode !== 'b-mode' && change.mode !== 'anatomy') throw new SimError('invalid-argument', message('error.imaging.mode', { got: String(change.mode) }));
    next.mode = change.mode;
  }
  if (change.depthMm !== undefined) next.depthMm = checkRange('depthMm', change.depthMm, DEPTH_RANGE_MM, 'mm');
  if (change.gainDb !== undefined) next.gainDb = checkRange('gainDb', change.gainDb, GAIN_RANGE_DB, 'dB');
  if (change.frequencyMHz !== undefined) next.frequencyMHz = checkRange('frequencyMHz', change.frequencyMHz, FREQUENCY_RANGE_MHZ, 'MHz');
  if (change.dynamicRangeDb !== undefined) next.dynamicRangeDb = checkRange('dynamicRangeDb', change.dynamicRangeDb, DYNAMIC_RANGE_DB, 'dB');
  if (change.tgcDb !== undefined) {
    if (!Array.isArray(change.tgcDb) || change.tgcDb.length !== TGC_BANDS) throw new SimError('invalid-argument', message('error.imaging.tgc', { bands: TGC_BANDS }));
    next.tgcDb = change.tgcDb.map((v, i) => checkRange(`tgcDb[${i}]`, v, TGC_RANGE_DB, 'dB'));
  }
  if (change.focusMm !== undefined) next.focusMm = checkRange('focusMm', change.focusMm, { min: FOCUS_MIN_MM, max: next.depthMm }, 'mm');
  // A shallower image keeps its focus inside it.
  next.focusMm = Math.min(next.focusMm, next.depthMm);
  return next;
}

export const createImagingSlice: StateCreator<SimState, [], [], ImagingSlice> = (set, get) => ({
  imaging: {
    mode: 'b-mode',
    depthMm: defaultScannerSettings.depthMm,
    gainDb: defaultScannerSettings.gainDb,
    frequencyMHz: defaultScannerSettings.frequencyMHz,
    focusMm: defaultScannerSettings.focusMm,
    dynamicRangeDb: defaultScannerSettings.dynamicRangeDb,
    tgcDb: [...defaultScannerSettings.tgcDb],
  },
  setImaging: (change) => {
    const next = validatedImaging(get().imaging, change);
    // The view report depends on the depth shown, so it follows the settings.
    const anatomy = get().anatomy;
    const probe = get().probe;
    set({ imaging: next, probe: anatomy && probe ? reportFor(anatomy, probe.pose, next.depthMm, get().adhesionReleased) : probe });
    get().record({ kind: 'imaging', settings: next }).catch(() => undefined);
  },
});
