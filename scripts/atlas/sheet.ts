// Pixel figures for a frame, PNG writing, and the contact sheet (every view with its caption).
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import type { ImageFrame } from '../../src/core/imaging/frame';
import type { KneeAnatomy } from '../../src/core/anatomy/knee';
import type { LabelVolume } from '../../src/core/anatomy/voxelise';
import type { ProbePose } from '../../src/core/probe/pose';
import { probeFrame, ScanGeometry } from '../../src/core/probe/scanGeometry';
import { imageGeometry } from '../../src/core/imaging/imageGeometry';
import { Label } from '../../src/core/anatomy/tissues';
import { drawText, wrapText, ADVANCE, GLYPH_HEIGHT, type GreyCanvas } from './font';

export interface PixelFigures {
  p1: number;
  p50: number;
  p99: number;
  mean: number;
  /** Share of pixels exactly 0 and exactly 255, in %. */
  zeroPct: number;
  fullPct: number;
  /** Mean grey of the pixels whose tissue (undeformed anatomy, nearest voxel) is each kind; null where < 30 pixels. */
  byTissue: Record<TissueGroup, number | null>;
}

export type TissueGroup = 'nerve' | 'tendon' | 'muscle' | 'fat' | 'bone' | 'fluid';
const GROUP_OF_LABEL: Partial<Record<number, TissueGroup>> = {
  [Label.epineurium]: 'nerve',
  [Label.interfascicularEpineurium]: 'nerve',
  [Label.fascicle]: 'nerve',
  [Label.bicepsFemorisTendon]: 'tendon',
  [Label.bicepsFemorisMuscle]: 'muscle',
  [Label.gastrocnemiusLateral]: 'muscle',
  [Label.soleus]: 'muscle',
  [Label.peroneusLongus]: 'muscle',
  [Label.deepMuscle]: 'muscle',
  [Label.fat]: 'fat',
  [Label.fibula]: 'bone',
  [Label.tibia]: 'bone',
  [Label.femur]: 'bone',
};
/** Injectate share (0–255) from which a voxel counts as fluid. */
const FLUID_AT = 128;

/**
 * The label under each pixel: the label volume at the point ScanGeometry maps the pixel to (so
 * compression is followed, but fluid's push and tissue motion are not), Label.fluid where the
 * injectate fills the voxel, 255 where the line has no skin contact or leaves the volume.
 */
export function pixelLabels(frame: ImageFrame, knee: KneeAnatomy, volume: LabelVolume, pose: ProbePose, fluid: Uint8Array | null): Uint8Array {
  const scan = new ScanGeometry(knee, probeFrame(knee, pose), imageGeometry(frame.depthMm));
  const out = new Uint8Array(frame.width * frame.height).fill(NO_LABEL);
  const { origin, spacingMm, nx, ny, nz, labels } = volume;
  for (let row = 0; row < frame.height; row++) {
    for (let col = 0; col < frame.width; col++) {
      const p = scan.worldAt(col, row);
      if (!p) continue;
      const i = Math.round((p.x - origin.x) / spacingMm);
      const j = Math.round((p.y - origin.y) / spacingMm);
      const k = Math.round((p.z - origin.z) / spacingMm);
      if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) continue;
      const v = (k * ny + j) * nx + i;
      out[row * frame.width + col] = fluid && fluid[v] >= FLUID_AT ? Label.fluid : labels[v];
    }
  }
  return out;
}
export const NO_LABEL = 255;

/** Grey-level percentiles, and the mean grey per tissue read from `pixelLabels` (so near an edge a figure mixes neighbours). */
export function pixelFigures(frame: ImageFrame, labels: Uint8Array): PixelFigures {
  const px = frame.pixels;
  const histogram = new Array<number>(256).fill(0);
  let sum = 0;
  for (const g of px) {
    histogram[g]++;
    sum += g;
  }
  const percentile = (q: number) => {
    const want = q * px.length;
    let seen = 0;
    for (let g = 0; g < 256; g++) if ((seen += histogram[g]) >= want) return g;
    return 255;
  };
  const sums: Record<TissueGroup, [number, number]> = { nerve: [0, 0], tendon: [0, 0], muscle: [0, 0], fat: [0, 0], bone: [0, 0], fluid: [0, 0] };
  for (let i = 0; i < px.length; i++) {
    const group = labels[i] === Label.fluid ? 'fluid' : GROUP_OF_LABEL[labels[i]];
    if (!group) continue;
    sums[group][0] += px[i];
    sums[group][1]++;
  }
  const byTissue = Object.fromEntries(Object.entries(sums).map(([g, [s, n]]) => [g, n >= 30 ? s / n : null])) as Record<TissueGroup, number | null>;
  return { p1: percentile(0.01), p50: percentile(0.5), p99: percentile(0.99), mean: sum / px.length, zeroPct: (100 * histogram[0]) / px.length, fullPct: (100 * histogram[255]) / px.length, byTissue };
}

/** A colour per label for the label maps (index = Label id); no contact is black. */
const PALETTE: Record<number, [number, number, number]> = {
  [Label.outside]: [0, 0, 0],
  [Label.skin]: [250, 220, 200],
  [Label.fat]: [235, 205, 90],
  [Label.deepMuscle]: [150, 60, 60],
  [Label.bicepsFemorisMuscle]: [200, 80, 80],
  [Label.gastrocnemiusLateral]: [170, 40, 110],
  [Label.soleus]: [120, 40, 150],
  [Label.peroneusLongus]: [220, 120, 60],
  [Label.bicepsFemorisTendon]: [240, 240, 240],
  [Label.lateralCollateralLigament]: [180, 180, 220],
  [Label.fibula]: [90, 90, 90],
  [Label.tibia]: [70, 70, 70],
  [Label.femur]: [110, 110, 110],
  [Label.poplitealArtery]: [230, 30, 30],
  [Label.poplitealVein]: [40, 60, 220],
  [Label.genicularArtery]: [255, 90, 60],
  [Label.paraneuralSheath]: [120, 230, 120],
  [Label.epineurium]: [60, 200, 60],
  [Label.interfascicularEpineurium]: [40, 150, 40],
  [Label.fascicle]: [20, 90, 20],
  [Label.adhesion]: [255, 0, 255],
  [Label.fluid]: [0, 200, 255],
};

/** Writes a label map as a colour PNG (legend: PALETTE above, printed by the atlas). */
export function writeLabelPng(path: string, width: number, height: number, labels: Uint8Array): void {
  const png = new PNG({ width, height });
  for (let i = 0; i < labels.length; i++) png.data.set([...(PALETTE[labels[i]] ?? [0, 0, 0]), 255], i * 4);
  writeFileSync(path, PNG.sync.write(png));
}

export const paletteLegend = (): string =>
  Object.entries(Label)
    .map(([name, id]) => `${name} rgb(${(PALETTE[id] ?? [0, 0, 0]).join(',')})`)
    .join('; ');

export function writeGreyPng(path: string, image: GreyCanvas): void {
  const png = new PNG({ width: image.width, height: image.height });
  for (let i = 0; i < image.data.length; i++) png.data.set([image.data[i], image.data[i], image.data[i], 255], i * 4);
  writeFileSync(path, PNG.sync.write(png));
}

export interface SheetCell {
  frame: ImageFrame;
  title: string;
  caption: string;
  figures: string;
}

const PAD = 8;
const TITLE_SCALE = 2;
const CAPTION_SCALE = 1;
const LINE_GAP = 3;

/** A grid of the frames at their own pixel size (0.15 mm a pixel), each with title, caption and figures below. */
export function contactSheet(cells: SheetCell[], columns: number): GreyCanvas {
  const cellWidth = Math.max(...cells.map((c) => c.frame.width));
  const titleChars = Math.floor(cellWidth / (ADVANCE * TITLE_SCALE));
  const captionChars = Math.floor(cellWidth / (ADVANCE * CAPTION_SCALE));
  const texts = cells.map((c) => ({
    title: wrapText(c.title, titleChars),
    caption: [...wrapText(c.caption, captionChars), ...wrapText(c.figures, captionChars)],
  }));
  const textHeight = (t: (typeof texts)[number]) => t.title.length * (GLYPH_HEIGHT * TITLE_SCALE + LINE_GAP) + t.caption.length * (GLYPH_HEIGHT * CAPTION_SCALE + LINE_GAP) + LINE_GAP;
  const rows = Math.ceil(cells.length / columns);
  const rowHeights: number[] = [];
  for (let r = 0; r < rows; r++) {
    const members = cells.map((c, i) => ({ c, t: texts[i], i })).filter(({ i }) => Math.floor(i / columns) === r);
    rowHeights.push(Math.max(...members.map(({ c }) => c.frame.height)) + Math.max(...members.map(({ t }) => textHeight(t))) + PAD);
  }
  const width = PAD + columns * (cellWidth + PAD);
  const height = PAD + rowHeights.reduce((a, b) => a + b, 0);
  const sheet: GreyCanvas = { width, height, data: new Uint8Array(width * height).fill(40) };
  let y0 = PAD;
  cells.forEach((cell, i) => {
    const r = Math.floor(i / columns);
    const x0 = PAD + (i % columns) * (cellWidth + PAD);
    if (i % columns === 0 && i > 0) y0 += rowHeights[r - 1];
    const f = cell.frame;
    for (let y = 0; y < f.height; y++) sheet.data.set(f.pixels.subarray(y * f.width, (y + 1) * f.width), (y0 + y) * width + x0);
    let ty = y0 + f.height + LINE_GAP;
    for (const line of texts[i].title) {
      drawText(sheet, line, x0, ty, TITLE_SCALE, 255);
      ty += GLYPH_HEIGHT * TITLE_SCALE + LINE_GAP;
    }
    for (const line of texts[i].caption) {
      drawText(sheet, line, x0, ty, CAPTION_SCALE, 215);
      ty += GLYPH_HEIGHT * CAPTION_SCALE + LINE_GAP;
    }
  });
  return sheet;
}
