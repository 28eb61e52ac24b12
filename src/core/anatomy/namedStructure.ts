import type { Vec3 } from '../math/vec3';
import type { KneeAnatomy } from './knee';
import { NerveStructure } from './nerve';
import { type LabelName, nameOfLabelId } from './tissues';
import { boxDistance } from './sdf';
import type { Structure } from './structure';

/**
 * Which structure a point lies in, by name. Every nerve shares the nerve labels (fascicle,
 * epineurium, …), so the label alone cannot tell the target CPN from the lateral sural cutaneous
 * nerve a needle nicks on its way in; scoring, the patient's words and scenarios need to know which.
 */

/** The nerves of the model, each counted as a whole (camelCase, like the label names). */
export const NERVE_NAMES = [
  'commonPeronealNerve',
  'lateralSuralCutaneousNerve',
  'tibialNerve',
  'superficialPeronealNerve',
  'deepPeronealNerve',
] as const;
export type NerveName = (typeof NERVE_NAMES)[number];

/** A whole structure: a nerve by its own name, anything else by its label's name. */
export type StructureName = NerveName | LabelName;

/** The target of the block; every other nerve is one to keep the needle away from. */
export const TARGET_NERVE: NerveName = 'commonPeronealNerve';

/** knee.ts names its nerve structures in words; this is the one place that ties them to ids (a test checks every nerve is here). */
const NERVE_BY_STRUCTURE: Readonly<Record<string, NerveName>> = {
  'common peroneal nerve': 'commonPeronealNerve',
  'lateral sural cutaneous nerve': 'lateralSuralCutaneousNerve',
  'tibial nerve': 'tibialNerve',
  'superficial peroneal nerve': 'superficialPeronealNerve',
  'deep peroneal nerve': 'deepPeronealNerve',
};

export const isNerveName = (name: string): name is NerveName => (NERVE_NAMES as readonly string[]).includes(name);

export interface StructureHit {
  /** The whole structure the point is in ('outside' off the limb). */
  structure: StructureName;
  /** The label there: for a nerve, its part (fascicle, interfascicularEpineurium, epineurium, paraneuralSheath). */
  label: LabelName;
}

/**
 * The structure containing p: the first of the knee's structures (highest priority first) whose
 * distance is negative, the same walk as `KneeAnatomy.labelAt`, so the two always agree. A handful
 * of bounding-box tests and one or two distance queries: cheap enough for every needle contact.
 */
export function structureHitAt(knee: KneeAnatomy, p: Vec3): StructureHit {
  for (const s of knee.structures) {
    if (boxDistance(s.bounds, p) > 0) continue;
    if (s.distance(p) < 0) {
      const label = nameOfLabelId(s.classify(p));
      return { structure: wholeStructureName(knee, s, label), label };
    }
  }
  return { structure: 'outside', label: 'outside' };
}

/** A nerve's own name, anything else its label's (a nerve knee.ts names in words this table lacks falls back to its part). */
export function wholeStructureName(knee: KneeAnatomy, s: Structure, label: LabelName): StructureName {
  if (s === knee.cpn) return TARGET_NERVE;
  return (s instanceof NerveStructure ? NERVE_BY_STRUCTURE[s.name] : undefined) ?? label;
}

/**
 * The automation API's `structureAt`: the CPN by its parts (scenarios aim at the fascicles or the
 * sheath), every other nerve whole, anything else by its label name.
 */
export function structureAt(knee: KneeAnatomy, p: Vec3): StructureName {
  const hit = structureHitAt(knee, p);
  return hit.structure === TARGET_NERVE ? hit.label : hit.structure;
}

/** English names for the debrief (core writes its descriptions in English; the locale files hold both languages). */
export const STRUCTURE_TITLES_EN: Readonly<Record<StructureName, string>> = {
  commonPeronealNerve: 'common peroneal nerve',
  lateralSuralCutaneousNerve: 'lateral sural cutaneous nerve',
  tibialNerve: 'tibial nerve',
  superficialPeronealNerve: 'superficial peroneal nerve',
  deepPeronealNerve: 'deep peroneal nerve',
  outside: 'outside the limb',
  skin: 'skin',
  fat: 'subcutaneous fat',
  deepMuscle: 'deep muscle',
  bicepsFemorisMuscle: 'biceps femoris muscle',
  gastrocnemiusLateral: 'lateral gastrocnemius',
  soleus: 'soleus',
  peroneusLongus: 'peroneus longus',
  bicepsFemorisTendon: 'biceps femoris tendon',
  lateralCollateralLigament: 'lateral collateral ligament',
  fibula: 'fibula',
  tibia: 'tibia',
  femur: 'femur',
  poplitealArtery: 'popliteal artery',
  poplitealVein: 'popliteal vein',
  genicularArtery: 'lateral inferior genicular artery',
  paraneuralSheath: 'paraneural sheath',
  epineurium: 'epineurium',
  interfascicularEpineurium: 'interfascicular epineurium',
  fascicle: 'nerve fascicle',
  adhesion: 'scar tissue',
  fluid: 'injectate',
};
