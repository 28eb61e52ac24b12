import { z } from '../zod';

/** A text in both of the trainer's languages. */
export const bilingualSchema = z.object({ en: z.string().min(1), zh: z.string().min(1) });
export type Bilingual = z.infer<typeof bilingualSchema>;

/** Where a case's nerve is entrapped: the fibular head/tunnel, or the groove higher in the popliteal fossa. */
export const entrapmentSiteSchema = z.enum(['fibular-head', 'popliteal-groove']);
export type EntrapmentSiteName = z.infer<typeof entrapmentSiteSchema>;

const outcomeSchema = z.enum(['improved', 'none', 'n/a']);

/**
 * One case file (src/core/cases/library/<id>.json): the patient, the briefing the trainee reads,
 * and the anatomy parameters within anatomy.md's ranges. Checked when the library loads.
 */
export const caseFileSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  kind: z.enum(['teaching', 'patient', 'variant']),
  /** Position in the case picker. */
  order: z.number().int(),
  title: bilingualSchema,
  summary: bilingualSchema,
  briefing: z.object({ history: bilingualSchema, symptoms: bilingualSchema, examination: bilingualSchema }),
  anatomy: z
    .object({
      nerveAreaMm2: z.number().min(5).max(30),
      nerveDepthMm: z.number().min(4).max(20),
      nerveCourse: z.enum(['over-fibular-head', 'behind-fibular-head']),
      adhesionToGastrocnemius: z.boolean(),
      fascicleAreaFraction: z.number().min(0.15).max(0.6),
      entrapmentSite: z.enum(['fibular-tunnel', 'popliteal-groove']),
      seed: z.number().int().min(0),
    })
    .partial()
    .strict(),
  /** The leg the patient presents with (the trainee may still scan the other). */
  side: z.enum(['left', 'right']),
  entrapmentSites: z.array(entrapmentSiteSchema),
  /** What the patient says when the probe presses on the entrapment (sono-Tinel); null when nothing. */
  symptomsOnCompression: bilingualSchema.nullable(),
  /** Symptom duration; more than three months responded poorly in the series. */
  durationDays: z.number().int().positive().nullable(),
  outcome: z.object({ sensory: outcomeSchema, motor: outcomeSchema, sessions: z.number().int().min(1) }).nullable(),
  patient: z
    .object({ number: z.number().int().min(1).max(9), sex: z.enum(['M', 'F']), age: z.number().int().min(1).max(120), trigger: bilingualSchema })
    .nullable(),
});

export type CaseFile = z.infer<typeof caseFileSchema>;
