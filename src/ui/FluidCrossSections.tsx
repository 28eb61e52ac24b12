import { useEffect, useRef, useState } from 'react';
import { useSimStore } from '../state/store';
import { getWorkerClient } from '../state/workerClient';
import { placeProbe } from '../core/probe/placement';
import { probeFrame, ScanGeometry } from '../core/probe/scanGeometry';
import { imageGeometry } from '../core/imaging/imageGeometry';
import type { ProbePose } from '../core/probe/pose';
import type { Vec3 } from '../core/math/vec3';
import type { AttemptFacts } from '../core/attempt/facts';
import { HALO_REACH_MM } from '../core/fluid/measures';
import { useText } from '../i18n';

const DEPTH_MM = 25;

interface Section {
  title: 'sections.short' | 'sections.long';
  pose: ProbePose;
  pixels: Uint8Array;
  width: number;
  height: number;
  /** Overlay in image pixels: the halo ring (short axis) or the spread along the nerve (long axis). */
  overlay: { ring?: { col: number; row: number; radiusCols: number; radiusRows: number }; spread?: { col: number; row: number }[] };
}

/**
 * The final injectate in short and long axis through the injection site, as B-mode frames with
 * the halo ring and the longitudinal spread drawn on them (scoring.md: what the debrief shows).
 */
export function FluidCrossSections({ facts }: { facts: AttemptFacts }) {
  const anatomy = useSimStore((s) => s.anatomy);
  const imaging = useSimStore((s) => s.imaging);
  const [sections, setSections] = useState<Section[] | null>(null);
  const { t, n } = useText();
  useEffect(() => {
    const site = facts.injectionSiteSMm;
    if (!anatomy || site === null || site === undefined) return;
    const nerve = anatomy.nerveAt(site);
    if (!nerve) return;
    const along = (Math.atan2(nerve.tangent.y, nerve.tangent.x) * 180) / Math.PI;
    const settings = { ...imaging, mode: 'b-mode' as const, depthMm: DEPTH_MM };
    let cancelled = false;
    void (async () => {
      const out: Section[] = [];
      for (const [title, rotationDeg] of [['sections.short', along - 90], ['sections.long', along]] as const) {
        const pose = placeProbe(anatomy, { centre: nerve.centre, rotationDeg, compressionMm: 1 });
        const client = getWorkerClient();
        const frame = await client.renderFrame(pose, settings, 0, null);
        const scan = new ScanGeometry(anatomy, probeFrame(anatomy, pose), imageGeometry(DEPTH_MM));
        const sx = frame.width / scan.image.cols;
        const sy = frame.height / scan.image.rows;
        const radius = Math.sqrt(nerve.areaMm2 / Math.PI) + HALO_REACH_MM;
        const overlay: Section['overlay'] = {};
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
      if (!cancelled) setSections(out);
    })();
    return () => {
      cancelled = true;
    };
  }, [anatomy, facts, imaging]);
  if (facts.injectionSiteSMm === null || facts.injectionSiteSMm === undefined) return <p className="hint">{t('sections.none')}</p>;
  if (!sections) return <p className="hint">{t('sections.drawing')}</p>;
  return (
    <div className="cross-sections" data-testid="fluid-cross-sections">
      {sections.map((s) => (
        <figure key={s.title}>
          <SectionImage section={s} />
          <figcaption>
            {t(s.title)}
            {s.overlay.ring ? t('sections.halo', { halo: n(facts.fluid.haloCoveragePct) }) : t('sections.spread', { distal: n(facts.fluid.spreadDistalMm), proximal: n(facts.fluid.spreadProximalMm) })}
          </figcaption>
        </figure>
      ))}
    </div>
  );
}

function SectionImage({ section }: { section: Section }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    canvas.width = section.width;
    canvas.height = section.height;
    const image = ctx.createImageData(section.width, section.height);
    for (let i = 0; i < section.pixels.length; i++) image.data.set([section.pixels[i], section.pixels[i], section.pixels[i], 255], i * 4);
    ctx.putImageData(image, 0, 0);
    const { ring, spread } = section.overlay;
    ctx.lineWidth = 1.5;
    if (ring) {
      ctx.strokeStyle = '#4fd1a5';
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.ellipse(ring.col, ring.row, ring.radiusCols, ring.radiusRows, 0, 0, 2 * Math.PI);
      ctx.stroke();
    }
    if (spread && spread.length > 1) {
      ctx.strokeStyle = '#f2c14e';
      ctx.setLineDash([]);
      ctx.beginPath();
      spread.forEach((p, i) => (i === 0 ? ctx.moveTo(p.col, p.row) : ctx.lineTo(p.col, p.row)));
      ctx.stroke();
    }
  }, [section]);
  return <canvas ref={ref} className="section-canvas" />;
}
