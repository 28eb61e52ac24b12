import type { KneeAnatomy } from '../anatomy/knee';
import { placeProbe } from '../probe/placement';
import { probeFrame } from '../probe/scanGeometry';
import { placeNeedle } from '../needle/needle';
import { type Vec3, add, scale, sub, normalize, distance } from '../math/vec3';
import type { AttemptEvent } from './events';

/**
 * A model attempt as an instructor would demonstrate it, built as an event log: scan in short
 * axis at the fibular head, compress, trace in long axis, then an in-plane needle from medial to
 * lateral, 2.5 ml above and 2.5 ml below the nerve at the fibular head, and the two images saved.
 * Used by tests and by the scripted demo; the knee is only read to aim.
 */
export function goodAttemptEvents(knee: KneeAnatomy, options: { caseId: string; seed?: number; side?: 'left' | 'right' }): AttemptEvent[] {
  const events: AttemptEvent[] = [];
  let tMs = 0;
  const at = (stepMs: number) => (tMs += stepMs);
  events.push({ tMs, kind: 'case-loaded', caseId: options.caseId, side: options.side ?? 'right', seed: options.seed ?? 1 });
  // Short axis: the array across the nerve's course (rotation 0 is across the limb).
  const shortAxis = (centre: Vec3, compressionMm = 1) => {
    const s = knee.nerveSAtLevel(centre.y);
    const tangent = knee.nerveAt(s)?.tangent ?? { x: 0, y: 1, z: 0 };
    return placeProbe(knee, { centre, rotationDeg: longAxisRotationDeg(tangent) - 90, compressionMm });
  };
  const head = knee.landmarks.cpnAtFibularHead;
  // Short axis over the fibular head, held 1.5 s, then pressed.
  for (let i = 0; i < 4; i++) events.push({ tMs: at(500), kind: 'probe-pose', pose: shortAxis(head) });
  events.push({ tMs: at(500), kind: 'probe-pose', pose: shortAxis(head, 4) });
  events.push({ tMs: at(500), kind: 'probe-pose', pose: shortAxis(head, 1) });
  // Long axis, traced from 20 mm distal to 20 mm proximal of the head.
  for (let s = -20; s <= 20; s += 5) {
    const nerve = knee.nerveAt(s);
    if (!nerve) continue;
    const pose = placeProbe(knee, { centre: nerve.centre, rotationDeg: longAxisRotationDeg(nerve.tangent), compressionMm: 1 });
    events.push({ tMs: at(400), kind: 'probe-pose', pose });
  }
  // Back to short axis over the fibular head for the needle (the nerve is shallowest and flattest there).
  const probe = shortAxis(head);
  events.push({ tMs: at(600), kind: 'probe-pose', pose: probe });
  const frame = probeFrame(knee, probe);
  const up = scale(frame.beamAxis, -1);
  const entry = knee.projectOntoSkin(add(probe.centre, scale(frame.arrayAxis, -21)));
  const radius = Math.sqrt(knee.cpn.areaAt(knee.nerveSAtLevel(head.y)) / Math.PI);
  for (const [k, ml] of [[radius + 0.6 + 0.6, 2.5], [-(radius + 0.6 + 0.6), 2.5]] as const) {
    const target = add(head, scale(up, k));
    const placed = placeNeedle(knee, { entry, direction: normalize(sub(target, entry)) });
    events.push({ tMs: at(800), kind: 'needle-inserted', entry: placed.entry, direction: placed.direction });
    const depth = distance(placed.entry, target);
    for (let d = 0; d < depth; d += 2) events.push({ tMs: at(250), kind: 'needle-advanced', mm: Math.min(2, depth - d) });
    events.push({ tMs: at(300), kind: 'aspiration' });
    for (let v = 0; v < ml - 1e-9; v += 0.5) events.push({ tMs: at(500), kind: 'injection', ml: 0.5 });
    events.push({ tMs: at(300), kind: 'needle-advanced', mm: -depth });
  }
  events.push({ tMs: at(500), kind: 'image-saved', imageId: 'short-axis-halo' });
  const site = knee.nerveAt(knee.nerveSAtLevel(head.y))!;
  events.push({ tMs: at(800), kind: 'probe-pose', pose: placeProbe(knee, { centre: site.centre, rotationDeg: longAxisRotationDeg(site.tangent), compressionMm: 1 }) });
  events.push({ tMs: at(500), kind: 'image-saved', imageId: 'long-axis-spread' });
  events.push({ tMs: at(500), kind: 'finished' });
  return events;
}

/** The probe rotation that lines the array up with the nerve's course (0 = array along +X, 90 = along +Y). */
function longAxisRotationDeg(tangent: Vec3): number {
  return (Math.atan2(tangent.y, tangent.x) * 180) / Math.PI;
}
