import { z } from '../core/zod';
import type { AttemptEvent, ImagingSettings, SessionRecord } from '../core/attempt/events';
import type { ProbePose } from '../core/probe/pose';
import type { Vec3 } from '../core/math/vec3';
import type { AttemptResult, SafetyEventKind, ScoreGroup } from '../core/scoring/result';
import { STRUCTURE_TITLES_EN, type StructureName } from '../core/anatomy/namedStructure';
import { MESSAGE_PLACEHOLDERS, type Message, type MessageKey } from '../core/message';
import { IMPORT_LIMITS as LIMITS } from './importLimits';
import { MIN_INJECTION_RATE_ML_PER_S, MAX_INJECTION_RATE_ML_PER_S } from '../core/fluid/injectionPressure';

/**
 * Runtime mirrors of the core's attempt types, used where data comes from outside the app (an
 * imported file). Our own IndexedDB writes are type-checked at compile time and are not re-parsed:
 * parsing thousands of pose samples on every save would defeat the cheap upsert.
 *
 * zod v4's `z.number()` already refuses NaN and ±Infinity, which is what "finite" needs here; JSON
 * cannot carry them anyway, but a hand-edited file could hold `1e999` (parsed as Infinity).
 */

const finite = z.number();
/** Lengths and coordinates: finite is not enough (1e308 mm breaks the simulation's arithmetic). */
const mm = z
  .number()
  .min(-LIMITS.lengthMaxMm, { error: `a length beyond ±${LIMITS.lengthMaxMm} mm` })
  .max(LIMITS.lengthMaxMm, { error: `a length beyond ±${LIMITS.lengthMaxMm} mm` });
const seed = z.int({ error: 'a seed must be a whole number' });
const id = z.string().min(1).max(LIMITS.idChars, { error: `longer than ${LIMITS.idChars} characters` });
const text = z.string().max(LIMITS.textChars, { error: `longer than ${LIMITS.textChars} characters` });
const vec3Schema = z.object({ x: mm, y: mm, z: mm });
const sideSchema = z.enum(['left', 'right']);

const probePoseSchema = z.object({
  centre: vec3Schema,
  rotationDeg: finite,
  tiltDeg: finite,
  compressionMm: mm,
  skinDragMm: mm.optional(),
});

const imagingSettingsSchema = z.object({
  mode: z.enum(['b-mode', 'anatomy']),
  depthMm: mm,
  gainDb: finite,
  frequencyMHz: finite,
  focusMm: mm,
  dynamicRangeDb: finite,
  tgcDb: z.array(finite).max(16),
});

/** Events are stamped by the store's clock from the attempt's start, so never before it. */
const tMs = z
  .number()
  .nonnegative()
  .max(LIMITS.eventMaxMs, { error: `an event more than ${LIMITS.eventMaxMs / 3_600_000} hours after the start` });
/** The plunger's speed (injectionPressure.ts): outside the syringe's range the log was not made by this simulator. */
const injectionRate = z
  .number()
  .min(MIN_INJECTION_RATE_ML_PER_S, { error: `an injection rate below ${MIN_INJECTION_RATE_ML_PER_S} ml/s` })
  .max(MAX_INJECTION_RATE_ML_PER_S, { error: `an injection rate above ${MAX_INJECTION_RATE_ML_PER_S} ml/s` });
const injectionMl = z
  .number()
  .gt(0, { error: 'an injection must be more than 0 ml' })
  .max(LIMITS.injectionMaxMl, { error: `an injection step holds at most ${LIMITS.injectionMaxMl} ml (the syringe)` });

export const attemptEventSchema = z.discriminatedUnion('kind', [
  z.object({ tMs, kind: z.literal('case-loaded'), caseId: id, side: sideSchema, seed }),
  z.object({ tMs, kind: z.literal('probe-pose'), pose: probePoseSchema }),
  z.object({ tMs, kind: z.literal('imaging'), settings: imagingSettingsSchema }),
  z.object({ tMs, kind: z.literal('needle-inserted'), entry: vec3Schema, direction: vec3Schema }),
  z.object({ tMs, kind: z.literal('needle-advanced'), mm }),
  z.object({ tMs, kind: z.literal('needle-redirected'), direction: vec3Schema }),
  z.object({ tMs, kind: z.literal('injection'), ml: injectionMl, continuesHold: z.boolean().optional(), rateMlPerS: injectionRate.optional() }),
  z.object({ tMs, kind: z.literal('aspiration') }),
  z.object({ tMs, kind: z.literal('image-saved'), imageId: id }),
  z.object({ tMs, kind: z.literal('finished') }),
]);

export const sessionRecordSchema = z.object({
  schemaVersion: z.literal(1),
  id,
  caseId: id,
  side: sideSchema,
  seed,
  trainee: z.string().max(LIMITS.traineeChars, { error: `a trainee name longer than ${LIMITS.traineeChars} characters` }),
  mode: z.enum(['guided', 'assessment']),
  // Offsets allowed: a record written on another machine may carry its local offset. xAPI and the
  // CSV turn this into instants, so a malformed date must be refused here, not crash there.
  startedAt: z.iso.datetime({ offset: true }),
  events: z
    .array(attemptEventSchema)
    .max(LIMITS.eventsPerAttempt, { error: `more than ${LIMITS.eventsPerAttempt} events in one attempt` }),
  reasoning: z
    .array(z.object({ questionId: id, answer: text.min(1) }))
    .max(100)
    .optional(),
});

/*
 * Enum members listed as records keyed by the core union: adding a member to the core type without
 * adding it here is a compile error, so the import schema can never silently refuse a new kind.
 */
const scoreGroups: Record<ScoreGroup, true> = { scan: true, needle: true, spread: true, verify: true };
const safetyEventKinds: Record<SafetyEventKind, true> = {
  'nerve-touched': true,
  'needle-in-nerve': true,
  'other-nerve-paraesthesia': true,
  'high-pressure-injection': true,
  'intraneural-injection': true,
  'vessel-punctured': true,
  'intravascular-injection': true,
  'bone-struck': true,
  'over-10-ml': true,
  'entrapment-site-missed': true,
  'injection-tip-not-visible': true,
};
const enumOf = <K extends string>(members: Record<K, true>) => z.enum(Object.keys(members) as [K, ...K[]]);
// Core's table of names has every structure as a key, so a new structure is accepted here at once.
const structureNames = z.enum(Object.keys(STRUCTURE_TITLES_EN) as [StructureName, ...StructureName[]]);

/** Core's sentences travel as a key and values (the English beside them, for people, never read back). */
const messageKeys = [...Object.keys(MESSAGE_PLACEHOLDERS), ...Object.keys(STRUCTURE_TITLES_EN).map((s) => `structure.${s}`)] as [MessageKey, ...MessageKey[]];
const messageSchema: z.ZodType<Message> = z.lazy(() =>
  z.object({
    key: z.enum(messageKeys),
    values: z.record(z.string(), z.union([finite, z.string(), messageSchema])),
    text: z.string().optional(),
  }),
);
/** Files written before core spoke in keys carry English sentences: read as a verbatim text (the score is recomputed anyway). */
const sentence = z.union([messageSchema, z.string().transform((text): Message => ({ key: 'text.verbatim', values: { text } }))]);

const scoreItemSchema = z.object({
  id: z.string().max(LIMITS.idChars),
  group: enumOf(scoreGroups),
  title: text,
  points: finite,
  maxPoints: finite,
  reason: sentence,
  advice: sentence.nullable(),
});

const safetyEventSchema = z.object({
  kind: enumOf(safetyEventKinds),
  tMs,
  penalty: finite,
  capTo: finite.nullable(),
  critical: z.boolean(),
  description: sentence,
  // Optional: results stored before safety events named their structure have none.
  structure: structureNames.optional(),
});

export const attemptResultSchema = z.object({
  total: finite,
  itemPoints: finite,
  items: z.array(scoreItemSchema).max(200),
  safetyEvents: z.array(safetyEventSchema).max(LIMITS.eventsPerAttempt),
  cappedAt: finite.nullable(),
});

/*
 * Compile-time proof that each schema describes exactly its core type: mutually assignable (parsed
 * data is usable as the core type, every value the app produces fits the schema) and with the same
 * keys (assignability alone would let an optional field such as `skinDragMm` go missing). A core
 * change that is not mirrored here fails `tsc`, not an instructor's import.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SameShape<A, B> = Same<A, B> extends true ? Same<keyof A, keyof B> : false;
type EventKind = AttemptEvent['kind'];
type ParsedEvent = z.infer<typeof attemptEventSchema>;
type EveryEventMirrored = false extends {
  [K in EventKind]: SameShape<Extract<ParsedEvent, { kind: K }>, Extract<AttemptEvent, { kind: K }>>;
}[EventKind]
  ? false
  : Same<ParsedEvent['kind'], EventKind>;
type ParsedResult = z.infer<typeof attemptResultSchema>;
export type SchemaMirrorsCore = [
  SameShape<z.infer<typeof vec3Schema>, Vec3>,
  SameShape<z.infer<typeof probePoseSchema>, ProbePose>,
  SameShape<z.infer<typeof imagingSettingsSchema>, ImagingSettings>,
  EveryEventMirrored,
  SameShape<z.infer<typeof sessionRecordSchema>, SessionRecord>,
  SameShape<ParsedResult, AttemptResult>,
  SameShape<ParsedResult['items'][number], AttemptResult['items'][number]>,
  SameShape<ParsedResult['safetyEvents'][number], AttemptResult['safetyEvents'][number]>,
];
const schemaMirrorsCore: SchemaMirrorsCore = [true, true, true, true, true, true, true, true];
void schemaMirrorsCore;
