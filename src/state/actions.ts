import { useSimStore } from './store';
import { DEPTH_RANGE_MM } from '../core/imaging/imageGeometry';
import { GAIN_RANGE_DB } from '../core/imaging/frame';
import { FOCUS_MIN_MM } from './imagingSlice';
import { runSafely, advanceNeedleBy, redirectInPlane, insertNeedleInPlane, INJECTION_STEP_ML, NEEDLE_STEP_MM, REDIRECT_STEP_DEG, PAD_STEP_MM, PAD_PAGE_STEP_MM, PAD_REDIRECT_DEG } from './needleActions';
import type { TextKey } from '../i18n';

/**
 * Every probe, imaging, needle and syringe command as one named action: the keyboard, the buttons,
 * the needle pad, the help list and window.sim.action all use these, so their steps cannot drift apart.
 */
export interface UserAction {
  id: string;
  /** Its name in the help list: a locale key (action.<id>), with the step sizes it quotes. */
  label: TextKey;
  labelValues?: Record<string, number>;
  /** KeyboardEvent.key values (with shift where noted by `shift: true`). */
  keys: string[];
  shift?: boolean;
  /** Where its keys work: anywhere (the window's shortcuts), or only on the focused needle pad (a slider's own keys). */
  scope?: 'needle-pad';
  /** Does it; a refusal throws or rejects with its SimError (window.sim.action awaits this). */
  perform: () => unknown;
  /** Does it for an input (a key, a button, the pad): a refusal is what the patient panel shows. */
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

const actionSpecs: Omit<UserAction, 'run'>[] = [
  { id: 'slide-left', label: 'action.slide-left', keys: ['ArrowLeft'], perform: () => s().slideProbe(-SLIDE_STEP_MM, 0) },
  { id: 'slide-right', label: 'action.slide-right', keys: ['ArrowRight'], perform: () => s().slideProbe(SLIDE_STEP_MM, 0) },
  { id: 'slide-up', label: 'action.slide-up', keys: ['ArrowUp'], perform: () => s().slideProbe(0, SLIDE_STEP_MM) },
  { id: 'slide-down', label: 'action.slide-down', keys: ['ArrowDown'], perform: () => s().slideProbe(0, -SLIDE_STEP_MM) },
  { id: 'slide-left-fast', label: 'action.slide-left-fast', labelValues: { mm: SLIDE_FAST_MM }, keys: ['ArrowLeft'], shift: true, perform: () => s().slideProbe(-SLIDE_FAST_MM, 0) },
  { id: 'slide-right-fast', label: 'action.slide-right-fast', labelValues: { mm: SLIDE_FAST_MM }, keys: ['ArrowRight'], shift: true, perform: () => s().slideProbe(SLIDE_FAST_MM, 0) },
  { id: 'slide-up-fast', label: 'action.slide-up-fast', labelValues: { mm: SLIDE_FAST_MM }, keys: ['ArrowUp'], shift: true, perform: () => s().slideProbe(0, SLIDE_FAST_MM) },
  { id: 'slide-down-fast', label: 'action.slide-down-fast', labelValues: { mm: SLIDE_FAST_MM }, keys: ['ArrowDown'], shift: true, perform: () => s().slideProbe(0, -SLIDE_FAST_MM) },
  { id: 'rotate-ccw', label: 'action.rotate-ccw', labelValues: { deg: ROTATE_STEP_DEG }, keys: ['q', 'Q'], perform: () => s().rotateProbe(-ROTATE_STEP_DEG) },
  { id: 'rotate-cw', label: 'action.rotate-cw', labelValues: { deg: ROTATE_STEP_DEG }, keys: ['e', 'E'], perform: () => s().rotateProbe(ROTATE_STEP_DEG) },
  { id: 'toggle-axis', label: 'action.toggle-axis', keys: ['t', 'T'], perform: () => s().toggleAxis() },
  { id: 'tilt-forward', label: 'action.tilt-forward', labelValues: { deg: TILT_STEP_DEG }, keys: ['w', 'W'], perform: () => s().tiltProbe(TILT_STEP_DEG) },
  { id: 'tilt-back', label: 'action.tilt-back', labelValues: { deg: TILT_STEP_DEG }, keys: ['s', 'S'], perform: () => s().tiltProbe(-TILT_STEP_DEG) },
  { id: 'press', label: 'action.press', labelValues: { mm: COMPRESSION_STEP_MM }, keys: ['c', 'C'], perform: () => s().setCompression((s().probe?.pose.compressionMm ?? 0) + COMPRESSION_STEP_MM) },
  { id: 'release', label: 'action.release', labelValues: { mm: COMPRESSION_STEP_MM }, keys: ['v', 'V'], perform: () => s().setCompression((s().probe?.pose.compressionMm ?? 0) - COMPRESSION_STEP_MM) },
  { id: 'depth-more', label: 'action.depth-more', labelValues: { mm: DEPTH_STEP_MM }, keys: ['PageDown', '+', '='], perform: () => s().setImaging({ depthMm: clamp(s().imaging.depthMm + DEPTH_STEP_MM, DEPTH_RANGE_MM) }) },
  { id: 'depth-less', label: 'action.depth-less', labelValues: { mm: DEPTH_STEP_MM }, keys: ['PageUp', '-'], perform: () => s().setImaging({ depthMm: clamp(s().imaging.depthMm - DEPTH_STEP_MM, DEPTH_RANGE_MM) }) },
  { id: 'gain-up', label: 'action.gain-up', labelValues: { db: GAIN_STEP_DB }, keys: [']'], perform: () => s().setImaging({ gainDb: clamp(s().imaging.gainDb + GAIN_STEP_DB, GAIN_RANGE_DB) }) },
  { id: 'gain-down', label: 'action.gain-down', labelValues: { db: GAIN_STEP_DB }, keys: ['['], perform: () => s().setImaging({ gainDb: clamp(s().imaging.gainDb - GAIN_STEP_DB, GAIN_RANGE_DB) }) },
  { id: 'focus-deeper', label: 'action.focus-deeper', labelValues: { mm: FOCUS_STEP_MM }, keys: ['f', 'F'], perform: () => s().setImaging({ focusMm: clamp(s().imaging.focusMm + FOCUS_STEP_MM, { min: FOCUS_MIN_MM, max: s().imaging.depthMm }) }) },
  { id: 'focus-shallower', label: 'action.focus-shallower', labelValues: { mm: FOCUS_STEP_MM }, keys: ['r', 'R'], perform: () => s().setImaging({ focusMm: clamp(s().imaging.focusMm - FOCUS_STEP_MM, { min: FOCUS_MIN_MM, max: s().imaging.depthMm }) }) },
  { id: 'needle-advance', label: 'action.needle-advance', labelValues: { mm: NEEDLE_STEP_MM }, keys: ['n', 'N'], perform: () => advanceNeedleBy(NEEDLE_STEP_MM) },
  { id: 'needle-withdraw', label: 'action.needle-withdraw', labelValues: { mm: NEEDLE_STEP_MM }, keys: ['b', 'B'], perform: () => advanceNeedleBy(-NEEDLE_STEP_MM) },
  { id: 'needle-steeper', label: 'action.needle-steeper', labelValues: { deg: REDIRECT_STEP_DEG }, keys: ['k', 'K'], perform: () => redirectInPlane(REDIRECT_STEP_DEG) },
  { id: 'needle-shallower', label: 'action.needle-shallower', labelValues: { deg: REDIRECT_STEP_DEG }, keys: ['j', 'J'], perform: () => redirectInPlane(-REDIRECT_STEP_DEG) },
  { id: 'needle-insert', label: 'action.needle-insert', keys: ['p', 'P'], perform: () => insertNeedleInPlane(s().plannedNeedleAngleDeg) },
  { id: 'aspirate', label: 'action.aspirate', keys: ['a', 'A'], perform: () => s().aspirate() },
  { id: 'inject', label: 'action.inject', labelValues: { ml: INJECTION_STEP_ML }, keys: ['i', 'I'], perform: () => s().inject(INJECTION_STEP_ML) },
  { id: 'toggle-image-mode', label: 'action.toggle-image-mode', keys: ['m', 'M'], perform: () => s().setImaging({ mode: s().imaging.mode === 'b-mode' ? 'anatomy' : 'b-mode' }) },
  // The needle pad's fine steps: its own keys when focused (a slider's), its drag steps and wheel notches.
  { id: 'needle-advance-fine', label: 'action.needle-advance', labelValues: { mm: PAD_STEP_MM }, keys: ['ArrowDown'], scope: 'needle-pad', perform: () => advanceNeedleBy(PAD_STEP_MM) },
  { id: 'needle-withdraw-fine', label: 'action.needle-withdraw', labelValues: { mm: PAD_STEP_MM }, keys: ['ArrowUp'], scope: 'needle-pad', perform: () => advanceNeedleBy(-PAD_STEP_MM) },
  { id: 'needle-advance-page', label: 'action.needle-advance', labelValues: { mm: PAD_PAGE_STEP_MM }, keys: ['PageDown'], scope: 'needle-pad', perform: () => advanceNeedleBy(PAD_PAGE_STEP_MM) },
  { id: 'needle-withdraw-page', label: 'action.needle-withdraw', labelValues: { mm: PAD_PAGE_STEP_MM }, keys: ['PageUp'], scope: 'needle-pad', perform: () => advanceNeedleBy(-PAD_PAGE_STEP_MM) },
  { id: 'needle-steeper-fine', label: 'action.needle-steeper', labelValues: { deg: PAD_REDIRECT_DEG }, keys: ['ArrowRight'], scope: 'needle-pad', perform: () => redirectInPlane(PAD_REDIRECT_DEG) },
  { id: 'needle-shallower-fine', label: 'action.needle-shallower', labelValues: { deg: PAD_REDIRECT_DEG }, keys: ['ArrowLeft'], scope: 'needle-pad', perform: () => redirectInPlane(-PAD_REDIRECT_DEG) },
];

export const userActions: UserAction[] = actionSpecs.map((a) => ({ ...a, run: () => runSafely(a.perform) }));

/** The focused needle pad's action for a key (a slider's own keys), if any. */
export const padActionFor = (key: string): UserAction | undefined => userActions.find((a) => a.scope === 'needle-pad' && a.keys.includes(key));

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
