/**
 * A wheel gesture belongs to where it began. Wheel events closer together than this are one
 * gesture (a flick of the wheel, a trackpad swipe and its inertia), so a panel being scrolled
 * cannot start turning the probe when the image passes under the pointer.
 */
const GESTURE_GAP_MS = 400;

let lastWheelAtMs = Number.NEGATIVE_INFINITY;
let gestureOrigin: Element | null = null;

function noteWheel(event: WheelEvent): void {
  if (event.timeStamp - lastWheelAtMs > GESTURE_GAP_MS) gestureOrigin = event.target instanceof Element ? event.target : null;
  lastWheelAtMs = event.timeStamp;
}

/** Listens before every other wheel handler (capture on window); returns the uninstaller. */
export function installWheelGestures(): () => void {
  window.addEventListener('wheel', noteWheel, { capture: true, passive: true });
  return () => window.removeEventListener('wheel', noteWheel, { capture: true });
}

/** Whether the wheel gesture now under way began inside `element`. */
export const wheelGestureBeganIn = (element: Element): boolean => gestureOrigin !== null && element.contains(gestureOrigin);
