import type { StateCreator } from 'zustand';
import type { SimState } from './store';
import { PLANNED_ANGLE_LIMITS_DEG } from '../core/needle/plannedPath';

export type CameraPreset = 'overview' | 'over-probe';

/** How the 3D view is shown: trainee preferences, not part of the attempt. */
export interface ViewSlice {
  /** 1 = opaque skin and fat, 0 = hidden, so the nerve and its neighbours can be seen. */
  skinOpacity: number;
  showLabels: boolean;
  cameraPreset: CameraPreset;
  /** Bumped to ask the camera to move to the preset again. */
  cameraRequest: number;
  setSkinOpacity: (opacity: number) => void;
  setShowLabels: (show: boolean) => void;
  setCameraPreset: (preset: CameraPreset) => void;
  /** The angle (below the probe face) the trainee plans the needle at: drawn as a guide line. */
  plannedNeedleAngleDeg: number;
  setPlannedNeedleAngle: (deg: number) => void;
}

export const createViewSlice: StateCreator<SimState, [], [], ViewSlice> = (set, get) => ({
  skinOpacity: 0.55,
  showLabels: true,
  cameraPreset: 'overview',
  cameraRequest: 0,
  setSkinOpacity: (opacity) => set({ skinOpacity: Math.max(0, Math.min(1, opacity)) }),
  setShowLabels: (show) => set({ showLabels: show }),
  setCameraPreset: (preset) => set({ cameraPreset: preset, cameraRequest: get().cameraRequest + 1 }),
  plannedNeedleAngleDeg: 25,
  setPlannedNeedleAngle: (deg) => set({ plannedNeedleAngleDeg: Math.max(PLANNED_ANGLE_LIMITS_DEG.min, Math.min(PLANNED_ANGLE_LIMITS_DEG.max, deg)) }),
});
