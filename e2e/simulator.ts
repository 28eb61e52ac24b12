import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import type { ProbeReport, Vec3 } from '../src/automation/types';

/** Where e2e screenshots are kept for a person to look at (also attached to the report). */
export const ARTIFACTS_DIR = 'e2e-artifacts';

/**
 * The simulator as a spec sees it: the page with window.sim, plus the few things a trainee looks
 * at (status line, image, 3D view). Specs read like the procedure, not like the DOM.
 */
export class Simulator {
  constructor(readonly page: Page) {}

  async open(query = 'automation'): Promise<void> {
    await this.page.goto(`/?${query}`);
    await this.page.waitForFunction(() => window.sim !== undefined);
    await this.page.evaluate(() => window.sim!.ready());
  }

  landmarks(): Promise<Record<string, Vec3>> {
    return this.page.evaluate(() => window.sim!.landmarks());
  }

  async placeProbeOver(landmark: string, rotationDeg: number): Promise<ProbeReport> {
    return this.page.evaluate(
      async ({ landmark, rotationDeg }) => {
        const centre = window.sim!.landmarks()[landmark];
        return window.sim!.setProbe({ centre, rotationDeg, compressionMm: 1 });
      },
      { landmark, rotationDeg },
    );
  }

  probe(): Promise<ProbeReport> {
    return this.page.evaluate(() => window.sim!.probe());
  }

  viewClass() {
    return this.page.getByTestId('view-class');
  }

  async screenshots(name: string): Promise<void> {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await this.page.screenshot({ path: `${ARTIFACTS_DIR}/${name}-app.png` });
    await this.page.getByTestId('scene-view').screenshot({ path: `${ARTIFACTS_DIR}/${name}-3d.png` });
    await this.page.locator('.us-panel').screenshot({ path: `${ARTIFACTS_DIR}/${name}-ultrasound.png` });
  }
}

export const test = base.extend<{ sim: Simulator }>({
  sim: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Any Content-Security-Policy violation fails the spec: the page reports each one (the event's
    // directive and blocked URI), and Chromium logs those it blocks in workers.
    const violations: string[] = [];
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)),
    );
    page.on('console', (m) => {
      if (m.type() === 'error' && /CSP violation|Content Security Policy/.test(m.text())) violations.push(m.text());
    });
    await use(new Simulator(page));
    expect(errors, 'uncaught errors in the page').toEqual([]);
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
  },
});

export { expect };
