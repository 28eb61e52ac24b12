import type { KneeAnatomy } from '../anatomy/knee';
import type { ScanGeometry } from '../probe/scanGeometry';
import { TubeStructure } from '../anatomy/structure';

/** Tendon fibres are brightest with the beam perpendicular to them and fade within ~10° of tilt. */
const ANISOTROPY_WIDTH_RAD = (7 * Math.PI) / 180;
export function tendonAnisotropy(beam: { x: number; y: number; z: number }, fibre: { x: number; y: number; z: number } | null): number {
  if (!fibre) return 1;
  const offPerpendicular = Math.asin(Math.min(1, Math.abs(beam.x * fibre.x + beam.y * fibre.y + beam.z * fibre.z)));
  return 0.06 + 0.94 * Math.exp(-((offPerpendicular / ANISOTROPY_WIDTH_RAD) ** 2));
}

/** The biceps tendon's fibre direction under the probe (its centre line's tangent), if it is there. */
export function tendonFibreDirection(knee: KneeAnatomy, scan: ScanGeometry): { x: number; y: number; z: number } | null {
  const tendon = knee.structures.find((s) => s.name === 'biceps femoris tendon');
  if (!(tendon instanceof TubeStructure)) return null;
  const c = tendon.line.closest(scan.frame.pose.centre, 40);
  if (!c) return null;
  return tendon.line.tangent(Math.min(tendon.line.count - 1, c.segment));
}
