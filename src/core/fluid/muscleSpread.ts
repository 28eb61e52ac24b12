import { Label, labelCount } from '../anatomy/tissues';
import { muscleFibreAxes } from '../ultrasound/tissueTexture';

/**
 * Injectate forced into a muscle belly does not pool: it dissects between the fibres, along the
 * perimysium, as thin streaks that run with the fibres (the "wrong plane" of an intramuscular
 * injection; it looks nothing like a halo). Two parts:
 *
 * - flow along the fibres is easy and across them hard, so the fluid runs out along the belly
 *   rather than round the tip;
 * - the perimysium's septa, sheets along the fibres about `SEPTUM_SPACING_MM` apart, open more
 *   easily than the fibre bundles between them, so the fluid follows the septa as streaks.
 */

/** Pressure lost per mm of flow from the tip along the fibres and across them (psi/mm). */
export const ALONG_FIBRES_PSI_PER_MM = 0.12;
export const ACROSS_FIBRES_PSI_PER_MM = 1.6;
/** Fascicle bundles are this wide between septa (mm), each septum this thick. */
const SEPTUM_SPACING_MM = 2;
const SEPTUM_HALF_WIDTH_MM = 0.3;
/** Entry pressure of a septum and of the bundle between, as shares of the muscle's own. */
const SEPTUM_SHARE = 0.7;
const BUNDLE_SHARE = 1.1;

const IS_MUSCLE = new Uint8Array(labelCount);
for (const l of [Label.deepMuscle, Label.bicepsFemorisMuscle, Label.gastrocnemiusLateral, Label.soleus, Label.peroneusLongus]) IS_MUSCLE[l] = 1;

export function isMuscleLabel(label: number): boolean {
  return IS_MUSCLE[label] === 1;
}

/** Pressure lost pushing fluid (dx, dy, dz) mm from the tip through a muscle of `label` (psi). */
export function muscleFlowPsi(label: number, dx: number, dy: number, dz: number): number {
  const axes = muscleFibreAxes(label);
  if (!axes) throw new RangeError(`Label ${label} is not a muscle`);
  const along = dx * axes[0] + dy * axes[1] + dz * axes[2];
  const across = Math.sqrt(Math.max(0, dx * dx + dy * dy + dz * dz - along * along));
  return ALONG_FIBRES_PSI_PER_MM * Math.abs(along) + ACROSS_FIBRES_PSI_PER_MM * across;
}

/** Share of the muscle's entry pressure at the point (x, y, z) mm: lower on a septum, higher in a bundle. */
export function perimysiumShare(label: number, x: number, y: number, z: number): number {
  const axes = muscleFibreAxes(label);
  if (!axes) throw new RangeError(`Label ${label} is not a muscle`);
  const a = (x * axes[3] + y * axes[4] + z * axes[5]) / SEPTUM_SPACING_MM;
  // Rows of bundles offset by half a bundle, as the image's perimysium is (tissueTexture.ts).
  const row = Math.floor(a);
  const b = (x * axes[6] + y * axes[7] + z * axes[8]) / SEPTUM_SPACING_MM + (row & 1) * 0.5;
  const fa = a - row;
  const fb = b - Math.floor(b);
  const toSeptum = SEPTUM_SPACING_MM * Math.min(fa, 1 - fa, fb, 1 - fb);
  return toSeptum <= SEPTUM_HALF_WIDTH_MM ? SEPTUM_SHARE : BUNDLE_SHARE;
}
