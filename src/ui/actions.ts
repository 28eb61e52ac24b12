import { useSimStore } from '../state/store';
import { DEPTH_RANGE_MM } from '../core/imaging/imageGeometry';
import { GAIN_RANGE_DB } from '../core/imaging/frame';
import { FOCUS_MIN_MM } from '../state/imagingSlice';
import { runSafely, INJECTION_STEP_ML } from './needleActions';
import { redirectInPlane } from './NeedlePad';

/**
 * Every probe and imaging command as one named action: the keyboard, the buttons and the help
 * list all use these, so they cannot drift apart.
 */
export interface UserAction {
  id: string;
  label: string;
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
  { id: 'slide-left', label: 'Slide probe toward the marker side', keys: ['ArrowLeft'], run: () => s().slideProbe(-SLIDE_STEP_MM, 0) },
  { id: 'slide-right', label: 'Slide probe away from the marker side', keys: ['ArrowRight'], run: () => s().slideProbe(SLIDE_STEP_MM, 0) },
  { id: 'slide-up', label: 'Slide probe out of plane (forward)', keys: ['ArrowUp'], run: () => s().slideProbe(0, SLIDE_STEP_MM) },
  { id: 'slide-down', label: 'Slide probe out of plane (back)', keys: ['ArrowDown'], run: () => s().slideProbe(0, -SLIDE_STEP_MM) },
  { id: 'slide-left-fast', label: 'Slide 5 mm toward the marker side', keys: ['ArrowLeft'], shift: true, run: () => s().slideProbe(-SLIDE_FAST_MM, 0) },
  { id: 'slide-right-fast', label: 'Slide 5 mm away from the marker side', keys: ['ArrowRight'], shift: true, run: () => s().slideProbe(SLIDE_FAST_MM, 0) },
  { id: 'slide-up-fast', label: 'Slide 5 mm forward', keys: ['ArrowUp'], shift: true, run: () => s().slideProbe(0, SLIDE_FAST_MM) },
  { id: 'slide-down-fast', label: 'Slide 5 mm back', keys: ['ArrowDown'], shift: true, run: () => s().slideProbe(0, -SLIDE_FAST_MM) },
  { id: 'rotate-ccw', label: 'Rotate probe −5°', keys: ['q', 'Q'], run: () => s().rotateProbe(-ROTATE_STEP_DEG) },
  { id: 'rotate-cw', label: 'Rotate probe +5°', keys: ['e', 'E'], run: () => s().rotateProbe(ROTATE_STEP_DEG) },
  { id: 'toggle-axis', label: 'Turn 90° between short and long axis', keys: ['t', 'T'], run: () => s().toggleAxis() },
  { id: 'tilt-forward', label: 'Tilt beam +2°', keys: ['w', 'W'], run: () => s().tiltProbe(TILT_STEP_DEG) },
  { id: 'tilt-back', label: 'Tilt beam −2°', keys: ['s', 'S'], run: () => s().tiltProbe(-TILT_STEP_DEG) },
  { id: 'press', label: 'Press harder (+1 mm)', keys: ['c', 'C'], run: () => s().setCompression((s().probe?.pose.compressionMm ?? 0) + COMPRESSION_STEP_MM) },
  { id: 'release', label: 'Ease pressure (−1 mm)', keys: ['v', 'V'], run: () => s().setCompression((s().probe?.pose.compressionMm ?? 0) - COMPRESSION_STEP_MM) },
  { id: 'depth-more', label: 'Depth +5 mm', keys: ['PageDown', '+', '='], run: () => s().setImaging({ depthMm: clamp(s().imaging.depthMm + DEPTH_STEP_MM, DEPTH_RANGE_MM) }) },
  { id: 'depth-less', label: 'Depth −5 mm', keys: ['PageUp', '-'], run: () => s().setImaging({ depthMm: clamp(s().imaging.depthMm - DEPTH_STEP_MM, DEPTH_RANGE_MM) }) },
  { id: 'gain-up', label: 'Gain +2 dB', keys: [']'], run: () => s().setImaging({ gainDb: clamp(s().imaging.gainDb + GAIN_STEP_DB, GAIN_RANGE_DB) }) },
  { id: 'gain-down', label: 'Gain −2 dB', keys: ['['], run: () => s().setImaging({ gainDb: clamp(s().imaging.gainDb - GAIN_STEP_DB, GAIN_RANGE_DB) }) },
  { id: 'focus-deeper', label: 'Focus 2 mm deeper', keys: ['f', 'F'], run: () => s().setImaging({ focusMm: clamp(s().imaging.focusMm + FOCUS_STEP_MM, { min: FOCUS_MIN_MM, max: s().imaging.depthMm }) }) },
  { id: 'focus-shallower', label: 'Focus 2 mm shallower', keys: ['r', 'R'], run: () => s().setImaging({ focusMm: clamp(s().imaging.focusMm - FOCUS_STEP_MM, { min: FOCUS_MIN_MM, max: s().imaging.depthMm }) }) },
  { id: 'needle-advance', label: 'Advance the needle 1 mm', keys: ['n', 'N'], run: () => runSafely(() => s().advanceNeedle(1)) },
  { id: 'needle-withdraw', label: 'Withdraw the needle 1 mm', keys: ['b', 'B'], run: () => runSafely(() => s().advanceNeedle(-1)) },
  { id: 'needle-steeper', label: 'Redirect the needle 2° steeper', keys: ['k', 'K'], run: () => redirectInPlane(2) },
  { id: 'needle-shallower', label: 'Redirect the needle 2° shallower', keys: ['j', 'J'], run: () => redirectInPlane(-2) },
  { id: 'inject', label: `Inject ${INJECTION_STEP_ML} ml`, keys: ['i', 'I'], run: () => runSafely(() => s().inject(INJECTION_STEP_ML)) },
  { id: 'toggle-image-mode', label: 'B-mode ↔ anatomy in plane', keys: ['m', 'M'], run: () => s().setImaging({ mode: s().imaging.mode === 'b-mode' ? 'anatomy' : 'b-mode' }) },
];

export function actionById(id: string): UserAction {
  const action = userActions.find((a) => a.id === id);
  if (!action) throw new Error(`No action ${id}`);
  return action;
}

/** Window-level shortcuts, ignored while typing in a form field. */
export function installKeyboardShortcuts(): () => void {
  const onKey = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA')) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const action =
      userActions.find((a) => a.keys.includes(event.key) && !!a.shift === event.shiftKey) ??
      userActions.find((a) => a.keys.includes(event.key) && !a.shift);
    // A replay shows a stored attempt: the keys drive nothing then.
    if (!action || s().buildStatus !== 'ready' || s().replay) return;
    event.preventDefault();
    action.run();
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
