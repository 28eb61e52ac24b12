import { describe, expect, it } from 'vitest';
import { attemptEventSchema, attemptResultSchema, sessionRecordSchema } from './sessionSchema';
import { finishedRecord, sampleResult } from './testSupport';

describe('session schema', () => {
  it('accepts what the app records and scores', () => {
    expect(sessionRecordSchema.parse(finishedRecord())).toEqual(finishedRecord());
    expect(attemptResultSchema.parse(sampleResult(50, ['vessel-punctured']))).toEqual(sampleResult(50, ['vessel-punctured']));
  });

  it('refuses non-finite numbers, unknown kinds and negative times', () => {
    expect(attemptEventSchema.safeParse({ tMs: 1, kind: 'injection', ml: Infinity }).success).toBe(false);
    expect(attemptEventSchema.safeParse({ tMs: 1, kind: 'injection', ml: Number.NaN }).success).toBe(false);
    expect(attemptEventSchema.safeParse({ tMs: 1, kind: 'warp' }).success).toBe(false);
    expect(attemptEventSchema.safeParse({ tMs: -5, kind: 'aspiration' }).success).toBe(false);
    expect(sessionRecordSchema.safeParse({ ...finishedRecord(), schemaVersion: 2 }).success).toBe(false);
  });

  it('keeps the optional skin drag only when present', () => {
    const pose = { centre: { x: 0, y: 0, z: 0 }, rotationDeg: 0, tiltDeg: 0, compressionMm: 2 };
    expect(attemptEventSchema.parse({ tMs: 0, kind: 'probe-pose', pose })).toEqual({ tMs: 0, kind: 'probe-pose', pose });
    const dragged = { ...pose, skinDragMm: -1.5 };
    expect(attemptEventSchema.parse({ tMs: 0, kind: 'probe-pose', pose: dragged })).toEqual({ tMs: 0, kind: 'probe-pose', pose: dragged });
  });

  it('reads results stored before safety events named their structure, and the new paraesthesia event', () => {
    const old = sampleResult(40, ['needle-in-nerve', 'nerve-touched']);
    expect(old.safetyEvents.every((e) => e.structure === undefined)).toBe(true);
    expect(attemptResultSchema.parse(old)).toEqual(old);
    const named = sampleResult(95, ['other-nerve-paraesthesia']);
    named.safetyEvents[0].structure = 'lateralSuralCutaneousNerve';
    expect(attemptResultSchema.parse(named)).toEqual(named);
    named.safetyEvents[0].structure = 'spleen' as never;
    expect(attemptResultSchema.safeParse(named).success).toBe(false);
  });
});
