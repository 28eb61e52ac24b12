/**
 * Labels of the voxel volume. Each anatomical structure has its own label so that the image can
 * show the interface between two muscles; each label maps to one tissue type, which is what the
 * automation API, the needle and (later) the acoustics care about.
 */
export const Label = {
  outside: 0,
  skin: 1,
  fat: 2,
  deepMuscle: 3,
  bicepsFemorisMuscle: 4,
  gastrocnemiusLateral: 5,
  soleus: 6,
  peroneusLongus: 7,
  bicepsFemorisTendon: 8,
  lateralCollateralLigament: 9,
  fibula: 10,
  tibia: 11,
  femur: 12,
  poplitealArtery: 13,
  poplitealVein: 14,
  genicularArtery: 15,
  paraneuralSheath: 16,
  epineurium: 17,
  interfascicularEpineurium: 18,
  fascicle: 19,
  adhesion: 20,
  fluid: 21,
} as const;

export type LabelId = (typeof Label)[keyof typeof Label];
export type LabelName = keyof typeof Label;

export type TissueType =
  | 'outside'
  | 'skin'
  | 'fat'
  | 'muscle'
  | 'tendon'
  | 'bone'
  | 'vessel'
  | 'sheath'
  | 'epineurium'
  | 'nerve'
  | 'fibrous'
  | 'fluid';

const tissueOfLabel: Record<LabelName, TissueType> = {
  outside: 'outside',
  skin: 'skin',
  fat: 'fat',
  deepMuscle: 'muscle',
  bicepsFemorisMuscle: 'muscle',
  gastrocnemiusLateral: 'muscle',
  soleus: 'muscle',
  peroneusLongus: 'muscle',
  bicepsFemorisTendon: 'tendon',
  lateralCollateralLigament: 'tendon',
  fibula: 'bone',
  tibia: 'bone',
  femur: 'bone',
  poplitealArtery: 'vessel',
  poplitealVein: 'vessel',
  genicularArtery: 'vessel',
  paraneuralSheath: 'sheath',
  epineurium: 'epineurium',
  // Inside the outer epineurium the needle is "in the nerve", fascicle or not.
  interfascicularEpineurium: 'nerve',
  fascicle: 'nerve',
  adhesion: 'fibrous',
  fluid: 'fluid',
};

const labelNames = Object.keys(Label) as LabelName[];
const tissueById: TissueType[] = [];
const nameById: LabelName[] = [];
for (const name of labelNames) {
  tissueById[Label[name]] = tissueOfLabel[name];
  nameById[Label[name]] = name;
}

export const tissueOfLabelId = (id: number): TissueType => tissueById[id] ?? 'outside';
export const nameOfLabelId = (id: number): LabelName => nameById[id] ?? 'outside';
export const labelCount = labelNames.length;
