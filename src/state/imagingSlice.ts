import type { StateCreator } from 'zustand';
import { SimError } from '../core/simError';
import { DEFAULT_DEPTH_MM, DEPTH_RANGE_MM } from '../core/imaging/imageGeometry';
import { GAIN_RANGE_DB } from '../core/imaging/frame';
import type { ImagingSettings } from '../worker/protocol';
import type { SimState } from './store';
import { reportFor } from './probeSlice';

export const FREQUENCY_RANGE_MHZ = { min: 6, max: 18 } as const;

export interface ImagingSlice {
  imaging: ImagingSettings;
  /** Validates every field first: a bad one refuses the whole change. */
  setImaging: (change: Partial<ImagingSettings>) => void;
}

function checkRange(name: string, value: unknown, range: { min: number; max: number }, unit: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < range.min || value > range.max) {
    throw new SimError('invalid-argument', `${name} must be a number from ${range.min} to ${range.max} ${unit}, got ${String(value)}.`);
  }
  return value;
}

export const createImagingSlice: StateCreator<SimState, [], [], ImagingSlice> = (set, get) => ({
  imaging: { depthMm: DEFAULT_DEPTH_MM, gainDb: 0, frequencyMHz: 12 },
  setImaging: (change) => {
    if (typeof change !== 'object' || change === null) throw new SimError('invalid-argument', 'setImaging needs an object such as { depthMm: 30 }.');
    const known = ['depthMm', 'gainDb', 'frequencyMHz'];
    const unknown = Object.keys(change).filter((k) => !known.includes(k));
    if (unknown.length > 0) throw new SimError('invalid-argument', `Unknown imaging setting ${unknown.join(', ')}; use ${known.join(', ')}.`);
    const next = { ...get().imaging };
    if (change.depthMm !== undefined) next.depthMm = checkRange('depthMm', change.depthMm, DEPTH_RANGE_MM, 'mm');
    if (change.gainDb !== undefined) next.gainDb = checkRange('gainDb', change.gainDb, GAIN_RANGE_DB, 'dB');
    if (change.frequencyMHz !== undefined) next.frequencyMHz = checkRange('frequencyMHz', change.frequencyMHz, FREQUENCY_RANGE_MHZ, 'MHz');
    // The view report depends on the depth shown, so it follows the settings.
    const anatomy = get().anatomy;
    const probe = get().probe;
    set({ imaging: next, probe: anatomy && probe ? reportFor(anatomy, probe.pose, next.depthMm) : probe });
    get().record({ kind: 'imaging', settings: next });
  },
});
