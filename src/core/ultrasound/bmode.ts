import type { KneeAnatomy } from '../anatomy/knee';
import { completeFineGrid, fillFineGridBox, type LabelVolume } from '../anatomy/voxelise';
import type { ProbePose } from '../probe/pose';
import { probeFrame, ScanGeometry } from '../probe/scanGeometry';
import { acquisitionGeometry, imageGeometry, type ImageGeometry } from '../imaging/imageGeometry';
import { EchoField, type EchoOptions } from './echoField';
import { PointSpread, POINT_SPREAD_REACH_LINES } from './pointSpread';
import { Display, scanConvert } from './display';
import type { ScannerSettings } from './scannerSettings';

/**
 * How far beyond its plane (and its lines' ends) a frame reads the label volume: the slice's half
 * thickness (2 mm at 60 mm), the skin's drag (3 mm at most), the tissue's motion and the nerve's
 * flattening, with room to spare. A volume whose fine grid is still being filled fills that much
 * first (FineGridBuilder); a test compares such frames with a complete volume's, byte for byte.
 */
export const FRAME_REACH_MARGIN_MM = 8;

/**
 * Fills what of a volume's fine grid still to fill a frame of this scan reads (nothing for a
 * complete grid): its reach, or, with injectate, all of it, as the image then reads where the
 * warp moved tissue from, however far.
 */
export function fillWhatAFrameReads(volume: LabelVolume, scan: ScanGeometry, options: EchoOptions = {}): void {
  if (!volume.fineGridPending) return;
  if (options.fluid || options.tissueWarp?.active || options.nerveDeformation) completeFineGrid(volume);
  else fillFineGridBox(volume, scan.reachBox(FRAME_REACH_MARGIN_MM));
}

/** A 12 MHz-class linear array: 256 scan lines over the 45 mm footprint. */
export const SCAN_LINES = 256;
/** Samples per line: one per ~0.08 mm of depth (about the axial resolution cell), 512 at most. */
export function samplesForDepth(depthMm: number): number {
  return Math.min(512, Math.max(256, Math.round(depthMm / 0.08)));
}

export interface BModeFrame {
  /** Display pixels (grey, row-major, row 0 at the skin), in the panel's fixed geometry. */
  pixels: Uint8Array;
  image: ImageGeometry;
  /** The scanner's own line × sample grid, before scan conversion (line-major). */
  lineData: Uint8Array;
  acquisition: ImageGeometry;
}

/**
 * Forms B-mode frames. Keeps its buffers between frames: a worker calls it ~30 times a second.
 * Deterministic: the same anatomy, pose, settings and options give the same bytes.
 */
export class BModeImager {
  private readonly echoes = new EchoField();
  private readonly psf = new PointSpread();
  private readonly display = new Display();
  private lineData = new Uint8Array(0);

  constructor(
    private readonly knee: KneeAnatomy,
    private readonly volume: LabelVolume,
  ) {}

  form(pose: ProbePose, settings: ScannerSettings, options: EchoOptions = {}, samplesPerLine = samplesForDepth(settings.depthMm)): BModeFrame {
    if (this.lineData.length !== SCAN_LINES * samplesPerLine) this.lineData = new Uint8Array(SCAN_LINES * samplesPerLine);
    const acquisition = this.formLines(pose, settings, options, samplesPerLine, 0, SCAN_LINES, this.lineData);
    const image = imageGeometry(settings.depthMm);
    const pixels = new Uint8Array(image.cols * image.rows);
    scanConvert(this.lineData, SCAN_LINES, samplesPerLine, image.cols, image.rows, pixels);
    return { pixels, image, lineData: this.lineData, acquisition };
  }

  /**
   * Scan lines [lineFrom, lineTo) of the frame into `out` (line-major, from lineFrom): the same
   * bytes form() gives for those lines, so workers can each form a band of one frame. A band
   * traces the point-spread function's reach of lines beyond its edges as well.
   */
  formLines(pose: ProbePose, settings: ScannerSettings, options: EchoOptions, samplesPerLine: number, lineFrom: number, lineTo: number, out: Uint8Array): ImageGeometry {
    if (!(Number.isInteger(lineFrom) && Number.isInteger(lineTo) && lineFrom >= 0 && lineFrom < lineTo && lineTo <= SCAN_LINES)) throw new RangeError(`Scan lines [${lineFrom}, ${lineTo}) are not a band of 0–${SCAN_LINES}.`);
    if (out.length < (lineTo - lineFrom) * samplesPerLine) throw new RangeError(`A band of ${lineTo - lineFrom} lines needs ${(lineTo - lineFrom) * samplesPerLine} bytes, not ${out.length}.`);
    const acquisition = acquisitionGeometry(settings.depthMm, SCAN_LINES, samplesPerLine);
    const scan = new ScanGeometry(this.knee, probeFrame(this.knee, pose), acquisition);
    fillWhatAFrameReads(this.volume, scan, options);
    const negligible = this.display.negligibleEchoAmplitude(samplesPerLine, acquisition.sampleSpacingMm, settings);
    const traceFrom = Math.max(0, lineFrom - POINT_SPREAD_REACH_LINES);
    const traceTo = Math.min(SCAN_LINES, lineTo + POINT_SPREAD_REACH_LINES);
    this.echoes.form(this.knee, this.volume, scan, settings, options, negligible, traceFrom, traceTo);
    const { re, im, silentFrom } = this.echoes;
    this.psf.apply(re, im, SCAN_LINES, samplesPerLine, acquisition.lineSpacingMm, acquisition.sampleSpacingMm, settings.frequencyMHz, settings.focusMm, lineFrom, lineTo, silentFrom);
    this.display.compressToGrey(re, im, SCAN_LINES, samplesPerLine, acquisition.sampleSpacingMm, settings, out, lineFrom, lineTo);
    return acquisition;
  }
}
