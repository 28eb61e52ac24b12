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

  /** Mean grey of a disc in the displayed frame, and of the ring around it. */
  async greyInsideAndAround(col: number, row: number, radiusPx: number): Promise<{ inside: number; around: number }> {
    return this.page.evaluate(
      async ({ col, row, radiusPx }) => {
        const f = await window.sim!.frame();
        let inside = 0;
        let nIn = 0;
        let around = 0;
        let nAround = 0;
        for (let y = Math.floor(row - 3 * radiusPx); y <= row + 3 * radiusPx; y++) {
          for (let x = Math.floor(col - 3 * radiusPx); x <= col + 3 * radiusPx; x++) {
            if (x < 0 || y < 0 || x >= f.width || y >= f.height) continue;
            const d = Math.hypot(x + 0.5 - col, y + 0.5 - row);
            const g = f.pixels[y * f.width + x];
            if (d <= radiusPx) {
              inside += g;
              nIn++;
            } else if (d >= 1.5 * radiusPx && d <= 3 * radiusPx) {
              around += g;
              nAround++;
            }
          }
        }
        return { inside: inside / nIn, around: around / nAround };
      },
      { col, row, radiusPx },
    );
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
