import { useSimStore } from '../state/store';
import { userActions } from '../state/actions';

// The window's keyboard shortcuts: the DOM side of the registered actions (state/actions.ts).

const s = () => useSimStore.getState();

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
    const shortcuts = userActions.filter((a) => !a.scope);
    const action = shortcuts.find((a) => a.keys.includes(event.key) && !!a.shift === event.shiftKey) ?? shortcuts.find((a) => a.keys.includes(event.key) && !a.shift);
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
