import { useSimStore } from '../state/store';
import { DEPTH_RANGE_MM } from '../core/imaging/imageGeometry';
import { GAIN_RANGE_DB } from '../core/imaging/frame';
import { FOCUS_MIN_MM } from '../state/imagingSlice';
import { runSafely, advanceNeedleBy, redirectInPlane, INJECTION_STEP_ML, NEEDLE_STEP_MM, REDIRECT_STEP_DEG } from './needleActions';
import type { TextKey } from '../i18n';

/**
 * Every probe and imaging command as one named action: the keyboard, the buttons and the help
 * list all use these, so they cannot drift apart.
 */
export interface UserAction {
  id: string;
  /** Its name in the help list: a locale key (action.<id>), with the step sizes it quotes. */
  label: TextKey;
  labelValues?: Record<string, number>;
  /** KeyboardEvent.key values (with shift where noted by `shift: true`). */
  keys: string[];
  shift?: boolean;
  run: () => void;
}

const SLIDE_STEP_MM = 1;
const SLIDE_FAST_MM = 5;
const ROTATE_STEP_DEG = 5;
const TILT_STEP_DEG = 2;
const COMPRESSION_STEP_MM = 1;
const DEPTH_STEP_MM = 5;
const GAIN_STEP_DB = 2;
const FOCUS_STEP_MM = 2;

const s = () => useSimStore.getState();
const clamp = (v: number, r: { min: number; max: number }) => Math.max(r.min, Math.min(r.max, v));

export const userActions: UserAction[] = [
  { id: 'slide-left', label: 'action.slide-left', keys: ['ArrowLeft'], run: () => s().slideProbe(-SLIDE_STEP_MM, 0) },
  { id: 'slide-right', label: 'action.slide-right', keys: ['ArrowRight'], run: () => s().slideProbe(SLIDE_STEP_MM, 0) },
  { id: 'slide-up', label: 'action.slide-up', keys: ['ArrowUp'], run: () => s().slideProbe(0, SLIDE_STEP_MM) },
  { id: 'slide-down', label: 'action.slide-down', keys: ['ArrowDown'], run: () => s().slideProbe(0, -SLIDE_STEP_MM) },
  { id: 'slide-left-fast', label: 'action.slide-left-fast', labelValues: { mm: SLIDE_FAST_MM }, keys: ['ArrowLeft'], shift: true, run: () => s().slideProbe(-SLIDE_FAST_MM, 0) },
  { id: 'slide-right-fast', label: 'action.slide-right-fast', labelValues: { mm: SLIDE_FAST_MM }, keys: ['ArrowRight'], shift: true, run: () => s().slideProbe(SLIDE_FAST_MM, 0) },
  { id: 'slide-up-fast', label: 'action.slide-up-fast', labelValues: { mm: SLIDE_FAST_MM }, keys: ['ArrowUp'], shift: true, run: () => s().slideProbe(0, SLIDE_FAST_MM) },
  { id: 'slide-down-fast', label: 'action.slide-down-fast', labelValues: { mm: SLIDE_FAST_MM }, keys: ['ArrowDown'], shift: true, run: () => s().slideProbe(0, -SLIDE_FAST_MM) },
  { id: 'rotate-ccw', label: 'action.rotate-ccw', labelValues: { deg: ROTATE_STEP_DEG }, keys: ['q', 'Q'], run: () => s().rotateProbe(-ROTATE_STEP_DEG) },
  { id: 'rotate-cw', label: 'action.rotate-cw', labelValues: { deg: ROTATE_STEP_DEG }, keys: ['e', 'E'], run: () => s().rotateProbe(ROTATE_STEP_DEG) },
  { id: 'toggle-axis', label: 'action.toggle-axis', keys: ['t', 'T'], run: () => s().toggleAxis() },
  { id: 'tilt-forward', label: 'action.tilt-forward', labelValues: { deg: TILT_STEP_DEG }, keys: ['w', 'W'], run: () => s().tiltProbe(TILT_STEP_DEG) },
  { id: 'tilt-back', label: 'action.tilt-back', labelValues: { deg: TILT_STEP_DEG }, keys: ['s', 'S'], run: () => s().tiltProbe(-TILT_STEP_DEG) },
  { id: 'press', label: 'action.press', labelValues: { mm: COMPRESSION_STEP_MM }, keys: ['c', 'C'], run: () => s().setCompression((s().probe?.pose.compressionMm ?? 0) + COMPRESSION_STEP_MM) },
  { id: 'release', label: 'action.release', labelValues: { mm: COMPRESSION_STEP_MM }, keys: ['v', 'V'], run: () => s().setCompression((s().probe?.pose.compressionMm ?? 0) - COMPRESSION_STEP_MM) },
  { id: 'depth-more', label: 'action.depth-more', labelValues: { mm: DEPTH_STEP_MM }, keys: ['PageDown', '+', '='], run: () => s().setImaging({ depthMm: clamp(s().imaging.depthMm + DEPTH_STEP_MM, DEPTH_RANGE_MM) }) },
  { id: 'depth-less', label: 'action.depth-less', labelValues: { mm: DEPTH_STEP_MM }, keys: ['PageUp', '-'], run: () => s().setImaging({ depthMm: clamp(s().imaging.depthMm - DEPTH_STEP_MM, DEPTH_RANGE_MM) }) },
  { id: 'gain-up', label: 'action.gain-up', labelValues: { db: GAIN_STEP_DB }, keys: [']'], run: () => s().setImaging({ gainDb: clamp(s().imaging.gainDb + GAIN_STEP_DB, GAIN_RANGE_DB) }) },
  { id: 'gain-down', label: 'action.gain-down', labelValues: { db: GAIN_STEP_DB }, keys: ['['], run: () => s().setImaging({ gainDb: clamp(s().imaging.gainDb - GAIN_STEP_DB, GAIN_RANGE_DB) }) },
  { id: 'focus-deeper', label: 'action.focus-deeper', labelValues: { mm: FOCUS_STEP_MM }, keys: ['f', 'F'], run: () => s().setImaging({ focusMm: clamp(s().imaging.focusMm + FOCUS_STEP_MM, { min: FOCUS_MIN_MM, max: s().imaging.depthMm }) }) },
  { id: 'focus-shallower', label: 'action.focus-shallower', labelValues: { mm: FOCUS_STEP_MM }, keys: ['r', 'R'], run: () => s().setImaging({ focusMm: clamp(s().imaging.focusMm - FOCUS_STEP_MM, { min: FOCUS_MIN_MM, max: s().imaging.depthMm }) }) },
  { id: 'needle-advance', label: 'action.needle-advance', labelValues: { mm: NEEDLE_STEP_MM }, keys: ['n', 'N'], run: () => advanceNeedleBy(NEEDLE_STEP_MM) },
  { id: 'needle-withdraw', label: 'action.needle-withdraw', labelValues: { mm: NEEDLE_STEP_MM }, keys: ['b', 'B'], run: () => advanceNeedleBy(-NEEDLE_STEP_MM) },
  { id: 'needle-steeper', label: 'action.needle-steeper', labelValues: { deg: REDIRECT_STEP_DEG }, keys: ['k', 'K'], run: () => redirectInPlane(REDIRECT_STEP_DEG) },
  { id: 'needle-shallower', label: 'action.needle-shallower', labelValues: { deg: REDIRECT_STEP_DEG }, keys: ['j', 'J'], run: () => redirectInPlane(-REDIRECT_STEP_DEG) },
  { id: 'inject', label: 'action.inject', labelValues: { ml: INJECTION_STEP_ML }, keys: ['i', 'I'], run: () => runSafely(() => s().inject(INJECTION_STEP_ML)) },
  { id: 'toggle-image-mode', label: 'action.toggle-image-mode', keys: ['m', 'M'], run: () => s().setImaging({ mode: s().imaging.mode === 'b-mode' ? 'anatomy' : 'b-mode' }) },
];

/** A key as the help list and the buttons' tooltips show it. */
export const keyName = (key: string): string =>
  ({ ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓', PageUp: 'PgUp', PageDown: 'PgDn' })[key] ?? key.toUpperCase();

/** The key that runs an action (its first), for a button's tooltip. */
export const shortcutOf = (id: string): string => keyName(actionById(id).keys[0]);

export function actionById(id: string): UserAction {
  const action = userActions.find((a) => a.id === id);
  if (!action) throw new Error(`No action ${id}`);
  return action;
}

/** Keys a focused slider answers to itself, as every slider does (WCAG): the rest are shortcuts. */
const SLIDER_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End']);
/** Inputs that take no typing: a shortcut pressed on them is a shortcut. */
const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'color', 'image']);

/** Whether the focused element needs this key itself: typing in a text field or a list, a slider's own keys. */
export function keyBelongsToFocus(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  // A custom slider (the needle pad) keeps a slider's keys too.
  if (target.getAttribute('role') === 'slider') return SLIDER_KEYS.has(key);
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  if (target.type === 'range') return SLIDER_KEYS.has(key);
  return !NON_TEXT_INPUTS.has(target.type);
}

/**
 * Window-level shortcuts, whatever has focus except a text field (sliders and buttons pass them
 * on). A slider used with the pointer gives its focus back, so the arrows slide the probe again.
 */
export function installKeyboardShortcuts(): () => void {
  const onKey = (event: KeyboardEvent) => {
    if (keyBelongsToFocus(event.target, event.key)) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const action =
      userActions.find((a) => a.keys.includes(event.key) && !!a.shift === event.shiftKey) ??
      userActions.find((a) => a.keys.includes(event.key) && !a.shift);
    // A replay shows a stored attempt: the keys drive nothing then.
    if (!action || s().buildStatus !== 'ready' || s().replay) return;
    event.preventDefault();
    action.run();
  };
  const onPointerUp = () => {
    const focused = document.activeElement;
    if (focused instanceof HTMLInputElement && focused.type === 'range') focused.blur();
  };
  window.addEventListener('keydown', onKey);
  window.addEventListener('pointerup', onPointerUp);
  return () => {
    window.removeEventListener('keydown', onKey);
    window.removeEventListener('pointerup', onPointerUp);
  };
}
