import { KneeAnatomy } from '../core/anatomy/knee';
import { voxelise, type LabelVolume } from '../core/anatomy/voxelise';
import type { AnatomyParameters } from '../core/anatomy/parameters';
import { FrameMaker } from '../core/imaging/frame';
import type { Patient } from '../core/attempt/simulation';

export interface BuiltPatient {
  patient: Patient;
  frames: FrameMaker;
}

/** `stored`: the case's label volume from the volume cache, used instead of voxelising when given. */
export type PatientBuilder = (parameters: AnatomyParameters, onProgress?: (fraction: number) => void, stored?: LabelVolume) => BuiltPatient;

/**
 * The knee for a case round its label volume (the worker's default: the real volume, as the image
 * needs). The volume is filled later, fine grid and coarse surroundings: each frame fills the part
 * it reads, the first injection the rest of the fine grid, and the host fills what is left between
 * requests (see host.ts), so a first visit's image waits for the blocks under the probe only.
 */
export const buildVoxelisedPatient: PatientBuilder = (parameters, onProgress, stored) => {
  const knee = new KneeAnatomy(parameters);
  onProgress?.(0.2);
  const volume = stored ?? voxelise(knee, { surroundingsLater: true, fineGridLater: true });
  const frames = new FrameMaker(knee, volume);
  onProgress?.(1);
  return { patient: { knee, volume }, frames };
};

/** The key a case's patient is kept and looked up by: its parameters' JSON. */
export function patientKey(parameters: AnatomyParameters): string {
  return JSON.stringify(parameters);
}

/** Built knees by their parameters, at most `capacity`: a replay of another case must not throw away the live one. */
export class PatientCache {
  private readonly built = new Map<string, BuiltPatient>();

  constructor(
    private readonly build: PatientBuilder = buildVoxelisedPatient,
    private readonly capacity = 2,
  ) {}

  /** The knees built and kept, oldest first. */
  all(): IterableIterator<BuiltPatient> {
    return this.built.values();
  }

  has(parameters: AnatomyParameters): boolean {
    return this.built.has(patientKey(parameters));
  }

  get(parameters: AnatomyParameters, onProgress?: (fraction: number) => void, stored?: LabelVolume): BuiltPatient {
    const key = patientKey(parameters);
    const cached = this.built.get(key);
    if (cached) return cached;
    const built = this.build(parameters, onProgress, stored);
    if (this.built.size >= this.capacity) {
      const oldest = this.built.keys().next();
      if (!oldest.done) this.built.delete(oldest.value);
    }
    this.built.set(key, built);
    return built;
  }
}
