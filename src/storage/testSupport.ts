/**
 * Records, results and fast-check arbitraries shared by the storage tests (imported only by
 * `*.test.ts`, so never bundled).
 */
import fc from 'fast-check';
import type { AttemptEvent, ImagingSettings, SessionRecord } from '../core/attempt/events';
import type { FluidMeasures } from '../core/fluid/measures';
import type { Vec3 } from '../core/math/vec3';
import type { ProbePose } from '../core/probe/pose';
import type { AttemptResult, SafetyEventKind } from '../core/scoring/result';
import { cases } from '../core/cases/cases';
import { message } from '../core/message';

export function sampleRecord(overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    schemaVersion: 1,
    id: 'attempt-1',
    caseId: 'normal-teaching-knee',
    side: 'right',
    seed: 42,
    trainee: 'Dr Ana Silva',
    mode: 'assessment',
    startedAt: '2025-03-04T09:30:00.000Z',
    events: [
      { tMs: 0, kind: 'case-loaded', caseId: 'normal-teaching-knee', side: 'right', seed: 42 },
      { tMs: 120, kind: 'probe-pose', pose: { centre: { x: 1, y: 2, z: 30 }, rotationDeg: 0, tiltDeg: 0, compressionMm: 0 } },
      { tMs: 900, kind: 'needle-inserted', entry: { x: -20, y: 0, z: 31 }, direction: { x: 0.8, y: 0, z: -0.6 } },
      { tMs: 1500, kind: 'injection', ml: 1.5 },
    ],
    ...overrides,
  };
}

/** The sample record carried on to its 'finished' event, 95 s in. */
export function finishedRecord(overrides: Partial<SessionRecord> = {}): SessionRecord {
  const record = sampleRecord(overrides);
  return { ...record, events: [...record.events, { tMs: 95_000, kind: 'finished' }] };
}

export function sampleResult(total = 72, criticalKinds: SafetyEventKind[] = []): AttemptResult {
  return {
    total,
    itemPoints: 80,
    items: [
      { id: 'halo', group: 'spread', title: 'Halo around the nerve', points: 15, maxPoints: 20, reason: message('reason.halo', { halo: 78, full: 90, zero: 25 }), advice: message('advice.halo', { full: 90 }) },
      { id: 'volume', group: 'spread', title: 'Volume', points: 5, maxPoints: 5, reason: message('reason.volume', { total: 5, min: 4, max: 6 }), advice: null },
    ],
    safetyEvents: criticalKinds.map((kind, i) => ({
      kind,
      tMs: 1000 + i,
      penalty: 0,
      capTo: 40,
      critical: true,
      description: message('text.verbatim', { text: `${kind} happened` }),
    })),
    cappedAt: criticalKinds.length > 0 ? 40 : null,
  };
}

export const sampleFluid: FluidMeasures = {
  totalMl: 5.25,
  haloCoveragePct: 78.44,
  spreadProximalMm: 12.3,
  spreadDistalMm: 8.1,
  superficialMl: 2.5,
  deepMl: 2.75,
  intraneuralMl: 0,
};

// JSON turns -0 into 0; the round trip is exact for every other double.
const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => (v === 0 ? 0 : v));
/** Lengths within the import limit (±10 m). */
const mm = fc.double({ min: -10_000, max: 10_000, noNaN: true }).map((v) => (v === 0 ? 0 : v));
const tMs = fc.double({ min: 0, max: 3_600_000, noNaN: true }).map((v) => (v === 0 ? 0 : v));
const seed = fc.integer({ min: 0, max: 1_000_000 });
const knownCaseId = fc.constantFrom(...cases.map((c) => c.id));
const vec3: fc.Arbitrary<Vec3> = fc.record({ x: mm, y: mm, z: mm });
const side = fc.constantFrom<'left' | 'right'>('left', 'right');
const pose: fc.Arbitrary<ProbePose> = fc.record(
  { centre: vec3, rotationDeg: finite, tiltDeg: finite, compressionMm: mm, skinDragMm: mm },
  { requiredKeys: ['centre', 'rotationDeg', 'tiltDeg', 'compressionMm'] },
);
const imaging: fc.Arbitrary<ImagingSettings> = fc.record({
  mode: fc.constantFrom<ImagingSettings['mode']>('b-mode', 'anatomy'),
  depthMm: mm,
  gainDb: finite,
  frequencyMHz: finite,
  focusMm: mm,
  dynamicRangeDb: finite,
  tgcDb: fc.array(finite, { maxLength: 5 }),
});

export const attemptEventArb: fc.Arbitrary<AttemptEvent> = fc.oneof(
  fc.record({ tMs, kind: fc.constant('case-loaded' as const), caseId: knownCaseId, side, seed }),
  fc.record({ tMs, kind: fc.constant('probe-pose' as const), pose }),
  fc.record({ tMs, kind: fc.constant('imaging' as const), settings: imaging }),
  fc.record({ tMs, kind: fc.constant('needle-inserted' as const), entry: vec3, direction: vec3 }),
  fc.record({ tMs, kind: fc.constant('needle-advanced' as const), mm }),
  fc.record({ tMs, kind: fc.constant('needle-redirected' as const), direction: vec3 }),
  fc.record({ tMs, kind: fc.constant('injection' as const), ml: fc.double({ min: 1e-6, max: 10, noNaN: true }) }),
  fc.record({ tMs, kind: fc.constant('aspiration' as const) }),
  fc.record({ tMs, kind: fc.constant('image-saved' as const), imageId: fc.string({ minLength: 1, maxLength: 200 }) }),
  fc.record({ tMs, kind: fc.constant('finished' as const) }),
);

/** Any record an import accepts: a known case, loaded as the record says, begun in the past. */
export const sessionRecordArb: fc.Arbitrary<SessionRecord> = fc
  .record({
    schemaVersion: fc.constant(1 as const),
    id: fc.uuid(),
    caseId: knownCaseId,
    side,
    seed,
    trainee: fc.string({ unit: 'grapheme', maxLength: 60 }),
    mode: fc.constantFrom<SessionRecord['mode']>('guided', 'assessment'),
    startedAt: fc
      .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2024-12-31T23:59:59Z'), noInvalidDate: true })
      .map((d) => d.toISOString()),
    events: fc.array(attemptEventArb, { maxLength: 30 }),
  })
  .map((record) => ({
    ...record,
    events: record.events.map((event) => (event.kind === 'case-loaded' ? { ...event, caseId: record.caseId, seed: record.seed } : event)),
  }));
