import { IMPEDANCE, LOBE_RAD, IS_BONE, SPECULAR_GAIN, RING_DECAY, DIFFUSE_INTERFACE, BONE_SPECULAR_GAIN, BONE_DIFFUSE_GAIN, BONE_RING_DECAY, BEAM_WIDTH_MM } from './echoTables';

/**
 * What an interface between two tissues does to the beam: a specular echo of |ΔZ/ΣZ| times a lobe
 * in the angle between the beam and the surface normal (bone: strong at any angle), how fast it
 * rings down in the next samples, and the share of intensity passed on.
 */
export class InterfaceReflection {
  /** Share of the echo repeated in the next sample, for the last interface met. */
  ringDecay = RING_DECAY;
  /** Share of the beam's intensity the last interface passed on. */
  transmission = 1;

  /** The specular echo where the beam passes from `previous` into `label`, meeting it at |cos| `cosine` to its normal. */
  meet(previous: number, label: number, cosine: number, sampleSpacingMm: number): number {
    const z1 = IMPEDANCE[previous];
    const z2 = IMPEDANCE[label];
    const r = (z2 - z1) / (z2 + z1);
    const r2 = r < 0 ? -r : r;
    const angle = Math.acos(cosine > 1 ? 1 : cosine);
    const lobe = Math.exp(-((angle / LOBE_RAD[label]) ** 2));
    this.transmission = 1 - r * r;
    if (IS_BONE[label] === 1 && IS_BONE[previous] === 0) {
      // A wall the beam meets obliquely is crossed over a depth span as wide as the beam
      // is: the echo spreads over it (weaker, longer) instead of one bead per scan line.
      const tangent = Math.sqrt(1 - cosine * cosine) / (cosine > 0.1 ? cosine : 0.1);
      const span = Math.min(12, (BEAM_WIDTH_MM * tangent) / sampleSpacingMm);
      this.ringDecay = span > 1 ? Math.max(BONE_RING_DECAY, 1 - 1 / span) : BONE_RING_DECAY;
      return ((BONE_SPECULAR_GAIN * lobe + BONE_DIFFUSE_GAIN) * r2) / (1 + 0.35 * span);
    }
    this.ringDecay = RING_DECAY;
    return SPECULAR_GAIN * r2 * lobe + DIFFUSE_INTERFACE * r2;
  }
}
