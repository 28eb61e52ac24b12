import { test, expect, sharePageWithinFile } from './support/sharedSimulator';

// One page for both (support/sharedSimulator.ts): the second loads the app again without ?automation.
sharePageWithinFile();

test('bad automation input is refused with a SimError and changes nothing', async ({ sim, page }) => {
  await sim.open();
  await sim.placeProbeOver('cpnAtFibularHead', 0);
  const before = await page.evaluate(() => ({ probe: window.sim!.probe(), events: window.sim!.events().length }));

  const outcomes = await page.evaluate(async () => {
    const sim = window.sim!;
    const attempt = async (run: () => unknown) => {
      try {
        await run();
        return { refused: false };
      } catch (e) {
        const error = e as Error & { code?: string };
        return { refused: true, name: error.name, code: error.code, message: error.message };
      }
    };
    const head = sim.landmarks().cpnAtFibularHead;
    return {
      nanCentre: await attempt(() => sim.setProbe({ centre: { x: Number.NaN, y: 0, z: 20 }, rotationDeg: 0 })),
      farCentre: await attempt(() => sim.setProbe({ centre: { x: 0, y: 0, z: 500 }, rotationDeg: 0 })),
      textRotation: await attempt(() => sim.setProbe({ centre: head, rotationDeg: 'ninety' as unknown as number })),
      unknownCase: await attempt(() => sim.reset({ caseId: 'no-such-patient' })),
      badDepth: await attempt(() => sim.setImaging({ depthMm: 500 })),
      badTissuePoint: await attempt(() => sim.tissueAt({ x: 1, y: Number.POSITIVE_INFINITY, z: 0 })),
      badArcLength: await attempt(() => sim.nerveAt(Number.NaN)),
    };
  });

  for (const [what, outcome] of Object.entries(outcomes)) {
    expect(outcome.refused, what).toBe(true);
    expect(outcome.name, what).toBe('SimError');
    expect(outcome.message!.length, what).toBeGreaterThan(20);
  }
  expect(outcomes.nanCentre.code).toBe('invalid-argument');
  expect(outcomes.farCentre.code).toBe('off-limb');
  expect(outcomes.unknownCase.code).toBe('unknown-case');
  expect(outcomes.unknownCase.message).toContain('normal-teaching-knee');

  const after = await page.evaluate(() => ({ probe: window.sim!.probe(), events: window.sim!.events().length }));
  expect(after).toEqual(before);
  await expect(sim.viewClass()).toHaveAttribute('data-view', 'short-axis');
});

test('without ?automation there is no window.sim', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('ultrasound-canvas')).toBeVisible();
  expect(await page.evaluate(() => 'sim' in window)).toBe(false);
});
