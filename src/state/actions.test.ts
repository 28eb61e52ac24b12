import { describe, expect, it } from 'vitest';
import { actionById, padActionFor, userActions } from './actions';
import { NEEDLE_STEP_MM, PAD_PAGE_STEP_MM, PAD_REDIRECT_DEG, PAD_STEP_MM, REDIRECT_STEP_DEG } from './needleActions';

describe('keyboard shortcuts', () => {
  it('give each key (with or without Shift) to one action only', () => {
    const owners = new Map<string, string>();
    for (const action of userActions) {
      for (const key of action.keys) {
        // The needle pad's keys are its own (only while it has focus): unique among the pad's.
        const chord = `${action.scope ?? 'window'}:${action.shift ? 'Shift+' : ''}${key}`;
        expect(owners.get(chord), `${chord} is bound to ${owners.get(chord)} and ${action.id}`).toBeUndefined();
        owners.set(chord, action.id);
      }
    }
  });

  it('give the needle pad its own registered actions, by the step sizes the help quotes', () => {
    const pad = (key: string) => padActionFor(key);
    expect(pad('ArrowDown')).toMatchObject({ id: 'needle-advance-fine', labelValues: { mm: PAD_STEP_MM } });
    expect(pad('ArrowUp')).toMatchObject({ id: 'needle-withdraw-fine', labelValues: { mm: PAD_STEP_MM } });
    expect(pad('PageDown')).toMatchObject({ id: 'needle-advance-page', labelValues: { mm: PAD_PAGE_STEP_MM } });
    expect(pad('PageUp')).toMatchObject({ id: 'needle-withdraw-page', labelValues: { mm: PAD_PAGE_STEP_MM } });
    expect(pad('ArrowRight')).toMatchObject({ id: 'needle-steeper-fine', labelValues: { deg: PAD_REDIRECT_DEG } });
    expect(pad('ArrowLeft')).toMatchObject({ id: 'needle-shallower-fine', labelValues: { deg: PAD_REDIRECT_DEG } });
    expect(pad('n')).toBeUndefined();
    // The panel's buttons and their keys take the coarse steps.
    expect(actionById('needle-advance').labelValues).toEqual({ mm: NEEDLE_STEP_MM });
    expect(actionById('needle-steeper').labelValues).toEqual({ deg: REDIRECT_STEP_DEG });
  });
});
