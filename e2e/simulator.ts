import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import type { ProbeReport, Vec3 } from '../src/automation/types';
import { NeedleControls } from './support/needle';
import { rotationAlongDeg } from './support/vec';

/** Where e2e screenshots are kept for a person to look at (also attached to the report). */
export const ARTIFACTS_DIR = 'e2e-artifacts';

/**
 * The simulator as a spec sees it: the page with window.sim, plus the few things a trainee looks
 * at (status line, image, 3D view). Specs read like the procedure, not like the DOM.
 */
export class Simulator {
  /** The needle and syringe, placed as a trainee places them (support/needle.ts). */
  readonly needle: NeedleControls;

  constructor(readonly page: Page) {
    this.needle = new NeedleControls(page);
  }

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

  /** Short axis (transverse) over the CPN at the fibular head, light contact: where the procedure starts. */
  shortAxisOverNerve(tiltDeg = 0): Promise<ProbeReport> {
    return this.page.evaluate((tiltDeg) => window.sim!.setProbe({ centre: window.sim!.landmarks().cpnAtFibularHead, rotationDeg: 0, tiltDeg, compressionMm: 1 }), tiltDeg);
  }

  /** Long axis over the CPN at arc length s (mm): the array along the nerve's course there. */
  async longAxisAt(sMm: number): Promise<ProbeReport> {
    const nerve = await this.page.evaluate((s) => window.sim!.nerveAt(s), sMm);
    if (!nerve) throw new Error(`no CPN at s = ${sMm} mm`);
    const pose = { centre: nerve.centre, rotationDeg: rotationAlongDeg(nerve.tangent), compressionMm: 1 };
    return this.page.evaluate((pose) => window.sim!.setProbe(pose), pose);
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
