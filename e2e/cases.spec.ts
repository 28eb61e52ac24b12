import type { Page } from '@playwright/test';
import { test, expect, sharePageWithinFile } from './support/sharedSimulator';
import { traceNerveAreaMm2 } from './nerveArea';
import { playGoodAttempt } from './attemptScripts';
import { cases } from '../src/core/cases/cases';
import { GROOVE_NOTCH_S_MM } from '../src/core/anatomy/cpnArea';

/**
 * The case library, one scenario per case: load it, find the nerve in short axis at its
 * entrapment site through window.sim, trace its area on the image and press-and-slide to see
 * whether it moves with the lateral gastrocnemius — both must match the case's file.
 */

// Each test starts a new attempt on one shared page (support/sharedSimulator.ts) and loads its case there.
sharePageWithinFile();

const EPINEURIUM_MM = 0.2;
/** Traced inside the bright rim, the area should be that of the nerve within its epineurium, ±20%. */
const AREA_TOLERANCE = 0.2;

/** Where to look: the entrapment the case names, else the fibular head. */
const sAtSite = (caseId: string) => (cases.find((c) => c.id === caseId)!.entrapmentSites.includes('popliteal-groove') ? GROOVE_NOTCH_S_MM + 10 : null);

async function shortAxisAt(page: Page, s: number | null) {
  return page.evaluate(async (s) => {
    const sim = window.sim!;
    const head = sim.landmarks().cpnAtFibularHead;
    let at = s;
    if (at === null) {
      // s of the nerve at the fibular head's level: the point of the centre line nearest the landmark.
      let best = Infinity;
      for (let k = -30; k <= 30; k += 0.5) {
        const n = sim.nerveAt(k);
        if (!n) continue;
        const d = Math.hypot(n.centre.x - head.x, n.centre.y - head.y, n.centre.z - head.z);
        if (d < best) {
          best = d;
          at = k;
        }
      }
    }
    const nerve = sim.nerveAt(at!)!;
    const rotationDeg = (Math.atan2(nerve.tangent.y, nerve.tangent.x) * 180) / Math.PI - 90;
    const probe = await sim.setProbe({ centre: nerve.centre, rotationDeg, compressionMm: 1 });
    return { s: at!, nerve, probe };
  }, s);
}

/** The dynamic test: press, slide 1.5 mm along the array; how far the nerve and the gastrocnemius moved with the skin. */
async function pressAndSlide(page: Page) {
  return page.evaluate(async () => {
    const sim = window.sim!;
    const rest = sim.probe();
    await sim.setProbe({ centre: rest.pose.centre, rotationDeg: rest.pose.rotationDeg, compressionMm: 3 });
    const a = sim.probe().axes;
    const c = rest.pose.centre;
    const slid = await sim.setProbe({ centre: { x: c.x + a.array.x * 1.5, y: c.y + a.array.y * 1.5, z: c.z + a.array.z * 1.5 }, rotationDeg: rest.pose.rotationDeg, compressionMm: 3 });
    await sim.setProbe({ centre: c, rotationDeg: rest.pose.rotationDeg, compressionMm: 1 });
    return slid.dynamics!;
  });
}


// A lean suite keeps CI short: four cases that between them vary every kind of anatomy the
// library varies — the largest, adhered nerve (patient-3), the nerve behind the fibular head, the
// deep nerve (with the default 8.4 mm² area of the teaching knee) and the popliteal-groove site
// (13 mm²) — free and adhered, at both sites, in alternating languages so both briefings are
// checked. The patients in between (9.5–12.5 mm²) differ from these only in figures the unit tests
// check (cases.test.ts against Table 1, anatomy.test.ts per area); the swollen adhered nerve has its
// own test below. E2E_ALL_CASES=1 runs every case.
const REPRESENTATIVE_CASES = ['patient-3', 'nerve-behind-fibular-head', 'deep-nerve-heavy-leg', 'second-site-groove-entrapment'];
const casesToRun = process.env.E2E_ALL_CASES ? cases : cases.filter((c) => REPRESENTATIVE_CASES.includes(c.id));
const unknownCases = REPRESENTATIVE_CASES.filter((id) => !cases.some((c) => c.id === id));
if (unknownCases.length > 0) throw new Error(`cases.spec names cases the library lacks: ${unknownCases.join(', ')}`);
for (const [index, c] of casesToRun.entries()) {
  const language = index % 2 === 0 ? 'en' : 'zh';
  test(`case ${c.id} (${language}): the nerve's area and its adhesion on the image match the case`, async ({ sim, page }) => {
    await sim.open();
    // The language as a trainee chooses it, on the page the other cases used.
    await page.getByTestId('language-select').selectOption(language);
    await expect(page.locator('html')).toHaveAttribute('lang', language === 'zh' ? 'zh-CN' : 'en');
    await page.evaluate((caseId) => window.sim!.reset({ caseId }), c.id);
    // The briefing is in the chosen language.
    await expect(page.getByTestId('case-briefing')).toContainText(c.briefing.history[language].slice(0, 12));
    const { probe } = await shortAxisAt(page, sAtSite(c.id));
    expect(probe.view).toBe('short-axis');
    // Area, traced on the anatomy-in-plane view, where the epineurium is drawn sharp.
    await page.evaluate(() => window.sim!.setImaging({ mode: 'anatomy' }));
    const frame = await page.evaluate(() => window.sim!.frame());
    const centre = (await sim.probe()).nerveInImage!;
    const traced = traceNerveAreaMm2(frame, centre);
    const expectedArea = c.anatomy.nerveAreaMm2 ?? 8.4;
    const inner = Math.PI * (Math.sqrt(expectedArea / Math.PI) - EPINEURIUM_MM) ** 2;
    expect(traced).toBeGreaterThan(inner * (1 - AREA_TOLERANCE));
    expect(traced).toBeLessThan(inner * (1 + AREA_TOLERANCE));
    // Adhesion: pressed and slid, a free nerve moves with the fat, an adhered one with the gastrocnemius.
    await page.evaluate(() => window.sim!.setImaging({ mode: 'b-mode' }));
    const moved = await pressAndSlide(page);
    const apart = moved.nerveMovesMm - moved.gastrocnemiusMovesMm;
    if (c.anatomy.adhesionToGastrocnemius) expect(Math.abs(apart)).toBeLessThan(0.05);
    else expect(apart).toBeGreaterThan(0.05);
    await page.screenshot({ path: `e2e-artifacts/case-${c.id}-${language}.png` });
  });
}

test('after a good hydrodissection the adhered nerve slides apart from the gastrocnemius', async ({ sim, page }) => {
  await sim.open();
  await page.evaluate(() => window.sim!.reset({ caseId: 'swollen-adhered-nerve' }));
  await shortAxisAt(page, null);
  const before = await pressAndSlide(page);
  expect(Math.abs(before.nerveMovesMm - before.gastrocnemiusMovesMm)).toBeLessThan(0.05);
  await playGoodAttempt(page);
  await shortAxisAt(page, null);
  const after = await pressAndSlide(page);
  expect(after.nerveMovesMm - after.gastrocnemiusMovesMm).toBeGreaterThan(0.05);
});
