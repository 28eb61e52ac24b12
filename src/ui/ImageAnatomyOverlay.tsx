import { useMemo } from 'react';
import { useSimStore } from '../state/store';
import { probeFrame, ScanGeometry } from '../core/probe/scanGeometry';
import { imageGeometry } from '../core/imaging/imageGeometry';
import { add, scale } from '../core/math/vec3';
import { useText } from '../i18n';

/** A structure this close to the image plane is in the slice shown: it gets its name. */
const IN_SLICE_MM = 3;
/** The nerve's centre line is searched this far each way from the fibular head, this finely. */
const NERVE_SEARCH_MM = 80;
const NERVE_STEP_MM = 1;
/** The shaft is drawn through a point this often; within the slice solid, beside it dashed. */
const SHAFT_STEP_MM = 1;

interface Placed {
  key: 'cpn' | 'fibular-head';
  leftPct: number;
  topPct: number;
}

/**
 * The teaching view's names and needle: the anatomy image shows tissue by colour, so it names the
 * nerve and the fibular head where the slice cuts them and draws the needle's shaft where it lies,
 * mapped into the image as the image maps tissue.
 */
export function ImageAnatomyOverlay() {
  const anatomy = useSimStore((s) => s.anatomy);
  const pose = useSimStore((s) => s.probe?.pose ?? null);
  const depthMm = useSimStore((s) => s.imaging.depthMm);
  const needle = useSimStore((s) => s.needle);
  const { t } = useText();
  const drawn = useMemo(() => {
    if (!anatomy || !pose) return null;
    const image = imageGeometry(depthMm);
    const scan = new ScanGeometry(anatomy, probeFrame(anatomy, pose), image);
    const inImage = (p: { col: number; row: number }) => p.col >= 0 && p.col <= image.cols && p.row >= 0 && p.row <= image.rows;
    const at = (key: Placed['key'], p: { col: number; row: number }): Placed => ({ key, leftPct: (100 * p.col) / image.cols, topPct: (100 * p.row) / image.rows });
    const labels: Placed[] = [];
    // The CPN: the in-slice stretch of its centre line (a point in short axis, a run in long axis), named at its middle.
    const nerve: { col: number; row: number }[] = [];
    for (let s = -NERVE_SEARCH_MM; s <= NERVE_SEARCH_MM; s += NERVE_STEP_MM) {
      const sample = anatomy.nerveAt(s);
      if (!sample) continue;
      const p = scan.toImage(sample.centre);
      if (Math.abs(p.outOfPlaneMm) <= IN_SLICE_MM && inImage(p)) nerve.push(p);
    }
    if (nerve.length > 0) labels.push(at('cpn', nerve[Math.floor(nerve.length / 2)]));
    const apex = scan.toImage(anatomy.landmarks.fibularHeadApex);
    if (Math.abs(apex.outOfPlaneMm) <= 2 * IN_SLICE_MM && inImage(apex)) labels.push(at('fibular-head', apex));
    let shaft: { inSlice: string; beside: string } | null = null;
    if (needle && needle.insertedMm > 0) {
      const inSlice: string[] = [];
      const beside: string[] = [];
      for (let d = 0; d <= needle.insertedMm + 1e-6; d += SHAFT_STEP_MM) {
        const p = scan.toImage(add(needle.entry, scale(needle.direction, Math.min(d, needle.insertedMm))));
        (Math.abs(p.outOfPlaneMm) <= 1 ? inSlice : beside).push(`${p.col.toFixed(2)},${p.row.toFixed(2)}`);
      }
      shaft = { inSlice: inSlice.join(' '), beside: beside.join(' ') };
    }
    return { image, labels, shaft };
  }, [anatomy, pose, depthMm, needle]);
  if (!drawn) return null;
  return (
    <div className="image-anatomy" data-testid="image-anatomy-overlay" aria-hidden="true">
      {drawn.shaft && (
        <svg viewBox={`0 0 ${drawn.image.cols} ${drawn.image.rows}`} preserveAspectRatio="none">
          {drawn.shaft.beside && <polyline className="beside" points={drawn.shaft.beside} />}
          {drawn.shaft.inSlice && <polyline data-testid="image-anatomy-needle" points={drawn.shaft.inSlice} />}
        </svg>
      )}
      {drawn.labels.map((l) => (
        <span key={l.key} className={`image-label image-label-${l.key}`} data-testid={`image-label-${l.key}`} style={{ left: `${l.leftPct}%`, top: `${l.topPct}%` }}>
          {t(`label.${l.key}`)}
        </span>
      ))}
    </div>
  );
}
