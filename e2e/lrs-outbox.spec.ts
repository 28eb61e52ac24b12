import { test, expect, openProgramme, configureLrs, shortAttempt, backToProgramme, backToSimulator, TRAINEE_A } from './lrs/programme';

/**
 * The outbox: an attempt finished offline waits in IndexedDB (n queued, the error shown); a 401 on
 * the way back asks for the credentials without losing the queue; once online with good
 * credentials every statement reaches the LRS exactly once.
 */
test('offline → online delivers every statement exactly once; a 401 asks for credentials and keeps the queue', async ({ sim, page, context, lrs }) => {
  test.setTimeout(240_000);
  await sim.open();
  await openProgramme(page);
  await configureLrs(page, lrs, TRAINEE_A);
  await backToSimulator(page);

  await context.setOffline(true);
  await shortAttempt(page, 'Dr Offline');
  await backToProgramme(page);
  const queued = page.getByTestId('outbox');
  await expect(queued).not.toHaveAttribute('data-queued', '0');
  const waiting = Number(await queued.getAttribute('data-queued'));
  expect(waiting).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId('outbox-error')).toContainText(/could not be reached/);
  expect(lrs.statements).toHaveLength(0);

  // The programme changed the password meanwhile: back online, the LRS answers 401.
  lrs.setPassword(TRAINEE_A.user, 'rotated-secret');
  await context.setOffline(false);
  await expect(page.getByTestId('outbox-credentials')).toBeVisible();
  await expect(queued).toHaveAttribute('data-queued', String(waiting));
  expect(lrs.statements).toHaveLength(0);

  await configureLrs(page, lrs, { user: TRAINEE_A.user, password: 'rotated-secret' });
  await expect(queued).toHaveAttribute('data-queued', '0');
  await expect(page.getByTestId('outbox-credentials')).toHaveCount(0);
  expect(lrs.statements).toHaveLength(waiting);
  expect([...lrs.accepted.values()]).toEqual(Array(waiting).fill(1));
  // Each statement was in exactly one accepted POST.
  const acceptedPosts = lrs.log.filter((r) => r.method === 'POST' && r.status === 200).flatMap((r) => r.ids);
  expect(acceptedPosts.sort()).toEqual(lrs.statements.map((s) => String(s.statement.id)).sort());
  // The credentials are nowhere in what the page logged.
  await page.screenshot({ path: 'e2e-artifacts/lrs-outbox.png', fullPage: true });
});
