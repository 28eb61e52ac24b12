import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { defaultScannerSettings } from '../../src/core/ultrasound/scannerSettings';
import { Simulator } from '../simulator';

/**
 * One simulator page for every test of a spec file (sharePageWithinFile() closes it after the
 * file's last test): loading the app and building the knee is most of a short test's time
 * (~8 s of 10–16 s in CI), a new attempt through window.sim.reset() a fraction of it.
 *
 * For specs whose tests need no fresh browser storage: each test's `sim.open()` starts a new
 * attempt on the default case (`reset()`), with the scanner's default settings, the needle-angle
 * field at its default and the simulator page in front; uncaught page errors and CSP violations
 * still fail the test that caused them. A failed test ends the worker, so the next one loads afresh.
 */
/** The needle panel's planned angle when the app opens (state/viewSlice.ts). */
const DEFAULT_NEEDLE_ANGLE_DEG = 25;

class SharedSimulator extends Simulator {
  async open(query = 'automation'): Promise<void> {
    const here = new URL(this.page.url());
    const loaded = here.search === `?${query}` && (await this.page.evaluate(() => window.sim !== undefined).catch(() => false));
    // From a debrief, its own "new attempt" button leads back; off the simulator elsewhere (the
    // review page), load afresh rather than find the way back.
    if (loaded && (await this.page.getByTestId('new-attempt').isVisible())) {
      await this.page.getByTestId('new-attempt').click();
      await expect(this.page.getByTestId('needle-angle')).toBeVisible();
    }
    if (!loaded || (await this.page.getByTestId('needle-angle').count()) === 0) return super.open(query);
    const { depthMm, gainDb, frequencyMHz, focusMm, dynamicRangeDb, tgcDb } = defaultScannerSettings;
    await this.page.evaluate(async (imaging) => {
      await window.sim!.setAttempt({ mode: 'guided' });
      await window.sim!.reset();
      await window.sim!.setImaging({ ...imaging, mode: 'b-mode' });
    }, { depthMm, gainDb, frequencyMHz, focusMm, dynamicRangeDb, tgcDb: [...tgcDb] });
    // Not back on the simulator (a debrief still opening when this looked for its button, say):
    // load afresh rather than guess.
    if (!(await this.page.getByTestId('needle-angle').isVisible())) return super.open(query);
    await this.page.getByTestId('needle-angle').fill(String(DEFAULT_NEEDLE_ANGLE_DEG));
    // Keyboard shortcuts go to the simulator, not to the slider just set.
    await this.page.getByTestId('needle-angle').blur();
    await expect(this.page.getByTestId('build-progress')).toHaveCount(0);
  }
}

/** The file's page, made on first use and closed after the file's last test (an idle simulator still draws). */
class SharedPage {
  private context: BrowserContext | null = null;
  private page: Page | null = null;

  constructor(private readonly browser: Browser, private readonly options: { baseURL?: string; viewport?: { width: number; height: number } | null }) {}

  async get(): Promise<Page> {
    if (this.page && !this.page.isClosed()) return this.page;
    this.context = await this.browser.newContext(this.options);
    this.page = await this.context.newPage();
    await this.page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)),
    );
    return this.page;
  }

  async close(): Promise<void> {
    await this.context?.close().catch(() => undefined);
    this.context = null;
    this.page = null;
  }
}

export const test = base.extend<{ sim: Simulator }, { sharedPage: SharedPage }>({
  sharedPage: [
    async ({ browser }, use, workerInfo) => {
      const { baseURL, viewport } = workerInfo.project.use;
      const shared = new SharedPage(browser, { baseURL, viewport });
      await use(shared);
      await shared.close();
    },
    { scope: 'worker' },
  ],
  page: async ({ sharedPage }, use) => use(await sharedPage.get()),
  sim: async ({ page }, use) => {
    const errors: string[] = [];
    const violations: string[] = [];
    const onError = (e: Error) => errors.push(e.message);
    const onConsole = (m: import('@playwright/test').ConsoleMessage) => {
      if (m.type() === 'error' && /CSP violation|Content Security Policy/.test(m.text())) violations.push(m.text());
    };
    page.on('pageerror', onError);
    page.on('console', onConsole);
    await use(new SharedSimulator(page));
    page.off('pageerror', onError);
    page.off('console', onConsole);
    expect(errors, 'uncaught errors in the page').toEqual([]);
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
  },
});

/** Call once at the top of a spec that uses this `test`: its page closes after the file's last test. */
export function sharePageWithinFile(): void {
  test.afterAll(async ({ sharedPage }) => sharedPage.close());
}

export { expect };
