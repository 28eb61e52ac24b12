import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LrsDouble } from '../../e2e/lrs/lrsDouble';
import { attemptStatements } from './statements';
import { basicAuth, LrsHttpError, postStatements, type LrsTarget } from './client';
import { pullCohort } from './cohort';
import { openLrsDb } from './lrsDb';
import { finishedRecord, sampleResult } from '../storage/testSupport';
import type { SessionRecord } from '../core/attempt/events';

const HOME = 'http://127.0.0.1:4717/';
let lrs: LrsDouble;
let target: LrsTarget;

/** Reports one finished attempt through the real client (@xapi/xapi) to the strict LRS double. */
async function report(id: string, total: number) {
  const out = await attemptStatements({ record: finishedRecord({ id, trainee: `Trainee ${id}` }), result: sampleResult(total) }, { homePage: HOME, language: 'en', appVersion: '0.1.0' });
  await postStatements(target, out.map((o) => o.statement), out.flatMap((o) => (o.attachment ? [o.attachment] : [])));
}

/** The events decide the score here: attempt 'forged' scores 65 whatever its statements claim. */
const rescore = async (record: SessionRecord) => sampleResult(record.id === 'forged' ? 65 : record.id === 'a1' ? 40 : 90);

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  lrs = new LrsDouble({ coach: 'secret' });
  await lrs.start();
  target = { endpoint: lrs.endpoint, auth: basicAuth('coach', 'secret') };
});
afterEach(() => lrs.stop());

describe('the client against the LRS double, and pullCohort', () => {
  it('reads every completed attempt across `more` pages, rescored from its attached events (a differing claim marked altered), and nothing twice', async () => {
    await report('a1', 40);
    await report('a2', 90);
    await report('forged', 70);
    const db = await openLrsDb();
    const first = await pullCohort({ db, target, homePage: HOME, rescore });
    expect(first).toEqual({ read: 3, added: 3, altered: 1, refused: [], pages: 2 });
    const cached = (await db.getAll('cohort')).map((c) => [c.record.id, c.result?.total, c.altered]).sort();
    expect(cached).toEqual([['a1', 40, false], ['a2', 90, false], ['forged', 65, true]]);
    // `since` the newest stored: the second pull reads nothing and changes nothing.
    expect(await pullCohort({ db, target, homePage: HOME, rescore })).toMatchObject({ read: 0, added: 0 });
    await report('a3', 90);
    expect(await pullCohort({ db, target, homePage: HOME, rescore })).toMatchObject({ read: 1, added: 1 });
    expect(await db.count('cohort')).toBe(4);
  });

  it('refuses an attempt whose attached event log does not match its SHA-256', async () => {
    await report('a1', 40);
    const stored = lrs.statements.find((s) => s.attachments.size > 0)!;
    const [sha, part] = [...stored.attachments.entries()][0];
    stored.attachments.set(sha, { ...part, body: Buffer.from(part.body.toString('utf8').replace('"trainee":"Trainee a1"', '"trainee":"Somebody else"')) });
    const db = await openLrsDb();
    const pulled = await pullCohort({ db, target, homePage: HOME, rescore });
    expect(pulled.refused).toEqual([{ statementId: stored.statement.id, why: expect.stringMatching(/SHA-256/) }]);
    expect(await db.count('cohort')).toBe(0);
  });

  it('the double refuses what a conformant LRS would: bad credentials 401, another statement under a sent id 409', async () => {
    await expect(postStatements({ ...target, auth: basicAuth('coach', 'wrong') }, [], [])).rejects.toMatchObject({ status: 401 });
    await report('a1', 40);
    const out = await attemptStatements({ record: finishedRecord({ id: 'a1', trainee: 'Renamed' }), result: sampleResult(40) }, { homePage: HOME, language: 'en', appVersion: '0.1.0' });
    const error = await postStatements(target, [out[0].statement], []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LrsHttpError);
    expect((error as LrsHttpError).status).toBe(409);
    // The same statements again are accepted and kept once.
    await report('a1', 40);
    expect([...lrs.accepted.values()].every((n) => n === 1)).toBe(true);
  });
});
