import { useRef } from 'react';
import { useSimStore } from '../state/store';
import { NEEDLE_LENGTH_MM } from '../core/needle/needle';
import { actionById, padActionFor } from '../state/actions';
import { useText } from '../i18n';

/** Screen pixels of drag per fine step of the needle (needle-advance-fine), and per fine redirection (needle-steeper-fine). */
const PX_PER_STEP = 8;
const PX_PER_DEG = 12;

/** Runs a registered action `times` times (a drag may cover several steps between two pointer events). */
const runTimes = (id: string, times: number) => {
  const action = actionById(id);
  for (let i = 0; i < times; i++) action.run();
};

/** The step sizes the pad's key help quotes: the registered actions' own. */
const padSteps = () => ({ fine: actionById('needle-advance-fine').labelValues!.mm, page: actionById('needle-advance-page').labelValues!.mm, deg: actionById('needle-steeper-fine').labelValues!.deg });

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
        // The focused pad's keys are a slider's own (the window's shortcuts leave them to it).
        const action = padActionFor(e.key);
        if (!action || e.altKey || e.ctrlKey || e.metaKey) return;
        e.preventDefault();
        if (!disabled) action.run();
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
          runTimes(steps > 0 ? 'needle-advance-fine' : 'needle-withdraw-fine', Math.abs(steps));
          last.current = { x: from.x, y: from.y + steps * PX_PER_STEP };
        } else if (Math.abs(dx) >= PX_PER_DEG) {
          const degrees = Math.trunc(dx / PX_PER_DEG);
          runTimes(degrees > 0 ? 'needle-steeper-fine' : 'needle-shallower-fine', Math.abs(degrees));
          last.current = { x: from.x + degrees * PX_PER_DEG, y: from.y };
        }
      }}
      onPointerUp={() => (last.current = null)}
      onPointerCancel={() => (last.current = null)}
      onWheel={(e) => {
        if (disabled || e.deltaY === 0) return;
        actionById(e.deltaY > 0 ? 'needle-advance-fine' : 'needle-withdraw-fine').run();
      }}
    >
      {t('needle.pad')}
      <span id="needle-pad-keys" className="sr-only">
        {t('needle.padKeys', { fine: n(padSteps().fine, 1), page: n(padSteps().page), deg: n(padSteps().deg) })}
      </span>
    </div>
  );
}
