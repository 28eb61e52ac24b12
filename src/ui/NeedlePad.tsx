import { useRef } from 'react';
import { useSimStore } from '../state/store';
import { probeFrame } from '../core/probe/scanGeometry';
import { steeperBy } from '../core/needle/needle';
import { runSafely } from './needleActions';
import { useText } from '../i18n';

/** Screen pixels of drag per 0.5 mm of needle, and per degree of redirection. */
const PX_PER_STEP = 8;
const STEP_MM = 0.5;
const PX_PER_DEG = 12;

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
  const { t } = useText();
  return (
    <div
      className="needle-pad"
      data-testid="needle-pad"
      aria-disabled={disabled}
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
    </div>
  );
}
