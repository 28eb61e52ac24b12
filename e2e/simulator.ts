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
    await use(new Simulator(page));
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };
