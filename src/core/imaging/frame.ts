import type { KneeAnatomy } from '../anatomy/knee';
import type { LabelVolume } from '../anatomy/voxelise';
import type { ProbePose } from '../probe/pose';
import { probeFrame, ScanGeometry } from '../probe/scanGeometry';
import { imageGeometry } from './imageGeometry';
import { renderLabelPreview } from './labelPreview';

export interface ImageFrame {
  width: number;
  height: number;
  widthMm: number;
  depthMm: number;
  /** Grey levels, row-major, row 0 at the skin. */
  pixels: Uint8Array;
}

/** Gain applies after image formation, as on a scanner's display: ±dB on the grey level. */
export const GAIN_RANGE_DB = { min: -20, max: 20 } as const;

export function renderFrame(knee: KneeAnatomy, volume: LabelVolume, pose: ProbePose, depthMm: number, gainDb: number): ImageFrame {
  const scan = new ScanGeometry(knee, probeFrame(knee, pose), imageGeometry(depthMm));
  const pixels = new Uint8Array(scan.image.cols * scan.image.rows);
  renderLabelPreview(volume, scan, pixels);
  if (gainDb !== 0) {
    const g = 10 ** (gainDb / 20);
    for (let i = 0; i < pixels.length; i++) pixels[i] = Math.min(255, pixels[i] * g);
  }
  return { width: scan.image.cols, height: scan.image.rows, widthMm: scan.image.widthMm, depthMm, pixels };
}
