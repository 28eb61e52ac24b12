import { useText, type TextKey } from '../i18n';
import { useEffect, useRef, type CSSProperties } from 'react';
import { FOOTPRINT_MM } from '../core/probe/pose';
import { useSimStore } from '../state/store';
import { actionById } from '../state/actions';
import { imagePipeline, type DisplayedFrame } from '../state/imagePipeline';
import { DepthScale } from './DepthScale';
import { planeSideLabels } from './planeSideLabels';
import { NeedleGuide } from './NeedleGuide';
import { ImageAnatomyOverlay } from './ImageAnatomyOverlay';
import { wheelGestureBeganIn } from './wheelGesture';

/** ImageData's bytes are R, G, B, A in memory; a 32-bit word puts them in the platform's order. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The scanner's display: the frame from the worker drawn pixel for pixel on a canvas, with the
 * depth scale, the orientation marker and the side labels a sonographer expects around it.
 */
export function UltrasoundPanel() {
  const { t, n } = useText();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const depthMm = useSimStore((s) => s.imaging.depthMm);
  const gainDb = useSimStore((s) => s.imaging.gainDb);
  const focusMm = useSimStore((s) => s.imaging.focusMm);
  const frequencyMHz = useSimStore((s) => s.imaging.frequencyMHz);
  const mode = useSimStore((s) => s.imaging.mode);
  const view = useSimStore((s) => s.probe?.view ?? null);
  const rotationDeg = useSimStore((s) => s.probe?.pose.rotationDeg ?? 0);
  const sides = planeSideLabels(rotationDeg);

  useEffect(() => {
    // Drawn as it arrives, not in the next animation frame: there it waited behind the 3D view's
    // draw when both fell in one (under software WebGL that draw holds the main thread tens of
    // ms). A 2D putImageData is well under a millisecond and shows at the next compositor frame.
    let image: ImageData | null = null;
    const draw = (frame: DisplayedFrame) => {
      const canvas = canvasRef.current;
      if (!canvas) return;
      if (canvas.width !== frame.width || canvas.height !== frame.height) {
        canvas.width = frame.width;
        canvas.height = frame.height;
      }
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      if (!image || image.width !== frame.width || image.height !== frame.height) image = ctx.createImageData(frame.width, frame.height);
      // One 32-bit store per pixel: grey in R, G and B, opaque (ImageData is RGBA in memory order).
      const rgba = new Uint32Array(image.data.buffer);
      const grey = frame.pixels;
      for (let i = 0; i < grey.length; i++) {
        const g = grey[i];
        rgba[i] = LITTLE_ENDIAN ? (0xff000000 | (g << 16) | (g << 8) | g) >>> 0 : ((g << 24) | (g << 16) | (g << 8) | 0xff) >>> 0;
      }
      ctx.putImageData(image, 0, 0);
      canvas.dataset.frameVersion = String(frame.version);
      imagePipeline.markDrawn(frame);
    };
    return imagePipeline.onFrame(draw);
  }, []);

  // Wheel over the image rotates the probe, as turning the transducer in the hand — when the
  // gesture began over the image, not in a panel scrolled until the image came under the pointer.
  useEffect(() => {
    const canvas = canvasRef.current?.parentElement;
    if (!canvas) return;
    const onWheel = (event: WheelEvent) => {
      if (!wheelGestureBeganIn(canvas) || useSimStore.getState().replay) return;
      event.preventDefault();
      // The registered action, so a notch turns the probe by the E/Q keys' step.
      actionById(event.deltaY > 0 ? 'rotate-cw' : 'rotate-ccw').run();
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, []);

  return (
    <section className="us-panel" aria-label={t('us.title')}>
      <div className="us-header">
        <span className="us-mode" data-testid="image-mode">
          {mode === 'b-mode' ? t('us.bmode', { frequency: n(frequencyMHz) }) : t('us.anatomy')}
        </span>
        <span className="us-settings" data-testid="imaging-settings">
          {t('us.settings', { depth: n(depthMm), gain: n(gainDb, { signed: true }) })}
        </span>
      </div>
      {/* Focusable and named for keyboard users: the probe's shortcuts (Q/E as the wheel) act on it. */}
      <div
        className="us-image"
        data-testid="us-image"
        title={t('us.wheel')}
        role="application"
        tabIndex={0}
        aria-label={`${t('a11y.image')}: ${mode === 'b-mode' ? t('us.bmode', { frequency: n(frequencyMHz) }) : t('us.anatomy')} · ${t('us.settings', { depth: n(depthMm), gain: n(gainDb, { signed: true }) })}${view ? ` · ${t(`us.view.${view}`)}` : ''}`}
        aria-describedby="us-image-keys"
        style={{ '--us-aspect': FOOTPRINT_MM / depthMm } as CSSProperties}
      >
        <span id="us-image-keys" className="sr-only">
          {t('a11y.imageKeys')}
        </span>
        <div className="us-image-frame">
          <div className="us-canvas-wrap">
            <canvas ref={canvasRef} data-testid="ultrasound-canvas" className="us-canvas" />
            <NeedleGuide />
            {mode === 'anatomy' && <ImageAnatomyOverlay />}
            <span className="us-marker" data-testid="orientation-marker" title={t('us.marker')}>
              ●
            </span>
            <span className="us-side us-side-left">{t(`side.${sides.left}` as TextKey)}</span>
            <span className="us-side us-side-right">{t(`side.${sides.right}` as TextKey)}</span>
            {view && (
              <span className={`us-view us-view-${view}`} data-testid="image-view-badge">
                {t(`us.view.${view}`)}
              </span>
            )}
          </div>
          <DepthScale depthMm={depthMm} focusMm={focusMm} />
        </div>
      </div>
    </section>
  );
}
