import type { StructureName } from './anatomy/namedStructure';

/**
 * What core says to a person — a score's reason and advice, a safety event, a refusal, the
 * patient's words — as a key and the values for its placeholders, never as a sentence. The
 * sentences live once, in the UI's locale files (src/i18n/locales), in every language; core only
 * picks which one and supplies the figures, so the debrief in Chinese shows the same numbers core
 * scored with and no layer re-derives core's branches to word them.
 */

/**
 * Every key core speaks with, and the placeholders its sentence takes. A test holds the locale
 * files to this table (each key present in both languages with exactly these placeholders).
 */
export const MESSAGE_PLACEHOLDERS = {
  // --- Score reasons (src/core/scoring/score.ts) ---
  'reason.short-axis-view.held': ['held', 'full'],
  'reason.short-axis-view.none': ['window'],
  'reason.long-axis-view.held': ['held', 'full'],
  'reason.long-axis-view.none': [],
  'reason.long-axis-trace.covered': ['covered', 'proximal', 'distal', 'min'],
  'reason.long-axis-trace.none': [],
  'reason.dynamic-compression.pressed': ['mm', 'min'],
  'reason.dynamic-compression.none': [],
  'reason.tip-visible-advancing.none': [],
  'reason.tip-visible-advancing.share': ['share', 'mm', 'min'],
  'reason.medial-to-lateral.none': [],
  'reason.medial-to-lateral.all': ['count'],
  'reason.medial-to-lateral.wrong': ['wrong', 'count', 'how'],
  'reason.medial-to-lateral.enteredLateral': [],
  'reason.medial-to-lateral.aimedMedial': [],
  'reason.medial-to-lateral.both': [],
  'reason.tip-visible-injecting.none': [],
  'reason.tip-visible-injecting.all': ['count'],
  'reason.tip-visible-injecting.blind': ['blind', 'count'],
  'reason.few-passes.none': [],
  'reason.few-passes.count': ['redirections', 'reinsertions', 'reAdvances', 'max'],
  'reason.fluid-leads-needle.noInjection': [],
  'reason.fluid-leads-needle.dry': ['mm', 'near', 'allowed'],
  'reason.fluid-leads-needle.shortfalls': ['shortfalls', 'advances', 'min', 'worst'],
  'reason.fluid-leads-needle.all': ['advances', 'min'],
  'reason.fluid-leads-needle.notNear': ['allowed'],
  'reason.halo': ['halo', 'full', 'zero'],
  'reason.longitudinal-spread': ['spread', 'proximal', 'distal', 'full', 'zero'],
  'reason.volume': ['total', 'min', 'max'],
  'reason.above-and-below': ['superficial', 'deep', 'min'],
  'reason.saved-short-axis.best': ['halo', 'min'],
  'reason.saved-short-axis.none': [],
  'reason.saved-long-axis.best': ['mm', 'min'],
  'reason.saved-long-axis.none': [],
  // --- Advice (src/core/scoring/advice.ts) ---
  'advice.short-axis-view': ['window', 'hold'],
  'advice.long-axis-view': ['hold'],
  'advice.long-axis-trace': ['min'],
  'advice.dynamic-compression': ['min'],
  'advice.tip-visible-advancing': ['min'],
  'advice.medial-to-lateral': [],
  'advice.medial-to-lateral.enteredLateral': [],
  'advice.medial-to-lateral.aimedMedial': [],
  'advice.tip-visible-injecting': [],
  'advice.few-passes': ['max'],
  'advice.fluid-leads-needle': ['near'],
  'advice.fluid-leads-needle.dry': ['advice', 'allowed'],
  'advice.fluid-leads-needle.inFluid': [],
  'advice.halo': ['full'],
  'advice.halo.subcutaneous': ['advice'],
  'advice.halo.intramuscular': ['advice'],
  'advice.longitudinal-spread': ['full'],
  'advice.volume': ['min', 'max'],
  'advice.volume.over': ['max'],
  'advice.above-and-below': ['min'],
  'advice.saved-short-axis': ['min'],
  'advice.saved-long-axis': ['min'],
  // --- Safety events (src/core/scoring/safety.ts): what happened, its effect, why it matters ---
  'safety.description': ['what', 'effect', 'explanation'],
  'safety.effect.capped': ['cap'],
  'safety.effect.penalty': ['penalty'],
  'safety.what.nerve-touched': ['structure'],
  'safety.what.needle-in-nerve': ['structure'],
  'safety.what.other-nerve-paraesthesia': ['structure'],
  'safety.what.vessel-punctured': ['structure'],
  'safety.what.bone-struck': ['structure'],
  'safety.what.high-pressure-injection': ['ml', 'psi'],
  'safety.what.intraneural-injection': ['ml'],
  'safety.what.intravascular-injection': ['ml'],
  'safety.what.intravascular-injection.named': ['ml', 'structure'],
  'safety.what.injection-tip-not-visible': ['ml'],
  'safety.what.entrapment-site-missed': ['site'],
  'safety.what.over-10-ml': ['ml'],
  'safety.explain.nerve-touched': [],
  'safety.explain.needle-in-nerve': [],
  'safety.explain.other-nerve-paraesthesia': [],
  'safety.explain.high-pressure-injection': ['psi'],
  'safety.explain.intraneural-injection': [],
  'safety.explain.vessel-punctured': [],
  'safety.explain.intravascular-injection': [],
  'safety.explain.bone-struck': [],
  'safety.explain.over-10-ml': ['ml'],
  'safety.explain.entrapment-site-missed': [],
  'safety.explain.injection-tip-not-visible': [],
  'site.fibular-head': [],
  'site.popliteal-groove': [],
  // --- A sentence kept as it came (a result from a file written before core spoke in keys) ---
  'text.verbatim': ['text'],
  // --- Refusals (SimError): what was refused and what to do instead ---
  'error.unexpected': ['text'],
  'error.notReady.building': [],
  'error.notReady.noProbe': [],
  'error.notReady.buildFailed': ['error'],
  'error.notReady.noCase': ['kind'],
  'error.notReady.noCaseLoaded': [],
  'error.replaying': [],
  'error.handedOver': [],
  'error.case.unknown': ['caseId', 'known'],
  'error.probe.request': [],
  'error.probe.centre': [],
  'error.probe.rotation': ['got'],
  'error.probe.tilt': ['max', 'got'],
  'error.probe.compression': ['max', 'got'],
  'error.probe.farFromSkin': ['mm', 'max'],
  'error.probe.offKnee': ['xMin', 'xMax', 'yMin', 'yMax'],
  'error.needle.request': [],
  'error.needle.zeroDirection': [],
  'error.needle.entryOffSkin': ['max'],
  'error.needle.outward': [],
  'error.needle.distance': ['got'],
  'error.needle.redirectRequest': [],
  'error.needle.turnTooFar': ['max', 'asked'],
  'error.needle.onBone': [],
  'error.needle.none': [],
  'error.injection.notInTissue': [],
  'error.injection.volume': ['got'],
  'error.injection.syringe': ['left', 'asked'],
  'error.injection.rate': ['min', 'max', 'got'],
  'error.point': ['what'],
  'error.attempt.finished': [],
  'error.api.arcLength': ['got'],
  'error.api.setAttempt': [],
  'error.api.mode': ['got'],
  'error.api.trainee': [],
  'error.api.action': ['got', 'known'],
  'error.import.empty': [],
  'error.attempt.id': [],
  'error.attempt.unknownId': ['id'],
  'error.import.notText': [],
  'error.import.readerFailed': ['detail'],
  'error.storage.full': ['what'],
  'error.storage.unavailable': ['what'],
  'error.storage.action.saved': [],
  'error.storage.action.read': [],
  'error.storage.action.listed': [],
  'error.storage.action.removed': [],
  'error.storage.action.imported': [],
  'error.storage.action.opened': [],
  'error.storage.closed': [],
  'error.storage.importedRecord': ['id'],
  'error.storage.takenOver': ['id', 'why'],
  'error.storage.olderTab': [],
  'error.storage.newerTab': [],
  'error.import.refused': ['why'],
  'error.import.tooLarge': ['mb'],
  'error.import.notJson': ['detail'],
  'error.import.notOurs': ['found', 'format'],
  'error.import.newer': ['found', 'reads'],
  'error.import.tooMany': ['count', 'max'],
  'error.import.damaged': ['path', 'detail', 'others'],
  'error.import.unknownCase': ['where', 'id', 'caseId'],
  'error.import.caseMismatch': ['where', 'id', 'caseId', 'seed', 'loadedCaseId', 'loadedSeed'],
  'error.import.future': ['where', 'id', 'startedAt'],
  'error.import.clash': ['id'],
  'error.import.changed': ['id'],
  'error.notReady.noImage': [],
  'error.notReady.nothingToFinish': [],
  'error.attempt.noDebrief': [],
  'error.import.noCaseEvent': [],
  'error.api.reset': [],
  'error.api.side': ['got'],
  'error.api.seed': ['got'],
  'error.imaging.range': ['name', 'min', 'max', 'unit', 'got'],
  'error.imaging.request': [],
  'error.imaging.unknown': ['unknown', 'known'],
  'error.imaging.mode': ['got'],
  'error.imaging.tgc': ['bands'],
  'error.injection.failed': [],
  'error.session.earlier': [],
  'error.session.seek': ['got'],
  'error.worker.noSession': ['id'],
  'error.worker.stopped': ['reason', 'kind'],
  // --- The patient's words and what the syringe shows (src/core/needle/contactWords.ts) ---
  'patient.cpn.touched': [],
  'patient.cpn.entered': [],
  'patient.otherNerve.lateralSuralCutaneousNerve': [],
  'patient.otherNerve.tibialNerve': [],
  'patient.otherNerve.superficialPeronealNerve': [],
  'patient.otherNerve.deepPeronealNerve': [],
  'patient.vessel-punctured': [],
  'patient.bone-struck': [],
  'patient.sonoTinel': ['words'],
  'syringe.notice.intravascular': ['ml'],
  'syringe.notice.blood': [],
  'syringe.notice.noBlood': [],
  // --- Where the probe is (src/core/probe/placement.ts describePosition) ---
  'position.described': ['along', 'across'],
  'position.level': [],
  'position.proximal': ['mm'],
  'position.distal': ['mm'],
  'position.lateral': ['mm'],
  'position.medial': ['mm'],
  // --- Guided practice's coach (src/core/needle/contactWords.ts, src/core/coaching/coach.ts) ---
  'coach.cpn.touched': [],
  'coach.cpn.entered': [],
  'coach.otherNerve.lateralSuralCutaneousNerve': [],
  'coach.otherNerve.tibialNerve': [],
  'coach.otherNerve.superficialPeronealNerve': [],
  'coach.otherNerve.deepPeronealNerve': [],
  'coach.tipOutOfImage': [],
  'coach.steepNeedle': ['deg'],
  'coach.highPressure': ['psi'],
  'coach.fluid.subcutaneous': [],
  'coach.fluid.intramuscular': [],
  'coach.injectIntoVessel': [],
  'coach.probeDrift': [],
} as const satisfies Record<string, readonly string[]>;

/** A structure's name is a message of its own, put into a sentence that names it. */
export type StructureKey = `structure.${StructureName}`;

export type MessageKey = keyof typeof MESSAGE_PLACEHOLDERS | StructureKey;

/** Words the case library writes in both languages (a patient's own complaint): said as written, in the reader's language. */
export interface WrittenInBoth {
  en: string;
  zh: string;
}

/** A figure (already rounded as it should read), a verbatim string, another message (a name, a clause), or words written in both languages. */
export type MessageValue = number | string | Message | WrittenInBoth;

export interface Message {
  key: MessageKey;
  values: Record<string, MessageValue>;
  /**
   * The English sentence, added only where a message leaves the app in a file, for a reader
   * without it; never read back (the key and values are the message).
   */
  text?: string;
}

type Placeholders<K extends MessageKey> = K extends keyof typeof MESSAGE_PLACEHOLDERS ? (typeof MESSAGE_PLACEHOLDERS)[K][number] : never;

/** A message with exactly the values its sentence's placeholders need (the compiler checks the names). */
export function message<K extends MessageKey>(key: K, ...values: [Placeholders<K>] extends [never] ? [] : [Record<Placeholders<K>, MessageValue>]): Message {
  return { key, values: values[0] ?? {} };
}

/** The name of a structure, as a value for a sentence that names it. */
export const structureMessage = (structure: StructureName): Message => ({ key: `structure.${structure}`, values: {} });

/** A figure rounded down to `decimals`, as the reasons show it: one just short of a threshold never reads as meeting it. */
export function floorTo(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** decimals;
  // The small nudge keeps 79.9 from flooring to 79.8 through binary representation error.
  const floored = Math.floor(x * f + 1e-7) / f;
  return Object.is(floored, -0) ? 0 : Number(floored.toFixed(decimals));
}
