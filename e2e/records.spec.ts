import type { Page } from '@playwright/test';
import { test, expect, Simulator, ARTIFACTS_DIR } from './simulator';

/** Issue 15's browser rows: two tabs, WebGL context loss, the CSP, hostile imports, scripted attempts. */

/** Moves the probe `count` times (one logged pose each: 60 ms apart, past the 50 ms sampling). */
async function movePoses(page: Page, count: number, from = 0): Promise<void> {
  await page.evaluate(
    async ({ count, from }) => {
      const sim = window.sim!;
      const centre = sim.probe().pose.centre;
      for (let i = 0; i < count; i++) {
        await sim.setProbe({ centre: { ...centre, x: centre.x + ((from + i) % 7) * 0.5 }, rotationDeg: (from + i) % 90, compressionMm: 1 });
        await new Promise((r) => setTimeout(r, 60));
      }
    },
    { count, from },
  );
}

/** The stored log of the live attempt, once the store has caught up with the tab's own log. */
async function storedLogOf(page: Page): Promise<unknown[]> {
  return page.evaluate(async () => {
    const sim = window.sim!;
    for (let i = 0; i < 100; i++) {
      const live = sim.events().length;
      const row = (await sim.attempts.list()).find((a) => a.eventCount === live);
      if (row) return JSON.parse(await sim.attempts.export(row.id)).attempts[0].record.events as unknown[];
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the store never caught up with the live log');
  });
}

test('two tabs on one attempt: the second takes it over, and no event is lost or doubled', async ({ sim, page, context }) => {
  test.setTimeout(300_000);
  await sim.open();
  await movePoses(page, 12);
  const aLog = await storedLogOf(page);
  expect(aLog).toEqual(await page.evaluate(() => window.sim!.events()));

  const second = await context.newPage();
  const errorsB: string[] = [];
  second.on('pageerror', (e) => errorsB.push(e.message));
  const simB = new Simulator(second);
  await simB.open();
  // The attempt is held by the first tab: the second is offered a take-over, not a second copy.
  await expect(second.getByTestId('open-elsewhere')).toBeVisible();
  await expect(second.getByTestId('resume-prompt')).toHaveCount(0);
  await second.screenshot({ path: `${ARTIFACTS_DIR}/records-take-over.png` });
  await second.getByTestId('take-over').click();
  await expect(page.getByTestId('handed-over')).toBeVisible();
  // The second tab goes on from the whole stored log (it may log its own view's pose on top).
  await expect.poll(() => second.evaluate(() => window.sim!.events().length)).toBeGreaterThanOrEqual(aLog.length);
  expect((await second.evaluate(() => window.sim!.events())).slice(0, aLog.length)).toEqual(aLog);

  // Both tabs go on: only the second one's events are the attempt's.
  await Promise.all([movePoses(second, 6, 100), movePoses(page, 3, 200)]);
  const liveB = await second.evaluate(() => window.sim!.events());
  const stored = await storedLogOf(second);
  expect(stored).toEqual(liveB);
  expect(stored.slice(0, aLog.length)).toEqual(aLog);
  expect(stored.length - aLog.length).toBeGreaterThanOrEqual(6);
  await page.screenshot({ path: `${ARTIFACTS_DIR}/records-handed-over.png` });
  expect(errorsB).toEqual([]);
});

test('WebGL context loss: a message, then the scene redrawn without any input', async ({ sim, page }) => {
  await sim.open();
  const canvas = page.getByTestId('scene-view').locator('canvas');
  const lit = () =>
    canvas.evaluate((c: HTMLCanvasElement) => {
      // Distinct colours in a sampled copy: a blank canvas has one.
      const copy = document.createElement('canvas');
      copy.width = 64;
      copy.height = 64;
      const ctx = copy.getContext('2d')!;
      ctx.drawImage(c, 0, 0, 64, 64);
      const data = ctx.getImageData(0, 0, 64, 64).data;
      const colours = new Set<number>();
      for (let i = 0; i < data.length; i += 4) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      return colours.size;
    });
  expect(await lit()).toBeGreaterThan(10);
  await canvas.evaluate((c: HTMLCanvasElement) => {
    const gl = (c.getContext('webgl2') ?? c.getContext('webgl')) as WebGLRenderingContext;
    (window as unknown as { loseContext: WEBGL_lose_context }).loseContext = gl.getExtension('WEBGL_lose_context')!;
    (window as unknown as { loseContext: WEBGL_lose_context }).loseContext.loseContext();
  });
  await expect(page.getByTestId('webgl-context-lost')).toBeVisible();
  await page.screenshot({ path: `${ARTIFACTS_DIR}/records-context-lost.png` });
  await page.evaluate(() => (window as unknown as { loseContext: WEBGL_lose_context }).loseContext.restoreContext());
  await expect(page.getByTestId('webgl-context-lost')).toHaveCount(0);
  await expect.poll(lit, { timeout: 20_000 }).toBeGreaterThan(10);
  await page.screenshot({ path: `${ARTIFACTS_DIR}/records-context-restored.png` });
});

test('the Content-Security-Policy forbids eval and inline scripts', async ({ page }) => {
  await page.goto('/');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("default-src 'self'");
  expect(policy).not.toMatch(/'unsafe-eval'/);
  expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval';/);
  // An injected inline script does not run, and the page hears of the violation.
  const outcome = await page.evaluate(async () => {
    const reported = new Promise<string>((resolve) => document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true }));
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.appendChild(script);
    return { ran: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true, directive: await reported };
  });
  expect(outcome).toEqual({ ran: false, directive: expect.stringMatching(/^script-src/) });
});

const importFile = (page: Page, name: string, json: string) =>
  page.getByTestId('import-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(json) });

test('hostile imports are refused whole with a clear message; scripted attempts are marked', async ({ sim, page }) => {
  test.setTimeout(120_000);
  await sim.open();
  await movePoses(page, 6);
  await storedLogOf(page);
  const exported = await page.evaluate(async () => window.sim!.attempts.export((await window.sim!.attempts.list())[0].id));
  const file = JSON.parse(exported) as { attempts: { record: { id: string; trainee: string; events: unknown[] }; scripted?: boolean }[] };
  expect(file.attempts[0].scripted).toBe(true);

  await page.getByTestId('open-review').click();
  await expect(page.getByTestId('scripted-flag').first()).toBeVisible();
  await expect(page.getByTestId('storage-persistence')).toBeVisible();
  const rowsBefore = await page.getByTestId('attempt-row').count();

  const hostile = structuredClone(file);
  hostile.attempts.push(structuredClone(file.attempts[0]));
  hostile.attempts[1].record.id = 'second';
  hostile.attempts[1].record.events.push({ tMs: 5000, kind: 'injection', ml: -5 });
  await importFile(page, 'hostile.json', JSON.stringify(hostile));
  await expect(page.getByTestId('review-message')).toContainText('more than 0 ml');
  await expect(page.getByTestId('attempt-row')).toHaveCount(rowsBefore);

  // Same id, another trainee: kept beside the local one, with a note.
  const renamed = structuredClone(file);
  renamed.attempts[0].record.trainee = 'Dr Someone Else';
  await importFile(page, 'renamed.json', JSON.stringify(renamed));
  await expect(page.getByTestId('review-message')).toContainText('kept beside');
  await expect(page.getByTestId('imported-flag')).toContainText(file.attempts[0].record.id);
  await expect(page.getByTestId('attempt-row')).toHaveCount(rowsBefore + 1);
  await page.screenshot({ path: `${ARTIFACTS_DIR}/records-import.png`, fullPage: true });
});
