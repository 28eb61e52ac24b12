import { test, expect, shortAttempt } from './lrs/programme';

const CMI5 = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const verbOf = (s: Record<string, unknown>) => (s.verb as { id: string }).id.split('/').pop();

/**
 * The LMS launches the trainer with the cmi5 parameters: the trainer fetches its token, reads
 * LMS.LaunchData, sends initialized; at the finish, its own statements plus completed,
 * passed/failed (against the LMS's mastery score) and terminated, all in the launch's registration.
 */
test('a cmi5 launch: token fetched, launch data read, initialized … completed, passed/failed, terminated', async ({ sim, page, lrs }) => {
  test.setTimeout(240_000);
  const actor = { objectType: 'Agent', name: 'Learner One', account: { homePage: 'https://lms.example.org', name: 'learner-1' } };
  const launch = lrs.prepareCmi5Launch({ actor, activityId: 'https://lms.example.org/au/cpn-hydrodissection', masteryScore: 0.5 });
  await sim.open(`automation&${new URLSearchParams(launch).toString()}`);
  await expect.poll(() => lrs.statementList().map(verbOf)).toEqual(['initialized']);
  expect(lrs.log.filter((r) => r.path.startsWith('/cmi5/fetch/'))).toHaveLength(1);
  expect(lrs.log.some((r) => r.method === 'GET' && r.path === '/xapi/activities/state' && r.status === 200), 'LMS.LaunchData read').toBe(true);

  const total = await shortAttempt(page, 'Learner One');
  const outcome = total >= 50 ? 'passed' : 'failed';
  await expect.poll(() => lrs.statementList().map(verbOf).filter((v) => ['completed', 'passed', 'failed', 'terminated'].includes(v!)), { timeout: 30_000 }).toEqual(
    expect.arrayContaining(['completed', outcome, 'terminated']),
  );
  const statements = lrs.statementList();
  expect(statements.every((s) => (s.context as { registration?: string }).registration === launch.registration)).toBe(true);
  const cmi5Defined = statements.filter((s) => JSON.stringify(s.context).includes(CMI5)).map(verbOf);
  expect(cmi5Defined).toEqual(['initialized', 'completed', outcome, 'terminated']);
  const failedOrPassed = statements.find((s) => verbOf(s) === outcome)!;
  expect((failedOrPassed.result as { score: { scaled: number } }).score.scaled).toBeCloseTo(Math.min(100, total) / 100, 6);
  // The trainer's own statements are in the launch too: its attempt, with the event log attached.
  // They leave through the outbox on their own schedule: waited for, not assumed sent with cmi5's.
  const ownStatements = () => lrs.statementList().filter((s) => !JSON.stringify(s.context).includes(CMI5));
  await expect.poll(() => ownStatements().map(verbOf), { timeout: 30_000 }).toEqual(expect.arrayContaining(['attempted', 'completed', 'scored']));
  const own = ownStatements();
  expect(own.every((s) => JSON.stringify(s.actor) === JSON.stringify(actor))).toBe(true);
  await page.getByTestId('open-review').click();
  await page.getByTestId('tab-programme').click();
  await expect(page.getByTestId('cmi5-status')).toHaveAttribute('data-state', 'finished');
  await page.screenshot({ path: 'e2e-artifacts/lrs-cmi5.png', fullPage: true });
});
