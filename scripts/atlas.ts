// Standard-views atlas: `npm run atlas`. Renders the views a musculoskeletal sonographer checks
// at the fibular head with the app's own imaging pipeline (FrameMaker → BModeImager, the worker's
// path), one PNG each and a contact sheet, into atlas/; prints figures on the pixels so two runs
// can be compared. Views are one table below: add a row to add a view.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ProbePose } from '../src/core/probe/pose';
import { defaultScannerSettings, type ScannerSettings } from '../src/core/ultrasound/scannerSettings';
import type { EchoOptions } from '../src/core/ultrasound/echoField';
import { CPN_NECK_BELOW_APEX_MM } from '../src/core/anatomy/parameters';
import { CPN_AT_HEAD_LEVEL_Y } from '../src/core/anatomy/landmarks';
import { patient, nerveShortAxis, nerveLongAxis, tendonShortAxis, inPlaneNeedle, hydrodissection, type CaseId, type Patient } from './atlas/scene';
import { pixelLabels, pixelFigures, writeGreyPng, writeLabelPng, paletteLegend, contactSheet, type PixelFigures, type SheetCell } from './atlas/sheet';

/** Levels along the limb (y, mm from the fibular head apex, + proximal) where the nerve is imaged. */
const HEAD = CPN_AT_HEAD_LEVEL_Y; // −5: the upper fibular head, as the landmark cpnAtFibularHead
const NECK = -CPN_NECK_BELOW_APEX_MM;
const PROXIMAL = HEAD + 30;
/** The tendon's short axis is taken where its course runs nearly parallel to the skin. */
const TENDON_LEVEL = 28;

interface Scene {
  pose: ProbePose;
  options?: EchoOptions;
  /** What the setup did, in words, for the console and the sheet. */
  note?: string;
}

interface ViewSpec {
  /** File name stem (atlas/<id>.png). */
  id: string;
  title: string;
  caption: string;
  caseId: CaseId;
  /** Changes from defaultScannerSettings (the app's defaults). */
  settings?: Partial<ScannerSettings>;
  /** The probe pose and whatever else is in the scene: needle, injectate. */
  setup: (p: Patient) => Scene;
}

const VIEWS: ViewSpec[] = [
  { id: '01-sa-fibular-head', title: '1 SA fibular head', caption: 'Short axis over the posterolateral fibular head (y -5): CPN, lateral gastrocnemius, fibular head (the biceps tendon inserts at y -3, just proximal)', caseId: 'normal-teaching-knee', setup: (p) => ({ pose: nerveShortAxis(p.knee, HEAD) }) },
  { id: '02-sa-fibular-neck', title: '2 SA fibular neck', caption: `Short axis at the fibular neck (y ${NECK.toFixed(1)})`, caseId: 'normal-teaching-knee', setup: (p) => ({ pose: nerveShortAxis(p.knee, NECK) }) },
  { id: '03-sa-30mm-proximal', title: '3 SA 30 mm proximal', caption: `Short axis 30 mm proximal (y ${PROXIMAL}), nerve beside the biceps femoris`, caseId: 'normal-teaching-knee', setup: (p) => ({ pose: nerveShortAxis(p.knee, PROXIMAL) }) },
  { id: '04-la-nerve', title: '4 LA nerve', caption: 'Long axis: probe along the nerve, centred on it at the fibular head', caseId: 'normal-teaching-knee', setup: (p) => ({ pose: nerveLongAxis(p.knee, HEAD) }) },
  {
    id: '05-tendon-perpendicular', title: '5 Biceps tendon perp.', caption: `Biceps femoris tendon, short axis (y ${TENDON_LEVEL}), tilted so its fibres are perpendicular to the beam`, caseId: 'normal-teaching-knee',
    setup: (p) => { const t = tendonShortAxis(p.knee, TENDON_LEVEL, 0); return { pose: t.pose, note: `tilt ${t.pose.tiltDeg.toFixed(1)}° (perpendicular)` }; },
  },
  {
    id: '06-tendon-tilted-10', title: '6 Biceps tendon +10°', caption: 'The same, probe tilted 10° more: anisotropy should darken the tendon', caseId: 'normal-teaching-knee',
    setup: (p) => { const t = tendonShortAxis(p.knee, TENDON_LEVEL, 10); return { pose: t.pose, note: `tilt ${t.pose.tiltDeg.toFixed(1)}° (perpendicular ${t.perpendicularTiltDeg.toFixed(1)}° + 10°)` }; },
  },
  {
    id: '07-needle-20', title: '7 Needle in plane 20°', caption: 'SA fibular head, 25 G needle in plane medial to lateral at 20°, tip 1 mm superficial to the nerve', caseId: 'normal-teaching-knee',
    setup: (p) => inPlaneNeedle(p.knee, HEAD, 20, 1),
  },
  {
    id: '08-needle-45', title: '8 Needle in plane 45°', caption: 'The same at 45°: shaft thinner, fainter, tail weaker', caseId: 'normal-teaching-knee',
    setup: (p) => inPlaneNeedle(p.knee, HEAD, 45, 1),
  },
  { id: '09-hydro-before', title: '9 Before injection', caption: "SA at the fibular head, the model attempt's pose (scriptedAttempt), no fluid yet", caseId: 'normal-teaching-knee', setup: () => ({ pose: hydrodissection().shortAxisPose }) },
  {
    id: '10-hydro-after-sa', title: '10 After 5 ml, SA', caption: 'Same pose after 2.5 ml above + 2.5 ml below the nerve (5% dextrose), needle out: halo expected', caseId: 'normal-teaching-knee',
    setup: () => { const h = hydrodissection(); return { pose: h.savedPoses['short-axis-halo'] ?? h.shortAxisPose, options: h.after, note: hydroNote() }; },
  },
  {
    id: '11-hydro-after-la', title: '11 After 5 ml, LA', caption: 'Long axis after the injection (saved image pose): fluid along the sheath expected', caseId: 'normal-teaching-knee',
    setup: () => { const h = hydrodissection(); return { pose: h.savedPoses['long-axis-spread'], options: h.after, note: hydroNote() }; },
  },
  { id: '12-normal-knee', title: '12 Normal knee', caption: 'Normal teaching knee, SA at the fibular head (as view 1)', caseId: 'normal-teaching-knee', setup: (p) => ({ pose: nerveShortAxis(p.knee, HEAD) }) },
  { id: '13-patient-3', title: '13 Patient 3', caption: 'Patient 3 (left leg; CSA 15 mm², adhered), SA at the fibular head', caseId: 'patient-3', setup: (p) => ({ pose: nerveShortAxis(p.knee, HEAD) }) },
  { id: '14-depth-60', title: '14 Depth 60 mm', caption: 'SA at the fibular head, depth 60 mm (focus left at 10 mm)', caseId: 'normal-teaching-knee', settings: { depthMm: 60 }, setup: (p) => ({ pose: nerveShortAxis(p.knee, HEAD) }) },
];

function hydroNote(): string {
  const h = hydrodissection();
  const m = h.measures;
  const fx = h.after.nerveDeformation;
  const parts = m ? [`${m.totalMl.toFixed(1)} ml`, `halo ${m.haloCoveragePct.toFixed(0)}%`, `spread ${m.spreadProximalMm}/${m.spreadDistalMm} mm prox/dist`, `above ${m.superficialMl.toFixed(1)} below ${m.deepMl.toFixed(1)} ml`, `intraneural ${m.intraneuralMl.toFixed(2)} ml`] : ['no fluid'];
  parts.push(`nerve lift ${fx?.lift ? 'yes' : 'no'}`, `adhesion released ${String(h.after.adhesionReleased)}`);
  if (h.refused.length) parts.push(`refused events: ${h.refused.join('; ')}`);
  return parts.join(', ');
}

const poseText = (p: ProbePose) => `centre (${p.centre.x.toFixed(1)}, ${p.centre.y.toFixed(1)}, ${p.centre.z.toFixed(1)}) rot ${p.rotationDeg.toFixed(1)}° tilt ${p.tiltDeg.toFixed(1)}° press ${p.compressionMm} mm`;
const round = (v: number | null) => (v === null ? '  - ' : v.toFixed(0).padStart(4));
const figuresText = (f: PixelFigures) =>
  `grey p1/50/99 ${f.p1}/${f.p50}/${f.p99}, mean ${f.mean.toFixed(0)}, zero ${f.zeroPct.toFixed(1)}%, 255 ${f.fullPct.toFixed(1)}%; nerve ${round(f.byTissue.nerve).trim()} tendon ${round(f.byTissue.tendon).trim()} muscle ${round(f.byTissue.muscle).trim()} fat ${round(f.byTissue.fat).trim()} fluid ${round(f.byTissue.fluid).trim()}`;

function main(): void {
  const started = performance.now();
  const out = resolve(process.argv[2] ?? 'atlas');
  mkdirSync(join(out, 'labels'), { recursive: true });
  const cells: SheetCell[] = [];
  const records: object[] = [];
  console.log(`atlas → ${out}`);
  console.log('view                      p1  p50  p99  mean zero%  255% | nerve tendon muscle  fat fluid |  ms');
  for (const view of VIEWS) {
    const p = patient(view.caseId);
    const t0 = performance.now();
    const scene = view.setup(p);
    const settings: ScannerSettings = { ...defaultScannerSettings, ...view.settings, timeSeconds: 0 };
    settings.focusMm = Math.min(settings.focusMm, settings.depthMm);
    const frame = p.frames.bModeFrame(scene.pose, settings, scene.options ?? {});
    const labels = pixelLabels(frame, p.knee, p.volume, scene.pose, scene.options?.fluid ?? null);
    const figures = pixelFigures(frame, labels);
    const ms = performance.now() - t0;
    const file = join(out, `${view.id}.png`);
    writeGreyPng(file, { width: frame.width, height: frame.height, data: frame.pixels });
    // What is where in the plane (undeformed anatomy), to tell which grey blob is which structure.
    writeLabelPng(join(out, 'labels', `${view.id}.png`), frame.width, frame.height, labels);
    const f = figures;
    console.log(
      `${view.id.padEnd(24)} ${String(f.p1).padStart(4)} ${String(f.p50).padStart(4)} ${String(f.p99).padStart(4)} ${f.mean.toFixed(0).padStart(5)} ${f.zeroPct.toFixed(1).padStart(5)} ${f.fullPct.toFixed(1).padStart(5)} | ${round(f.byTissue.nerve)}  ${round(f.byTissue.tendon)}   ${round(f.byTissue.muscle)} ${round(f.byTissue.fat)}  ${round(f.byTissue.fluid)} | ${ms.toFixed(0).padStart(4)}`,
    );
    console.log(`   ${file}\n   ${view.caseId} (${p.side}), ${poseText(scene.pose)}, depth ${settings.depthMm} mm, focus ${settings.focusMm} mm${scene.note ? `\n   ${scene.note}` : ''}`);
    cells.push({ frame, title: view.title, caption: `${view.caption}. ${scene.note ? scene.note + '.' : ''}`, figures: figuresText(f) });
    records.push({ id: view.id, caseId: view.caseId, pose: scene.pose, settings, note: scene.note ?? null, figures, ms: Math.round(ms) });
  }
  const sheetFile = join(out, 'contact-sheet.png');
  writeGreyPng(sheetFile, contactSheet(cells, 4));
  const builds = Object.fromEntries((['normal-teaching-knee', 'patient-3'] as const).map((id) => [id, Math.round(patient(id).buildMs)]));
  writeFileSync(join(out, 'figures.json'), JSON.stringify({ builtMs: builds, views: records }, null, 2) + '\n');
  writeFileSync(join(out, 'labels', 'legend.txt'), paletteLegend().split('; ').join('\n') + '\n');
  console.log(`contact sheet: ${sheetFile}\nlabel maps: ${join(out, 'labels')} (colours in legend.txt)\nfigures: ${join(out, 'figures.json')}\nknee+voxels ms: ${JSON.stringify(builds)}; total ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main();
