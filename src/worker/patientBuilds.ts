import { volumePending, buildVolumeStep } from '../core/anatomy/voxelise';
import type { AnatomyParameters } from '../core/anatomy/parameters';
import { isFiniteVec3, type Vec3 } from '../core/math/vec3';
import { PROBE_START_POINT } from '../core/probe/placement';
import type { BuiltPatient, PatientCache } from './patients';
import type { VolumeCache } from './volumeCache';

/** How long after a case is built its volume is first looked at for storing: the first frames come first. */
const VOLUME_SAVE_DELAY_MS = 1500;
/**
 * A new case's volume (its fine grid, then its coarse surroundings) is filled between requests in
 * slices this long; a frame asked for meanwhile waits at most one slice, and what it reads it
 * fills itself.
 */
const VOLUME_SLICE_MS = 10;
/**
 * A slice waits until no request has come for this long: while the probe slides, frames and pose
 * events come every few tens of milliseconds and have this worker first; at rest (a dozen live
 * frames a second) the gaps between them fill the volume.
 */
const IDLE_BEFORE_SLICE_MS = 25;

/**
 * The worker's knees and their label volumes: read from the volume cache where a case was stored,
 * else built round a volume filled later (see FineGridBuilder) and stored once complete. The
 * volumes still to fill are filled here a slice at a time between requests, the fine grid nearest
 * the probe first.
 */
export class PatientBuilds {
  /** Where the last frame looked (null before the first): a new fine grid fills outward from there. */
  private lastProbeCentre: Vec3 | null = null;
  private sliceDue = false;
  private lastRequestAt = -Infinity;

  constructor(
    readonly patients: PatientCache,
    private readonly volumeCache: VolumeCache | null,
    private readonly now: () => number,
  ) {}

  /** A case's patient round its stored volume, or null where none is stored (or no cache). */
  fromStore(parameters: AnatomyParameters, progress: (fraction: number) => void): Promise<BuiltPatient | null> {
    const loading = this.volumeCache ? this.volumeCache.load(parameters) : Promise.resolve(null);
    return loading.then((stored) => {
      if (!stored) return null;
      const built = this.patients.get(parameters, progress, stored);
      progress(1);
      return built;
    });
  }

  /** A case's knee round a volume to be filled later (none stored); the volume is stored once complete. */
  buildAndStore(parameters: AnatomyParameters, progress: (fraction: number) => void): BuiltPatient {
    const built = this.patients.get(parameters, progress);
    const volume = built.patient.volume;
    const cache = this.volumeCache;
    if (cache && volume) {
      const saveOnceComplete = () => {
        const kept = [...this.patients.all()].some((b) => b.patient.volume === volume);
        // A case dropped before its volume was complete is not stored: its next visit builds it again.
        if (kept && volumePending(volume)) setTimeout(saveOnceComplete, VOLUME_SAVE_DELAY_MS);
        else if (!volumePending(volume)) void cache.save(parameters, volume);
      };
      setTimeout(saveOnceComplete, VOLUME_SAVE_DELAY_MS);
    }
    return built;
  }

  /** A frame is being formed at this probe centre: the volumes left to fill fill round it next. */
  framed(centre: Vec3 | undefined): void {
    if (isFiniteVec3(centre)) this.lastProbeCentre = centre;
  }

  /** A request came: slices of filling wait until the worker has been idle a moment. */
  requested(): void {
    this.lastRequestAt = this.now();
  }

  /** Fills a slice of the volumes still to fill once the worker is idle, and so on until none is left. */
  fillLater(): void {
    if (this.sliceDue || this.pending().length === 0) return;
    this.sliceDue = true;
    const wait = Math.max(0, this.lastRequestAt + IDLE_BEFORE_SLICE_MS - this.now());
    setTimeout(() => {
      this.sliceDue = false;
      if (this.now() - this.lastRequestAt < IDLE_BEFORE_SLICE_MS) {
        this.fillLater();
        return;
      }
      const start = this.now();
      for (const { patient } of this.pending()) {
        // Before any frame, round where the probe starts on a new case.
        while (!buildVolumeStep(patient.volume!, this.lastProbeCentre ?? PROBE_START_POINT) && this.now() - start < VOLUME_SLICE_MS);
      }
      this.fillLater();
    }, wait);
  }

  private pending(): BuiltPatient[] {
    return [...this.patients.all()].filter((b) => b.patient.volume && volumePending(b.patient.volume));
  }
}
