import type { KneeAnatomy } from '../core/anatomy/knee';
import { probeFrame, ScanGeometry } from '../core/probe/scanGeometry';
import { imageGeometry } from '../core/imaging/imageGeometry';
import { displacedImagePoint, probeLiftMm } from '../core/fluid/displacedSection';
import type { TissueWarp } from '../core/fluid/tissueWarp';
import type { Requests, Responses } from './protocol';

/** The 'section' request: the image positions of resting points after the shown session's fluid moved them. */
export function sectionMarks(knee: KneeAnatomy, warp: TissueWarp | null, body: Requests['section']): Responses['section'] {
  const scan = new ScanGeometry(knee, probeFrame(knee, body.pose), imageGeometry(body.depthMm));
  const lift = warp ? probeLiftMm(warp, scan) : 0;
  return { points: body.points.map((p) => displacedImagePoint(scan, warp, lift, p)) };
}
