import type { SessionRecord } from '../core/attempt/events';
import { AttemptSimulation } from '../core/attempt/simulation';
import { needleTip, NEEDLE_OUTER_DIAMETER_MM } from '../core/needle/needle';
import type { KneeAnatomy } from '../core/anatomy/knee';
import { getWorkerClient } from './workerClient';
import { greyPng } from './framePng';
import type { ImagingSettings } from '../worker/protocol';

/**
 * The images a trainee saved, made again by replaying the log to each save and forming the frame
 * the scanner showed then (same pose, settings, needle, fluid and cardiac phase): a stored attempt
 * keeps only events, and replay reproduces its pictures exactly.
 */
export async function replayedSavedImages(record: SessionRecord, knee: KneeAnatomy, defaultImaging: ImagingSettings): Promise<Record<string, string>> {
  const images: Record<string, string> = {};
  const worker = getWorkerClient();
  const sim = new AttemptSimulation(() => ({ knee, volume: null }), record.mode);
  try {
    for (let i = 0; i < record.events.length; i++) {
      const event = record.events[i];
      sim.apply(event);
      if (event.kind !== 'image-saved' || !sim.probe) continue;
      await worker.replay(record.events.slice(0, i + 1), record.mode, true);
      const needle = sim.needle && sim.needle.insertedMm > 0 ? { entry: sim.needle.entry, tip: needleTip(sim.needle), diameterMm: NEEDLE_OUTER_DIAMETER_MM } : null;
      const frame = await worker.renderFrame(sim.probe, sim.imaging ?? defaultImaging, event.tMs / 1000, needle);
      const png = greyPng(frame.pixels, frame.width, frame.height);
      if (png) images[event.imageId] = png;
    }
  } finally {
    await worker.showLive();
  }
  return images;
}
