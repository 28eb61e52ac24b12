import { describe, expect, it } from 'vitest';
import { userActions } from './actions';

describe('keyboard shortcuts', () => {
  it('give each key (with or without Shift) to one action only', () => {
    const owners = new Map<string, string>();
    for (const action of userActions) {
      for (const key of action.keys) {
        const chord = `${action.shift ? 'Shift+' : ''}${key}`;
        expect(owners.get(chord), `${chord} is bound to ${owners.get(chord)} and ${action.id}`).toBeUndefined();
        owners.set(chord, action.id);
      }
    }
  });
});
