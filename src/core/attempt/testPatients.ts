import { KneeAnatomy } from '../anatomy/knee';
import { voxelise, type LabelVolume } from '../anatomy/voxelise';
import type { AnatomyParameters } from '../anatomy/parameters';
import type { PatientProvider } from './simulation';

/**
 * For the reducer's tests: patients on the default knee's voxels, built once (a second each), and
 * that knee for scripting attempts.
 */
export function defaultKneePatients(): { knee: KneeAnatomy; patients: PatientProvider } {
  let volume: LabelVolume | null = null;
  const patients: PatientProvider = (parameters: AnatomyParameters) => {
    volume ??= voxelise(new KneeAnatomy(parameters));
    return { knee: new KneeAnatomy(parameters), volume };
  };
  return { knee: new KneeAnatomy(new KneeAnatomy().parameters), patients };
}
