import { hash3 } from '../random';
import { Label, type LabelId, tissueOfLabelId } from '../anatomy/tissues';
import { type LabelVolume, surroundingsLabelAt, NOT_COVERED } from '../anatomy/voxelise';
import type { ScanGeometry } from '../probe/scanGeometry';

/**
 * The anatomy in the probe's plane, in grey levels that read like ultrasound: anechoic vessels,
 * dark fascicles in bright epineurium, bright tendon and fascia, a white cortical line with
 * black shadow beneath. A stand-in until the B-mode image is formed acoustically; the image
 * geometry (pixels ↔ tissue) is the real one.
 */
const BASE_GREY: Record<number, number> = {
  [Label.outside]: 0,
  [Label.skin]: 150,
  [Label.fat]: 88,
  [Label.deepMuscle]: 72,
  [Label.bicepsFemorisMuscle]: 78,
  [Label.gastrocnemiusLateral]: 78,
  [Label.soleus]: 74,
  [Label.peroneusLongus]: 76,
  [Label.bicepsFemorisTendon]: 175,
  [Label.lateralCollateralLigament]: 165,
  [Label.fibula]: 250,
  [Label.tibia]: 250,
  [Label.femur]: 250,
  [Label.poplitealArtery]: 4,
  [Label.poplitealVein]: 8,
  [Label.genicularArtery]: 4,
  [Label.paraneuralSheath]: 120,
  [Label.epineurium]: 200,
  [Label.interfascicularEpineurium]: 80,
  [Label.fascicle]: 26,
  [Label.adhesion]: 135,
  [Label.fluid]: 0,
};

/** Brightness of the line drawn where the beam crosses from one structure into another. */
function interfaceGrey(from: LabelId, to: LabelId): number {
  const a = tissueOfLabelId(from);
  const b = tissueOfLabelId(to);
  if (b === 'bone') return 255;
  if (a === 'vessel' || b === 'vessel') return 150;
  if (a === 'muscle' && b === 'muscle') return 165; // fascia between muscles
  if (a === 'fat' || b === 'fat') return 130;
  return 0;
}

const SPECKLE_SEED = 7;

export function renderLabelPreview(volume: LabelVolume, scan: ScanGeometry, pixels: Uint8Array): void {
  const { cols, rows, pixelMm } = scan.image;
  const { origin, spacingMm: h, nx, ny, nz, labels } = volume;
  const beam = scan.frame.beamAxis;
  for (let col = 0; col < cols; col++) {
    const entry = scan.entryMm[col];
    if (Number.isNaN(entry)) {
      for (let row = 0; row < rows; row++) pixels[row * cols + col] = 0;
      continue;
    }
    const lineStart = scan.lineOrigin(scan.lateralMm(col + 0.5));
    let previous: LabelId = Label.outside;
    let shadowed = false;
    let enhancement = 1;
    let interfaceRows = 0;
    let interfaceValue = 0;
    for (let row = 0; row < rows; row++) {
      const along = entry + scan.tissueDepthMm[row];
      const fx = (lineStart.x + beam.x * along - origin.x) / h;
      const fy = (lineStart.y + beam.y * along - origin.y) / h;
      const fz = (lineStart.z + beam.z * along - origin.z) / h;
      const ix = Math.round(fx);
      const iy = Math.round(fy);
      const iz = Math.round(fz);
      const inside = ix >= 0 && iy >= 0 && iz >= 0 && ix < nx && iy < ny && iz < nz;
      // Beyond the fine grid the coarse surroundings; plain deep muscle rather than a hole beyond them.
      const around = inside ? 0 : surroundingsLabelAt(volume, lineStart.x + beam.x * along, lineStart.y + beam.y * along, lineStart.z + beam.z * along);
      const label = (inside ? labels[ix + nx * (iy + ny * iz)] : around === NOT_COVERED ? Label.deepMuscle : around) as LabelId;
      if (label !== previous && previous !== Label.outside) {
        const g = interfaceGrey(previous, label);
        if (g > 0) {
          interfaceRows = Math.max(1, Math.round(0.3 / pixelMm));
          interfaceValue = g;
        }
      }
      if (tissueOfLabelId(previous) === 'vessel' && tissueOfLabelId(label) !== 'vessel') enhancement = 1.35;
      let grey: number;
      if (shadowed) grey = 3;
      else if (interfaceRows > 0) {
        grey = interfaceValue;
        interfaceRows--;
        if (tissueOfLabelId(label) === 'bone' && interfaceRows === 0) shadowed = true;
      } else {
        const speckle = 0.45 + 1.1 * hash3(ix, iy, iz, SPECKLE_SEED);
        const depthMm = row * pixelMm;
        const attenuation = Math.exp(-0.012 * depthMm);
        grey = BASE_GREY[label] * speckle * attenuation * enhancement;
      }
      pixels[row * cols + col] = grey > 255 ? 255 : grey;
      previous = label;
    }
  }
}
