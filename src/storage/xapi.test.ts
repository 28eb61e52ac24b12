import { describe, expect, it } from 'vitest';
import { PASSING_TOTAL, XAPI_VERBS, xapiStatements } from './xapi';
import { finishedRecord, sampleRecord, sampleResult } from './testSupport';

const HOME = 'https://trainer.example.org/';
const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('xapiStatements', () => {
  it("sends 'attempted' at the start, then 'completed' and 'scored' at the finish", () => {
    const statements = xapiStatements({ record: finishedRecord(), result: sampleResult(86) }, { homePage: HOME, caseTitle: 'Typical right knee' });
    expect(statements.map((s) => s.verb.id)).toEqual([XAPI_VERBS.attempted, XAPI_VERBS.completed, XAPI_VERBS.scored]);
    expect(XAPI_VERBS).toEqual({
      attempted: 'http://adlnet.gov/expapi/verbs/attempted',
      completed: 'http://adlnet.gov/expapi/verbs/completed',
      scored: 'http://adlnet.gov/expapi/verbs/scored',
    });
    expect(statements.map((s) => s.timestamp)).toEqual(['2025-03-04T09:30:00.000Z', '2025-03-04T09:31:35.000Z', '2025-03-04T09:31:35.000Z']);
    const [attempted, completed, scored] = statements;
    expect(attempted.actor).toEqual({ objectType: 'Agent', account: { homePage: 'https://trainer.example.org', name: 'Dr Ana Silva' } });
    expect(attempted.object.id).toBe('https://trainer.example.org/cases/normal-teaching-knee');
    expect(attempted.object.definition.name).toEqual({ 'en-US': 'Typical right knee' });
    expect(attempted.result).toBeUndefined();
    expect(completed.result).toEqual({ completion: true, success: true, duration: 'PT95S' });
    expect(scored.result).toEqual({ score: { raw: 86, min: 0, max: 100, scaled: 0.86 }, success: true, completion: true });
    expect(new Set(statements.map((s) => s.context.registration)).size).toBe(1);
  });

  it(`counts a pass from ${PASSING_TOTAL} points`, () => {
    const success = (total: number) => xapiStatements({ record: finishedRecord(), result: sampleResult(total) }, { homePage: HOME })[2].result?.success;
    expect(success(PASSING_TOTAL)).toBe(true);
    expect(success(PASSING_TOTAL - 0.1)).toBe(false);
  });

  it('only says attempted for an unfinished attempt', () => {
    const statements = xapiStatements({ record: sampleRecord(), result: null }, { homePage: HOME });
    expect(statements.map((s) => s.verb.display['en-US'])).toEqual(['attempted']);
  });

  it('gives stable UUID-shaped ids, one per attempt and verb', () => {
    const attempt = { record: finishedRecord(), result: sampleResult() };
    const ids = xapiStatements(attempt, { homePage: HOME }).map((s) => s.id);
    expect(xapiStatements(structuredClone(attempt), { homePage: HOME }).map((s) => s.id)).toEqual(ids);
    for (const id of ids) expect(id).toMatch(UUID_V5);
    expect(new Set(ids).size).toBe(3);
    const other = xapiStatements({ record: finishedRecord({ id: 'attempt-2' }), result: sampleResult() }, { homePage: HOME });
    expect(other.map((s) => s.id).filter((id) => ids.includes(id))).toEqual([]);
  });
});
