import { Label, labelCount } from '../anatomy/tissues';

/**
 * The pressure (psi) at which injectate opens its way into each tissue. Loose planes open
 * easily, fat moderately, muscle and tendon hard; the epineurium is a barrier the fluid wraps
 * round. Chosen so that the opening pressures a trainee sees match anatomy.md: perineural
 * 4–8 psi, needle against the nerve ≥ 15, intraneural ~20 (Gadsden 2014; Krol; Vermeylen 2017).
 */
export const ENTRY_PRESSURE_PSI: Float64Array = (() => {
  const p = new Float64Array(labelCount).fill(Number.POSITIVE_INFINITY);
  p[Label.fluid] = 0;
  p[Label.paraneuralSheath] = 3;
  p[Label.fat] = 6.5;
  p[Label.adhesion] = 7; // scar gives way to fluid: hydrodissection releases it
  p[Label.deepMuscle] = 12;
  p[Label.bicepsFemorisMuscle] = 12;
  p[Label.gastrocnemiusLateral] = 12;
  p[Label.soleus] = 12;
  p[Label.peroneusLongus] = 12;
  p[Label.bicepsFemorisTendon] = 24;
  p[Label.lateralCollateralLigament] = 24;
  p[Label.skin] = 30;
  p[Label.epineurium] = 32;
  p[Label.interfascicularEpineurium] = 19;
  p[Label.fascicle] = 21;
  // Vessel walls: fluid from outside does not break in; a tip inside a lumen is handled apart.
  p[Label.poplitealArtery] = Number.POSITIVE_INFINITY;
  p[Label.poplitealVein] = Number.POSITIVE_INFINITY;
  p[Label.genicularArtery] = Number.POSITIVE_INFINITY;
  return p;
})();

/** ± share of seeded variation of each voxel's entry pressure (tissue is not uniform). */
export const ENTRY_PRESSURE_SCATTER = 0.08;

/**
 * Extra pressure to cross from one compartment into another. The epineurium is thinner than a
 * voxel, so the grid cannot always show it as a wall: leaving (or entering) the nerve's inside
 * costs the epineurium's pressure wherever it happens. A muscle's fascia holds injectate in (or
 * out of) the belly.
 */
export const EPINEURIUM_CROSSING_PSI = 32;
export const FASCIA_CROSSING_PSI = 20;

const NERVE_INSIDE = new Uint8Array(labelCount);
NERVE_INSIDE[Label.interfascicularEpineurium] = 1;
NERVE_INSIDE[Label.fascicle] = 1;
const MUSCLE = new Uint8Array(labelCount);
for (const l of [Label.deepMuscle, Label.bicepsFemorisMuscle, Label.gastrocnemiusLateral, Label.soleus, Label.peroneusLongus]) MUSCLE[l] = 1;

export function crossingPressurePsi(from: number, to: number): number {
  if (from === to) return 0;
  if (NERVE_INSIDE[from] !== NERVE_INSIDE[to] && to !== Label.epineurium && from !== Label.epineurium) return EPINEURIUM_CROSSING_PSI;
  if (MUSCLE[from] || MUSCLE[to]) return FASCIA_CROSSING_PSI;
  return 0;
}
