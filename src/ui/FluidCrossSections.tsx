import { useEffect, useRef, useState } from 'react';
import { useSimStore } from '../state/store';
import { fluidSections, type FluidSection } from '../state/fluidSections';
import type { AttemptFacts } from '../core/attempt/facts';
import { useText } from '../i18n';

/**
 * The final injectate in short and long axis through the injection site, as B-mode frames with
 * the halo ring and the longitudinal spread drawn on them (scoring.md: what the debrief shows).
 */
export function FluidCrossSections({ facts }: { facts: AttemptFacts }) {
  const anatomy = useSimStore((s) => s.anatomy);
  const imaging = useSimStore((s) => s.imaging);
  const [sections, setSections] = useState<FluidSection[] | null>(null);
  const { t, n } = useText();
  useEffect(() => {
    if (!anatomy) return;
    let cancelled = false;
    void fluidSections(anatomy, facts, imaging).then((out) => {
      if (!cancelled && out) setSections(out);
    });
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

function SectionImage({ section }: { section: FluidSection }) {
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
