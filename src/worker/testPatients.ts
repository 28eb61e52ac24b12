import { KneeAnatomy } from '../core/anatomy/knee';
import { voxelise } from '../core/anatomy/voxelise';
import { FrameMaker } from '../core/imaging/frame';
import type { PatientBuilder } from './patients';

/** A coarse (0.5 mm) voxelised knee: the same code paths as the app's, fast enough for unit tests. */
export const coarsePatient: PatientBuilder = (parameters, _onProgress, stored) => {
  const knee = new KneeAnatomy(parameters);
  const volume = stored ?? voxelise(knee, { spacingMm: 0.5, surroundings: false });
  return { patient: { knee, volume }, frames: new FrameMaker(knee, volume) };
};
