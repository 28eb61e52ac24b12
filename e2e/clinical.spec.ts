import { ARTIFACTS_DIR } from './simulator';
import { test, expect, sharePageWithinFile } from './support/sharedSimulator';
import { playGoodAttempt } from './attemptScripts';

// Each test starts a new attempt on one shared page (support/sharedSimulator.ts).
sharePageWithinFile();

/** The clinical side of the case library: briefings, the sono-Tinel sign, the second site, reasoning. */

test('the case picker offers the nine patients of the series, each with its briefing', async ({ sim, page }) => {
  await sim.open();
  const patients = await page.evaluate(() => window.sim!.cases().filter((c) => c.id.startsWith('patient-')).length);
  expect(patients).toBe(9);
  await page.getByTestId('case-select').selectOption('patient-1');
  await page.evaluate(() => window.sim!.ready());
  await expect(page.getByTestId('case-briefing')).toContainText('67-year-old man');
  await expect(page.getByTestId('case-briefing')).toContainText('CMAP 0.19 mV');
  await page.screenshot({ path: `${ARTIFACTS_DIR}/case-picker-patient-1.png` });
});

test('pressing the probe over the entrapment reproduces the patient’s symptoms (sono-Tinel)', async ({ sim, page }) => {
  await sim.open();
  await page.evaluate(() => window.sim!.reset({ caseId: 'swollen-adhered-nerve' }));
  await page.evaluate(async () => {
    const centre = window.sim!.landmarks().cpnAtFibularHead;
    await window.sim!.setProbe({ centre, rotationDeg: 0, compressionMm: 1 });
  });
  await expect(page.getByTestId('patient-says')).toHaveCount(0);
  await page.evaluate(async () => {
    const centre = window.sim!.landmarks().cpnAtFibularHead;
    await window.sim!.setProbe({ centre, rotationDeg: 0, compressionMm: 4 });
  });
  await expect(page.getByTestId('patient-says')).toContainText('tingling');
});

test('the second-site case: treating only the fibular head misses the entrapment in the groove', async ({ sim, page }) => {
  test.setTimeout(120_000);
  await sim.open();
  await page.evaluate(() => window.sim!.reset({ caseId: 'second-site-groove-entrapment' }));
  // Traced proximally in long axis, the nerve is swollen above the groove, normal at the head.
  const areas = await page.evaluate(() => ({ head: window.sim!.nerveAt(0)!.areaMm2, groove: window.sim!.nerveAt(50)!.areaMm2 }));
  expect(areas.groove).toBeGreaterThan(areas.head + 3);
  await playGoodAttempt(page, 'Dr Head Only');
  const result = await page.evaluate(() => window.sim!.finish());
  expect(result.safetyEvents.map((e) => e.kind)).toContain('entrapment-site-missed');
  expect(result.total).toBeLessThanOrEqual(50);
  await expect(page.getByTestId('debrief')).toContainText('groove');
});

test('after the attempt, clinical-reasoning questions are answered, explained and kept with the attempt', async ({ sim, page }) => {
  test.setTimeout(120_000);
  await sim.open();
  await page.evaluate(() => window.sim!.reset({ caseId: 'patient-4' }));
  await playGoodAttempt(page, 'Dr Reasoning');
  await page.evaluate(() => window.sim!.finish());
  await expect(page.getByTestId('reasoning')).toBeVisible();
  await page.getByTestId('answer-entrapment-site-fibular-head').click();
  await expect(page.getByTestId('explanation-entrapment-site')).toContainText('Right');
  // Two years of symptoms: the series says a poor response is to be expected.
  await page.getByTestId('answer-expected-outcome-good').click();
  await expect(page.getByTestId('explanation-expected-outcome')).toContainText('more than three months');
  await page.screenshot({ path: `${ARTIFACTS_DIR}/debrief-reasoning.png`, fullPage: true });
  const stored = await page.evaluate(async () => {
    const list = await window.sim!.attempts.list();
    const mine = list.find((a) => a.trainee === 'Dr Reasoning')!;
    return JSON.parse(await window.sim!.attempts.export(mine.id));
  });
  expect(stored.attempts[0].record.reasoning).toEqual(
    expect.arrayContaining([
      { questionId: 'entrapment-site', answer: 'fibular-head' },
      { questionId: 'expected-outcome', answer: 'good' },
    ]),
  );
});
