import { useMemo } from 'react';
import { useSimStore } from '../state/store';
import { NEEDLE_LENGTH_MM } from '../core/needle/needle';
import { plannedInPlanePath } from '../core/needle/plannedPath';
import { probeFrame, ScanGeometry } from '../core/probe/scanGeometry';
import { imageGeometry } from '../core/imaging/imageGeometry';
import { add, scale } from '../core/math/vec3';

/** The guide is drawn through a point every this far along the shaft (compression bends the mapping). */
const GUIDE_STEP_MM = 1;

/**
 * Before the needle goes in: a dashed line on the image along the path "Insert at medial end" will
 * take — the same planned path, mapped into the image as the image maps tissue — a guide to line
 * the needle up, not an auto-aim.
 */
export function NeedleGuide() {
  const angleDeg = useSimStore((s) => s.plannedNeedleAngleDeg);
  const depthMm = useSimStore((s) => s.imaging.depthMm);
  const anatomy = useSimStore((s) => s.anatomy);
  const pose = useSimStore((s) => (s.needle === null ? (s.probe?.pose ?? null) : null));
  const guide = useMemo(() => {
    if (!anatomy || !pose) return null;
    const frame = probeFrame(anatomy, pose);
    const image = imageGeometry(depthMm);
    const scan = new ScanGeometry(anatomy, frame, image);
    const path = plannedInPlanePath(anatomy, frame, angleDeg);
    const points: string[] = [];
    for (let d = 0; d <= NEEDLE_LENGTH_MM; d += GUIDE_STEP_MM) {
      const { col, row } = scan.toImage(add(path.entry, scale(path.direction, d)));
      points.push(`${col.toFixed(2)},${row.toFixed(2)}`);
    }
    return { image, points: points.join(' ') };
  }, [anatomy, pose, angleDeg, depthMm]);
  if (!guide) return null;
  return (
    <svg className="needle-guide" data-testid="needle-guide" viewBox={`0 0 ${guide.image.cols} ${guide.image.rows}`} preserveAspectRatio="none" aria-hidden="true">
      <polyline points={guide.points} data-testid="needle-guide-path" />
    </svg>
  );
}
