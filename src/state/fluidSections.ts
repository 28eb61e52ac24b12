import { getWorkerClient } from './workerClient';
import { placeProbe } from '../core/probe/placement';
import { probeFrame, ScanGeometry } from '../core/probe/scanGeometry';
import { imageGeometry } from '../core/imaging/imageGeometry';
import type { ProbePose } from '../core/probe/pose';
import type { Vec3 } from '../core/math/vec3';
import type { AttemptFacts } from '../core/attempt/facts';
import type { KneeAnatomy } from '../core/anatomy/knee';
import { HALO_REACH_MM } from '../core/fluid/measures';
import type { ImagingSettings } from '../worker/protocol';

const DEPTH_MM = 25;

/** One of the debrief's two sections through the injection site. */
export interface FluidSection {
  title: 'sections.short' | 'sections.long';
  pose: ProbePose;
  pixels: Uint8Array;
  width: number;
  height: number;
  /** Overlay in image pixels: the halo ring (short axis) or the spread along the nerve (long axis). */
  overlay: { ring?: { col: number; row: number; radiusCols: number; radiusRows: number }; spread?: { col: number; row: number }[] };
}

/**
 * The final injectate in short and long axis through the injection site, as B-mode frames of the
 * worker's session with the halo ring and the longitudinal spread marked (scoring.md: what the
 * debrief shows); null where the attempt injected nowhere near the nerve.
 */
export async function fluidSections(anatomy: KneeAnatomy, facts: AttemptFacts, imaging: ImagingSettings): Promise<FluidSection[] | null> {
  const site = facts.injectionSiteSMm;
  if (site === null || site === undefined) return null;
  const nerve = anatomy.nerveAt(site);
  if (!nerve) return null;
  const along = (Math.atan2(nerve.tangent.y, nerve.tangent.x) * 180) / Math.PI;
  const settings = { ...imaging, mode: 'b-mode' as const, depthMm: DEPTH_MM };
  const client = getWorkerClient();
  const out: FluidSection[] = [];
  for (const [title, rotationDeg] of [['sections.short', along - 90], ['sections.long', along]] as const) {
    const pose = placeProbe(anatomy, { centre: nerve.centre, rotationDeg, compressionMm: 1 });
    const frame = await client.renderFrame(pose, settings, 0, null);
    const scan = new ScanGeometry(anatomy, probeFrame(anatomy, pose), imageGeometry(DEPTH_MM));
    const sx = frame.width / scan.image.cols;
    const sy = frame.height / scan.image.rows;
    const radius = Math.sqrt(nerve.areaMm2 / Math.PI) + HALO_REACH_MM;
    const overlay: FluidSection['overlay'] = {};
    // The marks go where the frame shows the nerve: on the anatomy the injectate moved (the
    // worker's warp), not on the resting course the fluid lifted it off.
    if (rotationDeg !== along) {
      const [centre] = (await client.call('section', { pose, depthMm: DEPTH_MM, points: [nerve.centre] })).points;
      overlay.ring = { col: centre.col * sx, row: centre.row * sy, radiusCols: (radius / scan.image.lineSpacingMm) * sx, radiusRows: (radius / scan.image.sampleSpacingMm) * sy };
    } else {
      const course: Vec3[] = [];
      for (let s = site - facts.fluid.spreadDistalMm; s <= site + facts.fluid.spreadProximalMm; s += 1) {
        const at = anatomy.nerveAt(s);
        if (at) course.push(at.centre);
      }
      const shown = (await client.call('section', { pose, depthMm: DEPTH_MM, points: course })).points;
      overlay.spread = shown.map((p) => ({ col: p.col * sx, row: (p.row - radius / scan.image.sampleSpacingMm) * sy }));
    }
    out.push({ title, pose, pixels: frame.pixels, width: frame.width, height: frame.height, overlay });
  }
  return out;
}
