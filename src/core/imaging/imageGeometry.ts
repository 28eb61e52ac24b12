import { FOOTPRINT_MM } from '../probe/pose';

/**
 * The displayed image's geometry, fixed for every way of making pixels (label preview now,
 * B-mode later): one column per 0.15 mm of footprint, square pixels, depth set by the user.
 */
export interface ImageGeometry {
  widthMm: number;
  depthMm: number;
  /** Columns: scan lines across the footprint. */
  cols: number;
  /** Rows: samples along each line. */
  rows: number;
  /** Displayed pixels are square; acquisition grids need not be (see the two spacings). */
  pixelMm: number;
  lineSpacingMm: number;
  sampleSpacingMm: number;
}

export const IMAGE_COLUMNS = 300;
export const DEPTH_RANGE_MM = { min: 20, max: 60 } as const;
export const DEFAULT_DEPTH_MM = 30;

export function imageGeometry(depthMm: number): ImageGeometry {
  const pixelMm = FOOTPRINT_MM / IMAGE_COLUMNS;
  return { widthMm: FOOTPRINT_MM, depthMm, cols: IMAGE_COLUMNS, rows: Math.round(depthMm / pixelMm), pixelMm, lineSpacingMm: pixelMm, sampleSpacingMm: pixelMm };
}

/** The scanner's own grid: `lines` scan lines across the footprint, `samples` along each. */
export function acquisitionGeometry(depthMm: number, lines: number, samples: number): ImageGeometry {
  const lineSpacingMm = FOOTPRINT_MM / lines;
  return { widthMm: FOOTPRINT_MM, depthMm, cols: lines, rows: samples, pixelMm: lineSpacingMm, lineSpacingMm, sampleSpacingMm: depthMm / samples };
}
