import { describe, expect, it, vi } from 'vitest';
import { KneeAnatomy } from '../core/anatomy/knee';
import { surroundingsRegion } from '../core/anatomy/kneeGeometry';
import { voxelise, surroundingsPending, fineGridPending, volumePending, type LabelVolume } from '../core/anatomy/voxelise';
import type { AnatomyParameters } from '../core/anatomy/parameters';
import { caseParameters, findCase } from '../core/cases/cases';
import { FrameMaker } from '../core/imaging/frame';
import { placeProbe, startProbeRequest } from '../core/probe/placement';
import { defaultScannerSettings } from '../core/ultrasound/scannerSettings';
import type { PatientBuilder } from './patients';
import type { VolumeCache } from './volumeCache';
import { inProcessHost } from './testHost';

const parameters = caseParameters(findCase('normal-teaching-knee')!, 'right', 1);
// Coarse grids keep the test quick; the fine grid and the surroundings are built later, as the app's builder does.
const grids = { spacingMm: 0.5, surroundings: { region: surroundingsRegion, spacingMm: 1 } };
const laterPatient: PatientBuilder = (p, onProgress, stored) => {
  const knee = new KneeAnatomy(p);
  const volume = stored ?? voxelise(knee, { ...grids, onProgress, surroundingsLater: true, fineGridLater: true });
  return { patient: { knee, volume }, frames: new FrameMaker(knee, volume) };
};

function startHost(withCache: boolean) {
  const built: LabelVolume[] = [];
  const saved: LabelVolume[] = [];
  const buildPatient: PatientBuilder = (p, progress, stored) => {
    const patient = laterPatient(p, progress, stored);
    built.push(patient.patient.volume!);
    return patient;
  };
  const volumeCache: VolumeCache = {
    load: async () => null,
    save: async (_p: AnatomyParameters, volume: LabelVolume) => {
      // As IndexedDB would take it: a pending builder would not survive the copy.
      expect(volumePending(volume)).toBe(false);
      saved.push(volume);
    },
  };
  const { call } = inProcessHost(undefined, { buildPatient, volumeCache: withCache ? volumeCache : null });
  return { call, built, saved };
}

describe('worker host: a new case answered before its volume is filled', () => {
  it('forms the first frame as the complete knee gives it, then fills the rest of the volume between requests', async () => {
    const { call, built } = startHost(false);
    await call('build', { parameters });
    const volume = built[0];
    // Answered with the knee alone: the fine grid and the surroundings are still to come.
    expect(fineGridPending(volume)).toBe(true);
    expect(surroundingsPending(volume)).toBe(true);

    // The start pose in short axis, whose footprint reaches past the fine grid.
    const knee = new KneeAnatomy(parameters);
    const pose = placeProbe(knee, startProbeRequest(knee));
    const imaging = { mode: 'b-mode' as const, depthMm: 40, gainDb: 0, frequencyMHz: 12, focusMm: 10, dynamicRangeDb: 60, tgcDb: [0, 0, 0, 0, 0] };
    const frame = await call('frame', { pose, imaging, timeSeconds: 0, needle: null });

    const complete = voxelise(knee, grids);
    const expected = new FrameMaker(knee, complete).bModeFrame(pose, { ...defaultScannerSettings, ...imaging, timeSeconds: 0 });
    const withoutSurroundings = new FrameMaker(knee, voxelise(knee, { ...grids, surroundings: false })).bModeFrame(pose, { ...defaultScannerSettings, ...imaging, timeSeconds: 0 });
    expect(Buffer.from(withoutSurroundings.pixels).equals(Buffer.from(expected.pixels))).toBe(false); // the pose does read the surroundings
    expect(Buffer.from(new Uint8Array(frame.pixels)).equals(Buffer.from(expected.pixels))).toBe(true);

    // Nothing more asked: the host completes both itself, the same bytes as a build in one go.
    await vi.waitFor(() => expect(volumePending(volume)).toBe(false), { timeout: 30_000 });
    expect(Buffer.from(volume.labels).equals(Buffer.from(complete.labels))).toBe(true);
    expect(Buffer.from(volume.surroundings!.table.buffer).equals(Buffer.from(complete.surroundings!.table.buffer))).toBe(true);
    expect(Buffer.from(volume.surroundings!.bricks).equals(Buffer.from(complete.surroundings!.bricks))).toBe(true);
  });

  it('stores the volume for a second visit only once it is complete', async () => {
    const { call, built, saved } = startHost(true);
    await call('build', { parameters });
    expect(volumePending(built[0])).toBe(true);
    await vi.waitFor(() => expect(saved).toEqual([built[0]]), { timeout: 10_000 });
  });
});
