import type { SimState } from '../state/store';
import { samePose, sameNeedle } from '../state/sameValue';

/** The store's fields the 3D view shows. */
export const SCENE_KEYS = ['probe', 'needle', 'fluidSurface', 'anatomy', 'caseId', 'parameters', 'buildStatus', 'skinOpacity', 'showLabels', 'cameraRequest', 'imaging', 'page', 'replay'] as const satisfies readonly (keyof SimState)[];

/**
 * Whether a store change shows in the 3D view. Of the probe the view draws only its pose, and of
 * the needle its shaft: the worker's answer to each event mirrors its own copies of both (equal
 * values), and each of those used to draw the whole scene again, a second SwiftShader frame per
 * probe move that held the main thread while the image waited.
 */
export function sceneChanged(state: SimState, previous: SimState): boolean {
  return SCENE_KEYS.some((k) => {
    if (state[k] === previous[k]) return false;
    if (k === 'probe') return !samePose(state.probe?.pose, previous.probe?.pose);
    if (k === 'needle') return !sameNeedle(state.needle, previous.needle);
    return true;
  });
}
