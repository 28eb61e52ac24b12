import { useRef } from 'react';
import { useSimStore } from '../state/store';
import { NEEDLE_LENGTH_MM } from '../core/needle/needle';
import { advanceNeedleBy, redirectInPlane, PAD_STEP_MM, PAD_PAGE_STEP_MM, PAD_REDIRECT_DEG } from './needleActions';
import { useText } from '../i18n';

export { redirectInPlane };

/** Screen pixels of drag per pad step (PAD_STEP_MM of needle), and per degree of redirection. */
const PX_PER_STEP = 8;
const PX_PER_DEG = 12;

/** The focused pad's keys (a slider's own: the window's shortcuts leave them to it). */
const PAD_KEYS: Record<string, () => void> = {
  ArrowDown: () => advanceNeedleBy(PAD_STEP_MM),
  ArrowUp: () => advanceNeedleBy(-PAD_STEP_MM),
  PageDown: () => advanceNeedleBy(PAD_PAGE_STEP_MM),
  PageUp: () => advanceNeedleBy(-PAD_PAGE_STEP_MM),
  ArrowRight: () => redirectInPlane(PAD_REDIRECT_DEG),
  ArrowLeft: () => redirectInPlane(-PAD_REDIRECT_DEG),
};

/**
 * A pad the hand moves the needle on, with a mouse, a pen or a finger: drag down to advance, up to
 * withdraw, sideways to redirect a little (right = steeper); the wheel advances and withdraws.
 */
export function NeedlePad({ disabled }: { disabled: boolean }) {
  const last = useRef<{ x: number; y: number } | null>(null);
  const { t, n } = useText();
  const needle = useSimStore((s) => s.needle);
  const report = useSimStore((s) => s.needleReport);
  return (
    // A vertical slider for assistive technology: the value is how far the needle is in.
    <div
      className="needle-pad"
      data-testid="needle-pad"
      role="slider"
      tabIndex={0}
      aria-label={t('needle.padLabel')}
      aria-describedby="needle-pad-keys"
      aria-orientation="vertical"
      aria-valuemin={0}
      aria-valuemax={NEEDLE_LENGTH_MM}
      aria-valuenow={needle ? Math.round(needle.insertedMm * 10) / 10 : 0}
      aria-valuetext={needle && report ? t('needle.padValue', { inserted: n(needle.insertedMm, 1), angle: n(report.angleToBeamDeg) }) : t('needle.padNone')}
      aria-disabled={disabled}
      onKeyDown={(e) => {
        const run = PAD_KEYS[e.key];
        if (!run || e.altKey || e.ctrlKey || e.metaKey) return;
        e.preventDefault();
        if (!disabled) run();
      }}
      onPointerDown={(e) => {
        if (disabled) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        last.current = { x: e.clientX, y: e.clientY };
      }}
      onPointerMove={(e) => {
        const from = last.current;
        if (!from || disabled) return;
        const dy = e.clientY - from.y;
        const dx = e.clientX - from.x;
        if (Math.abs(dy) >= PX_PER_STEP) {
          const steps = Math.trunc(dy / PX_PER_STEP);
          advanceNeedleBy(steps * PAD_STEP_MM);
          last.current = { x: from.x, y: from.y + steps * PX_PER_STEP };
        } else if (Math.abs(dx) >= PX_PER_DEG) {
          const degrees = Math.trunc(dx / PX_PER_DEG);
          redirectInPlane(degrees);
          last.current = { x: from.x + degrees * PX_PER_DEG, y: from.y };
        }
      }}
      onPointerUp={() => (last.current = null)}
      onPointerCancel={() => (last.current = null)}
      onWheel={(e) => {
        if (disabled || e.deltaY === 0) return;
        advanceNeedleBy(e.deltaY > 0 ? PAD_STEP_MM : -PAD_STEP_MM);
      }}
    >
      {t('needle.pad')}
      <span id="needle-pad-keys" className="sr-only">
        {t('needle.padKeys')}
      </span>
    </div>
  );
}
