import type { Page } from '@playwright/test';
import { test as simTest, expect } from '../simulator';
import { needleAboveNerve } from '../attemptScripts';
import { LrsDouble } from './lrsDouble';

export const TRAINEE_A = { user: 'trainee-a', password: 'a-secret' };
export const INSTRUCTOR = { user: 'instructor', password: 'i-secret' };

/** Each spec gets its own LRS double on a free port, stopped after it. */
export const test = simTest.extend<{ lrs: LrsDouble }>({
  // Playwright reads a fixture's dependencies from its first parameter: this one has none.
  // eslint-disable-next-line no-empty-pattern
  lrs: async ({}, use) => {
    const lrs = new LrsDouble({ [TRAINEE_A.user]: TRAINEE_A.password, [INSTRUCTOR.user]: INSTRUCTOR.password });
    await lrs.start();
    await use(lrs);
    await lrs.stop();
  },
});
export { expect };

/** Attempts → Programme, as a person gets there. */
export async function openProgramme(page: Page): Promise<void> {
  await page.getByTestId('open-review').click();
  await page.getByTestId('tab-programme').click();
  await expect(page.getByTestId('programme')).toBeVisible();
}

/** Fills in the LRS endpoint and credentials and saves them. */
export async function configureLrs(page: Page, lrs: LrsDouble, account: { user: string; password: string }): Promise<void> {
  await page.getByTestId('lrs-endpoint').fill(lrs.endpoint);
  await page.getByTestId('lrs-user').fill(account.user);
  await page.getByTestId('lrs-password').fill(account.password);
  await page.getByTestId('lrs-save').click();
  await expect(page.getByTestId('programme-message')).toContainText(/saved|已保存/);
}

/** A short finished attempt: probe over the nerve, needle above it, 1 ml, finish. Returns the total. */
export async function shortAttempt(page: Page, trainee: string): Promise<number> {
  await page.evaluate((trainee) => window.sim!.setAttempt({ trainee, mode: 'assessment' }), trainee);
  await needleAboveNerve(page);
  return page.evaluate(async () => {
    await window.sim!.inject(1);
    return (await window.sim!.finish()).total;
  });
}

/** Back from the debrief to Attempts → Programme. */
export async function backToProgramme(page: Page): Promise<void> {
  await page.getByTestId('open-review').click();
  await page.getByTestId('tab-programme').click();
}

/** From the attempts page back to the simulator. */
export async function backToSimulator(page: Page): Promise<void> {
  await page.getByTestId('review').getByRole('button', { name: /^(Back to the simulator|返回模拟器)$/ }).click();
}
