import { useRef } from 'react';
import { useSimStore } from '../state/store';
import { probeFrame } from '../core/probe/scanGeometry';
import { steeperBy, NEEDLE_LENGTH_MM } from '../core/needle/needle';
import { runSafely } from './needleActions';
import { useText } from '../i18n';

/** Screen pixels of drag per 0.5 mm of needle, and per degree of redirection. */
const PX_PER_STEP = 8;
const STEP_MM = 0.5;
const PX_PER_DEG = 12;
/** Page Up / Page Down on the focused pad: a longer step, as a slider's page keys. */
const PAGE_STEP_MM = 5;
/** Left / right on the focused pad: a small redirection, as one drag step. */
const KEY_REDIRECT_DEG = 1;

/** The focused pad's keys (a slider's own: the window's shortcuts leave them to it). */
const PAD_KEYS: Record<string, () => void> = {
  ArrowDown: () => runSafely(() => useSimStore.getState().advanceNeedle(STEP_MM)),
  ArrowUp: () => runSafely(() => useSimStore.getState().advanceNeedle(-STEP_MM)),
  PageDown: () => runSafely(() => useSimStore.getState().advanceNeedle(PAGE_STEP_MM)),
  PageUp: () => runSafely(() => useSimStore.getState().advanceNeedle(-PAGE_STEP_MM)),
  ArrowRight: () => redirectInPlane(KEY_REDIRECT_DEG),
  ArrowLeft: () => redirectInPlane(-KEY_REDIRECT_DEG),
};

/** Turns the needle `deltaDeg` steeper (+) or shallower (−) in the image plane. */
export function redirectInPlane(deltaDeg: number): void {
  const { anatomy, probe, needle, redirectNeedle } = useSimStore.getState();
  if (!anatomy || !probe || !needle) return;
  runSafely(() => redirectNeedle(steeperBy(needle.direction, probeFrame(anatomy, probe.pose).beamAxis, deltaDeg)));
}

/**
 * A pad the hand moves the needle on, with a mouse, a pen or a finger: drag down to advance, up to
 * withdraw, sideways to redirect a little (right = steeper); the wheel advances and withdraws.
 */
export function NeedlePad({ disabled }: { disabled: boolean }) {
  const last = useRef<{ x: number; y: number } | null>(null);
  const st = useSimStore.getState;
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
          runSafely(() => st().advanceNeedle(steps * STEP_MM));
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
        runSafely(() => st().advanceNeedle(e.deltaY > 0 ? STEP_MM : -STEP_MM));
      }}
    >
      {t('needle.pad')}
      <span id="needle-pad-keys" className="sr-only">
        {t('needle.padKeys')}
      </span>
    </div>
  );
}
