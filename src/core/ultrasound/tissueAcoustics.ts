import { Label, labelCount } from '../anatomy/tissues';

/**
 * How each structure interacts with a 6–18 MHz beam. Impedances and attenuation from standard
 * tables (Duck, Physical Properties of Tissue; Szabo, Diagnostic Ultrasound Imaging);
 * echogenicity (backscatter amplitude relative to muscle) is tuned against the appearance notes
 * in anatomy.md: fat dark with bright septa, muscle dark with bright striations, tendon bright and
 * fibrillar, nerve a honeycomb, vessels and injectate anechoic, bone a white line with shadow.
 */
export type SpeckleTexture =
  /** Fine isotropic speckle. */
  | 'fine'
  /** Hypoechoic lobules 2–5 mm across, with thin bright septa roughly parallel to the skin (fat). */
  | 'lobular'
  /** Muscle fascicles wrapped in bright perimysium along each muscle's fibres: dots in short axis, oblique lines in long axis. */
  | 'perimysial'
  /** Scatterers strung out along the tendon's own fibres (fibrillar; anisotropic). */
  | 'fibrillar'
  /** No scatterers: blood, injectate. */
  | 'anechoic';

export interface TissueAcoustics {
  impedanceMRayl: number;
  attenuationDbPerCmMHz: number;
  /** Backscatter amplitude, muscle ≈ 0.5. */
  echogenicity: number;
  texture: SpeckleTexture;
  /** How mirror-like an interface into this tissue is: angular width (deg) of its specular lobe. */
  specularLobeDeg: number;
}

const soft = (impedanceMRayl: number, attenuationDbPerCmMHz: number, echogenicity: number, texture: SpeckleTexture, specularLobeDeg = 24): TissueAcoustics => ({
  impedanceMRayl,
  attenuationDbPerCmMHz,
  echogenicity,
  texture,
  specularLobeDeg,
});

const table: Record<keyof typeof Label, TissueAcoustics> = {
  outside: soft(1.52, 0.002, 0, 'anechoic'), // coupling gel
  skin: soft(1.6, 0.9, 1.3, 'fine'),
  fat: soft(1.38, 0.75, 0.3, 'lobular'),
  deepMuscle: soft(1.7, 0.9, 0.42, 'perimysial'),
  bicepsFemorisMuscle: soft(1.7, 0.9, 0.42, 'perimysial'),
  gastrocnemiusLateral: soft(1.7, 0.9, 0.42, 'perimysial'),
  soleus: soft(1.7, 0.9, 0.4, 'perimysial'),
  peroneusLongus: soft(1.7, 0.9, 0.42, 'perimysial'),
  // Perpendicular to the beam 10–15 dB over muscle (Crass 1988); the fibrils and anisotropy are in tissueTexture.ts.
  bicepsFemorisTendon: soft(1.85, 1.2, 2.4, 'fibrillar', 10),
  lateralCollateralLigament: soft(1.85, 1.2, 2.0, 'fibrillar', 10),
  // The cortex echoes at its surface (echoField: bone interfaces); inside, the beam is spent within a fraction of a mm.
  fibula: soft(7.8, 20, 2.5, 'fine', 40),
  tibia: soft(7.8, 20, 2.5, 'fine', 40),
  femur: soft(7.8, 20, 2.5, 'fine', 40),
  poplitealArtery: soft(1.61, 0.18, 0.01, 'anechoic'),
  poplitealVein: soft(1.61, 0.18, 0.015, 'anechoic'),
  genicularArtery: soft(1.61, 0.18, 0.01, 'anechoic'),
  // Nerve: a bright rim (epineurium, a scattering layer) round hypoechoic fascicle groups in
  // hyperechoic interfascicular tissue (brighter than muscle): the honeycomb.
  paraneuralSheath: soft(1.66, 0.9, 1.1, 'fine'),
  epineurium: soft(1.72, 1.0, 2.0, 'fine', 18),
  interfascicularEpineurium: soft(1.68, 0.9, 1.2, 'fine'),
  fascicle: soft(1.62, 0.8, 0.06, 'fine'),
  adhesion: soft(1.75, 1.1, 1.2, 'fine'),
  fluid: soft(1.52, 0.002, 0, 'anechoic'),
};

/** Indexed by label id, for the inner loops. */
export const acousticsByLabel: TissueAcoustics[] = (() => {
  const list: TissueAcoustics[] = new Array(labelCount);
  for (const [name, id] of Object.entries(Label)) list[id] = table[name as keyof typeof Label];
  return list;
})();

export const TEXTURE_CODE: Record<SpeckleTexture, number> = { fine: 0, lobular: 1, perimysial: 2, fibrillar: 3, anechoic: 4 };
