import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { attemptStatements, EVENT_LOG_USAGE, eventLogAttachmentText, SAFETY_VERB, trainerActivityId } from './statements';
import { XAPI_VERBS } from '../storage/xapi';
import { parseImport } from '../storage/exchange';
import { DEFAULT_PASS_SCORE } from '../core/scoring/learningCurve';
import { finishedRecord, sampleRecord, sampleResult } from '../storage/testSupport';

// The validator Learning Locker uses: what a conformant LRS would refuse, refused here first.
const validate = (createRequire(import.meta.url)('xapi-validation') as { default: (s: unknown) => unknown[] }).default;
const HOME = 'https://trainer.example.org/';
const OPTIONS = { homePage: HOME, caseTitle: 'Typical right knee', language: 'zh', appVersion: '9.9.9' };
const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('attemptStatements', () => {
  it('reports attempted, completed, scored and one statement per safety event, every one valid xAPI', async () => {
    const out = await attemptStatements({ record: finishedRecord(), result: sampleResult(86, ['intraneural-injection', 'needle-in-nerve']) }, OPTIONS);
    expect(out.map((o) => o.statement.verb.id)).toEqual([XAPI_VERBS.attempted, XAPI_VERBS.completed, XAPI_VERBS.scored, SAFETY_VERB.id, SAFETY_VERB.id]);
    for (const { statement } of out) {
      expect(validate(statement), JSON.stringify(statement)).toEqual([]);
      expect(statement.id).toMatch(UUID_V5);
      expect(statement.context?.language).toBe('zh');
    }
    const context = out[0].statement.context!;
    expect(context.contextActivities?.parent).toEqual([{ objectType: 'Activity', id: trainerActivityId(HOME) }]);
    expect(context.extensions).toMatchObject({
      'https://trainer.example.org/xapi/extensions/case-id': finishedRecord().caseId,
      'https://trainer.example.org/xapi/extensions/mode': 'assessment',
      'https://trainer.example.org/xapi/extensions/language': 'zh',
      'https://trainer.example.org/xapi/extensions/app-version': '9.9.9',
    });
    expect(out[2].statement.result).toEqual({ score: { raw: 86, min: 0, max: 100, scaled: 0.86 }, success: true, completion: true });
    expect(out[1].statement.result?.duration).toBe('PT95S');
  });

  it('attaches the event log to the completed statement with its exact SHA-256 and length, readable as an attempts file', async () => {
    const stored = { record: finishedRecord(), result: sampleResult(70) };
    const [, completed] = await attemptStatements(stored, OPTIONS);
    const text = eventLogAttachmentText(stored);
    expect(completed.attachment).toBe(text);
    const [declared] = completed.statement.attachments!;
    expect(declared).toMatchObject({ usageType: EVENT_LOG_USAGE, contentType: 'application/json', length: Buffer.byteLength(text) });
    expect(declared.sha2).toBe(createHash('sha256').update(text).digest('hex'));
    expect(parseImport(text).attempts[0].record).toEqual(stored.record);
  });

  it('gives the same ids and bytes every time (a retry is harmless) and different ids per attempt and event', async () => {
    const stored = { record: finishedRecord(), result: sampleResult(70, ['needle-in-nerve']) };
    const once = await attemptStatements(stored, OPTIONS);
    const twice = await attemptStatements(stored, OPTIONS);
    expect(twice).toEqual(once);
    const other = await attemptStatements({ record: finishedRecord({ id: 'attempt-2' }), result: sampleResult(70, ['needle-in-nerve']) }, OPTIONS);
    const ids = new Set([...once, ...other].map((o) => o.statement.id));
    expect(ids.size).toBe(once.length + other.length);
  });

  it(`judges success against the rubric's pass mark (${DEFAULT_PASS_SCORE}) unless a pass mark is given`, async () => {
    const success = async (total: number, passMark?: number) =>
      (await attemptStatements({ record: finishedRecord(), result: sampleResult(total) }, { ...OPTIONS, passMark }))[2].statement.result?.success;
    expect(await success(DEFAULT_PASS_SCORE)).toBe(true);
    expect(await success(DEFAULT_PASS_SCORE - 0.5)).toBe(false);
    expect(await success(65, 60)).toBe(true);
  });

  it('uses the cmi5 launch actor and registration when given; an unfinished attempt says only attempted, with nothing attached', async () => {
    const actor = { objectType: 'Agent' as const, account: { homePage: 'https://lms.example.org', name: 'learner-7' } };
    const registration = '9f1a4c2e-8b7d-4e6f-a1b2-c3d4e5f6a7b8';
    const out = await attemptStatements({ record: finishedRecord(), result: sampleResult(90) }, { ...OPTIONS, actor, registration });
    expect(out.every((o) => o.statement.actor === actor && o.statement.context?.registration === registration)).toBe(true);
    const unfinished = await attemptStatements({ record: sampleRecord(), result: null }, OPTIONS);
    expect(unfinished.map((o) => o.statement.verb.id)).toEqual([XAPI_VERBS.attempted]);
    expect(unfinished[0].attachment).toBeUndefined();
  });
});
