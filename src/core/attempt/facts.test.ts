import { describe, expect, it } from 'vitest';
import { injectionsGiven, type InjectionFact } from './facts';

const step = (tipVisible: boolean, continuesHold?: boolean): InjectionFact => ({ tMs: 0, ml: 0.1, openingPressurePsi: 3, tipVisible, tipTissue: 'fat', intravascular: false, intraneural: false, ...(continuesHold ? { continuesHold } : {}) });

describe('injectionsGiven', () => {
  it('counts a press-and-hold as one injection, blind if any of its steps was', () => {
    const given = injectionsGiven([step(true), step(true, true), step(false, true), step(true), step(true)]);
    expect(given).toEqual([{ tipVisible: false }, { tipVisible: true }, { tipVisible: true }]);
  });
  it('treats a continuing step with nothing before it as an injection of its own', () => {
    expect(injectionsGiven([step(true, true)])).toEqual([{ tipVisible: true }]);
  });
});
