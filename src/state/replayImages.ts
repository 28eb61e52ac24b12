import type { SessionRecord } from '../core/attempt/events';
import { needleTip, NEEDLE_OUTER_DIAMETER_MM } from '../core/needle/needle';
import { getWorkerClient } from './workerClient';
import { greyPng } from './framePng';
import type { ImagingSettings } from '../worker/protocol';

/**
 * The images a trainee saved, made again by seeking the 'review' session (already opened with
 * `record`'s log and shown by the image) to each save, from its nearest checkpoint, and forming
 * the frame the scanner showed then (same pose, settings, needle, fluid and cardiac phase): a
 * stored attempt keeps only events, and replay reproduces its pictures. The session is left at
 * the last save; the caller seeks it where it wants it shown.
 */
export async function replayedSavedImages(record: SessionRecord, defaultImaging: ImagingSettings): Promise<Record<string, string>> {
  const images: Record<string, string> = {};
  const worker = getWorkerClient();
  for (let i = 0; i < record.events.length; i++) {
    const event = record.events[i];
    if (event.kind !== 'image-saved') continue;
    const snapshot = await worker.call('seek', { session: 'review', index: i + 1 });
    if (!snapshot.probe) continue;
    const needle = snapshot.needle && snapshot.needle.insertedMm > 0 ? { entry: snapshot.needle.entry, tip: needleTip(snapshot.needle), diameterMm: NEEDLE_OUTER_DIAMETER_MM } : null;
    const frame = await worker.renderFrame(snapshot.probe.pose, snapshot.imaging ?? defaultImaging, event.tMs / 1000, needle);
    const png = greyPng(frame.pixels, frame.width, frame.height);
    if (png) images[event.imageId] = png;
  }
  return images;
}
