import { useSimStore } from '../state/store';
import { FOOTPRINT_MM } from '../core/probe/pose';
import { NEEDLE_LENGTH_MM } from '../core/needle/needle';
import { ENTRY_FROM_CENTRE_MM } from './needleActions';

/**
 * Before the needle goes in: a dashed line on the image along the planned in-plane path from the
 * probe's medial end at the chosen angle — a guide to line the needle up, not an auto-aim.
 */
export function NeedleGuide() {
  const angleDeg = useSimStore((s) => s.plannedNeedleAngleDeg);
  const depthMm = useSimStore((s) => s.imaging.depthMm);
  const planning = useSimStore((s) => s.needle === null && s.probe !== null);
  if (!planning) return null;
  const a = (angleDeg * Math.PI) / 180;
  const x0 = -ENTRY_FROM_CENTRE_MM;
  return (
    <svg className="needle-guide" data-testid="needle-guide" viewBox={`${-FOOTPRINT_MM / 2} 0 ${FOOTPRINT_MM} ${depthMm}`} preserveAspectRatio="none" aria-hidden="true">
      <line x1={x0} y1={0} x2={x0 + NEEDLE_LENGTH_MM * Math.cos(a)} y2={NEEDLE_LENGTH_MM * Math.sin(a)} />
    </svg>
  );
}
