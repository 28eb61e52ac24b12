import { create } from 'zustand';
import { subscribeWithSelector } from 'zustand/middleware';
import { type CaseSlice, createCaseSlice } from './caseSlice';
import { type ProbeSlice, createProbeSlice } from './probeSlice';
import { type ImagingSlice, createImagingSlice } from './imagingSlice';
import { type AttemptSlice, createAttemptSlice } from './attemptSlice';
import { type ViewSlice, createViewSlice } from './viewSlice';
import { type NeedleSlice, createNeedleSlice } from './needleSlice';
import { type SessionSlice, createSessionSlice } from './sessionSlice';
import { type ReplaySlice, createReplaySlice } from './replaySlice';

export type SimState = CaseSlice & ProbeSlice & ImagingSlice & AttemptSlice & ViewSlice & NeedleSlice & SessionSlice & ReplaySlice;

/** The one store: UI, 3D scene and automation all act through it. */
export const useSimStore = create<SimState>()(
  subscribeWithSelector((...a) => ({
    ...createCaseSlice(...a),
    ...createProbeSlice(...a),
    ...createImagingSlice(...a),
    ...createAttemptSlice(...a),
    ...createViewSlice(...a),
    ...createNeedleSlice(...a),
    ...createSessionSlice(...a),
    ...createReplaySlice(...a),
  })),
);
