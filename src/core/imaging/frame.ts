import type { KneeAnatomy } from '../anatomy/knee';
import type { LabelVolume } from '../anatomy/voxelise';
import type { ProbePose } from '../probe/pose';
import { probeFrame, ScanGeometry } from '../probe/scanGeometry';
import { imageGeometry } from './imageGeometry';
import { renderLabelPreview } from './labelPreview';
import { BModeImager, fillWhatAFrameReads } from '../ultrasound/bmode';
import type { ScannerSettings } from '../ultrasound/scannerSettings';
import type { EchoOptions } from '../ultrasound/echoField';

export interface ImageFrame {
  width: number;
  height: number;
  widthMm: number;
  depthMm: number;
  /** Grey levels, row-major, row 0 at the skin. */
  pixels: Uint8Array;
}

/** Gain applies after image formation, as on a scanner's display: ±dB on the echo level. */
export const GAIN_RANGE_DB = { min: -20, max: 20 } as const;

/** Makes the panel's frames: the B-mode picture, or the anatomy in the plane for teaching. */
export class FrameMaker {
  private readonly bmode: BModeImager;

  constructor(
    private readonly knee: KneeAnatomy,
    private readonly volume: LabelVolume,
  ) {
    this.bmode = new BModeImager(knee, volume);
  }

  bModeFrame(pose: ProbePose, settings: ScannerSettings, options: EchoOptions = {}): ImageFrame {
    const frame = this.bmode.form(pose, settings, options);
    return { width: frame.image.cols, height: frame.image.rows, widthMm: frame.image.widthMm, depthMm: settings.depthMm, pixels: frame.pixels };
  }

  anatomyFrame(pose: ProbePose, depthMm: number, gainDb: number): ImageFrame {
    const scan = new ScanGeometry(this.knee, probeFrame(this.knee, pose), imageGeometry(depthMm));
    fillWhatAFrameReads(this.volume, scan);
    const pixels = new Uint8Array(scan.image.cols * scan.image.rows);
    renderLabelPreview(this.volume, scan, pixels);
    if (gainDb !== 0) {
      const g = 10 ** (gainDb / 20);
      for (let i = 0; i < pixels.length; i++) pixels[i] = Math.min(255, pixels[i] * g);
    }
    return { width: scan.image.cols, height: scan.image.rows, widthMm: scan.image.widthMm, depthMm, pixels };
  }
}
