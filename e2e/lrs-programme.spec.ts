import { test, expect, openProgramme, configureLrs, shortAttempt, backToProgramme, backToSimulator, TRAINEE_A, INSTRUCTOR } from './lrs/programme';
import { Simulator } from './simulator';

const COMPLETED = 'http://adlnet.gov/expapi/verbs/completed';

/**
 * A programme with an LRS: a trainee's attempt made in one browser reaches the LRS (every statement
 * valid, the event log attached with its hash) and appears, rescored, exactly once in the
 * instructor's cohort view in another browser, beside the instructor's own attempt.
 */
test('an attempt in one browser appears rescored, exactly once, in the instructor’s cohort view in another', async ({ sim, page, browser, lrs }) => {
  test.setTimeout(480_000);
  // One statement a page: the cohort must follow `more` links to see both attempts.
  lrs.pageSize = 1;
  // Trainee A's browser.
  await sim.open();
  await openProgramme(page);
  await configureLrs(page, lrs, TRAINEE_A);
  await page.getByTestId('lrs-test').click();
  await expect(page.getByTestId('programme-message')).toContainText('1.0.3');
  // Once an LRS is configured, a page of the trainer starts with a second CSP that lets it reach
  // only itself and the LRS (checked in a second tab: the spec's own page must see no violation).
  const probePage = await page.context().newPage();
  await probePage.goto('/?automation');
  await probePage.waitForSelector('meta[data-lrs-csp]', { state: 'attached' });
  expect(await probePage.locator('meta[data-lrs-csp]').getAttribute('content')).toBe(`connect-src 'self' ${lrs.origin}`);
  const blocked = await probePage.evaluate(async () => {
    const violation = new Promise<string>((resolve) => document.addEventListener('securitypolicyviolation', (e) => resolve(e.blockedURI), { once: true }));
    await fetch('http://localhost:9/elsewhere').catch(() => undefined);
    return Promise.race([violation, new Promise<string>((r) => setTimeout(() => r('none'), 2000))]);
  });
  expect(blocked).toContain('localhost:9');
  await probePage.close();
  await backToSimulator(page);
  const totalA = await shortAttempt(page, 'Dr Ana');
  await backToProgramme(page);
  await expect(page.getByTestId('outbox')).toHaveAttribute('data-queued', '0');
  const completedA = lrs.statementList().filter((s) => (s.verb as { id: string }).id === COMPLETED);
  expect(completedA).toHaveLength(1);
  expect((completedA[0].attachments as { contentType: string }[])[0].contentType).toBe('application/json');
  // Credentials never travel in an export.
  const exported = await page.evaluate(async () => window.sim!.attempts.export((await window.sim!.attempts.list())[0].id));
  expect(exported).not.toContain(TRAINEE_A.password);
  // Trainee A is done: their page stops rendering so the instructor's knee builds on a busy machine.
  await page.goto('about:blank');

  // The instructor's browser: another context, with an attempt of their own.
  const instructorContext = await browser.newContext();
  const instructorPage = await instructorContext.newPage();
  const instructor = new Simulator(instructorPage);
  await instructor.open();
  await openProgramme(instructorPage);
  await configureLrs(instructorPage, lrs, INSTRUCTOR);
  await backToSimulator(instructorPage);
  const totalB = await shortAttempt(instructorPage, 'Dr Ben');
  await backToProgramme(instructorPage);
  await expect(instructorPage.getByTestId('outbox')).toHaveAttribute('data-queued', '0');

  await instructorPage.getByTestId('cohort-pull').click();
  await expect(instructorPage.getByTestId('cohort-message')).toContainText(/2 new, 0 altered, 0 refused/);
  const rows = instructorPage.getByTestId('cohort-row');
  await expect(rows).toHaveCount(2);
  const score = (trainee: string) => instructorPage.locator(`[data-testid="cohort-row"][data-trainee="${trainee}"] [data-testid="cohort-score"]`);
  await expect(score('Dr Ana')).toHaveText(String(Math.round(totalA * 10) / 10));
  await expect(score('Dr Ben')).toHaveText(String(Math.round(totalB * 10) / 10));
  await expect(instructorPage.getByTestId('altered-flag')).toHaveCount(0);

  // Pulling again reads nothing new (since) and lists each attempt once; the cache serves it offline.
  await instructorPage.getByTestId('cohort-pull').click();
  await expect(instructorPage.getByTestId('cohort-message')).toContainText(/Read 0 completed/);
  await instructorContext.setOffline(true);
  await instructorPage.reload();
  await instructorPage.waitForFunction(() => window.sim !== undefined);
  await openProgramme(instructorPage);
  await expect(rows).toHaveCount(2);
  await instructorContext.setOffline(false);

  // Learning curve for one trainee and compare across trainees.
  await instructorPage.getByTestId('cohort-trainee').selectOption('Dr Ana');
  await expect(instructorPage.getByTestId('learning-curve')).toBeVisible();
  await instructorPage.getByTestId('cohort-trainee').selectOption('');
  for (const checkbox of await rows.getByRole('checkbox').all()) await checkbox.check();
  await expect(instructorPage.getByTestId('compare')).toBeVisible();
  await instructorPage.screenshot({ path: 'e2e-artifacts/lrs-cohort.png', fullPage: true });

  // Every statement reached the LRS once; the double validated each one and its attachment hash.
  expect([...lrs.accepted.values()].every((n) => n === 1)).toBe(true);
  expect(lrs.log.filter((r) => r.method === 'GET' && r.path.startsWith('/xapi/statements/more/')).length, 'the cohort followed more links').toBeGreaterThan(0);
  await instructorContext.close();
});
