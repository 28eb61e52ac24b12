import type { KneeAnatomy } from '../anatomy/knee';
import { Label, labelCount } from '../anatomy/tissues';
import { TubeStructure } from '../anatomy/structure';
import type { Vec3 } from '../math/vec3';
import { setAxes } from './tissueTexture';

/**
 * Tendon anisotropy (Crass, Radiology 1988; anatomy.md): with the beam perpendicular to the
 * fibres a tendon is 10–15 dB over muscle; a few degrees off it is isoechoic, beyond that
 * hypoechoic, never lower than about 10 dB under muscle. As an amplitude factor on the tendon's
 * echoes: 1 perpendicular, ~0.25 (−12 dB) at 5°, a floor of 0.095 (−20.5 dB).
 */
const ANISOTROPY_WIDTH_RAD = (3.9 * Math.PI) / 180;
const ANISOTROPY_FLOOR = 0.095;
export function tendonAnisotropy(beam: Vec3, fibre: Vec3 | null): number {
  if (!fibre) return 1;
  const offPerpendicular = Math.asin(Math.min(1, Math.abs(beam.x * fibre.x + beam.y * fibre.y + beam.z * fibre.z)));
  return ANISOTROPY_FLOOR + (1 - ANISOTROPY_FLOOR) * Math.exp(-((offPerpendicular / ANISOTROPY_WIDTH_RAD) ** 2));
}

const FIBROUS: [number, string][] = [
  [Label.bicepsFemorisTendon, 'biceps femoris tendon'],
  [Label.lateralCollateralLigament, 'lateral collateral ligament'],
];

/**
 * The fibre direction of each tendon and ligament where a scan line meets it: the tangent of
 * its centre line there, so a tendon that curves onto the fibular head is perpendicular to the
 * beam in one part of the image and anisotropic in another. Found once per line and kept.
 */
export class FibreDirections {
  /** For the current line, per label: fibre axes (9 numbers) once found. */
  private readonly axes: Float64Array[] = [];
  private readonly anisotropy = new Float64Array(labelCount);
  private readonly found = new Uint8Array(labelCount);
  private readonly lines = new Map<number, TubeStructure>();
  private readonly point = { x: 0, y: 0, z: 0 };

  constructor(knee: KneeAnatomy, private readonly beam: Vec3) {
    for (const [label, name] of FIBROUS) {
      const structure = knee.structures.find((s) => s.name === name);
      if (structure instanceof TubeStructure) this.lines.set(label, structure);
      this.axes[label] = new Float64Array(9);
    }
  }

  /** Forget the last line's directions: call at the start of every scan line. */
  newLine(): void {
    this.found.fill(0);
  }

  /**
   * Fibre axes (fibre, across, across) of the tendon `label` near the point at[0–2] (limb frame),
   * or null if it has none. The point comes in an array: numbers passed to a call the compiler
   * does not inline are boxed, and the echo loop asks for every tendon sample.
   */
  axesAt(label: number, at: Float64Array): Float64Array | null {
    if (this.found[label] === 0) this.find(label, at[0], at[1], at[2]);
    return this.found[label] === 1 ? this.axes[label] : null;
  }

  /** The anisotropy factor on the tendon `label`'s echoes along the current line (found near the point at[0–2] if not yet). */
  anisotropyAt(label: number, at: Float64Array): number {
    if (this.found[label] === 0) this.find(label, at[0], at[1], at[2]);
    return this.found[label] === 1 ? this.anisotropy[label] : 1;
  }

  private find(label: number, x: number, y: number, z: number): void {
    const tube = this.lines.get(label);
    this.point.x = x;
    this.point.y = y;
    this.point.z = z;
    const c = tube?.line.closest(this.point, 30);
    if (!tube || !c) {
      this.found[label] = 2;
      return;
    }
    const fibre = tube.line.tangent(Math.min(tube.line.count - 1, c.segment));
    setAxes(this.axes[label], 0, fibre);
    this.anisotropy[label] = tendonAnisotropy(this.beam, fibre);
    this.found[label] = 1;
  }
}
