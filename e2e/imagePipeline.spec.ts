import { test, expect, sharePageWithinFile } from './support/sharedSimulator';

// One page for both tests (support/sharedSimulator.ts): each opens its own query (a new load, the
// pool sized by it), the second with the knee's volume already kept in this browser.
sharePageWithinFile();

/**
 * Newest pose wins, pointer to canvas: the probe slides faster than frames can be formed, one pose
 * per animation frame, as a drag does; the image on screen must end on the last pose, and frames
 * must reach the canvas only in the order of the poses they show (never a stale one after a newer).
 */
const slideAndSettle = `async (poses) => {
  const sim = window.sim;
  const canvas = document.querySelector('[data-testid="ultrasound-canvas"]');
  const shown = [];
  const observer = new MutationObserver(() => shown.push(Number(canvas.dataset.frameVersion)));
  observer.observe(canvas, { attributes: true, attributeFilter: ['data-frame-version'] });
  const path = [];
  for (let s = 25; s >= -15; s -= 40 / poses) path.push(sim.nerveAt(s).centre);
  let last = null;
  await new Promise((resolve) => {
    let i = 0;
    const step = () => {
      if (i >= path.length) return resolve();
      last = sim.setProbe({ centre: path[i++], rotationDeg: 0, compressionMm: 1 });
      last.catch(() => undefined);
      // Faster than frames can be formed (and than this machine's animation frames come).
      setTimeout(step, 4);
    };
    step();
  });
  const placed = await last;
  const frame = await sim.frame();
  // The next animation frame has drawn whatever arrived.
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  observer.disconnect();
  return { shown, framePose: frame.pose, frameVersion: frame.version, placed: placed.pose, probe: sim.probe().pose, stats: sim.stats() };
}`;

type Slide = { shown: number[]; framePose: unknown; frameVersion: number; placed: unknown; probe: unknown; stats: { imageWorkers: number; imageFps: number } };

async function expectNewestWins(slide: Slide): Promise<void> {
  // The image ends on the last pose the probe was slid to.
  expect(slide.framePose).toEqual(slide.placed);
  expect(slide.probe).toEqual(slide.placed);
  // A frame came while it slid as well as the last, and none on screen was older than the one
  // before (a probe at rest is imaged again at the same version: the arteries pulse). How many
  // frames a slide gets depends on the machine: not counted here.
  expect(new Set(slide.shown).size).toBeGreaterThan(1);
  for (let i = 1; i < slide.shown.length; i++) expect(slide.shown[i]).toBeGreaterThanOrEqual(slide.shown[i - 1]);
  expect(slide.shown.at(-1)).toBe(slide.frameVersion);
}

test.describe('the image pipeline', () => {
  // Each slide waits for its last frame on a machine whose image and 3D view share two cores.
  test.setTimeout(300_000);
  test('shows the newest pose after a fast slide, with 2 image band workers', async ({ sim, page }) => {
    await sim.open('automation&imageWorkers=2');
    await sim.shortAxisOverNerve();
    for (let round = 0; round < 2; round++) {
      const slide = (await page.evaluate(`(${slideAndSettle})(80)`)) as Slide;
      expect(slide.stats.imageWorkers).toBe(2);
      await expectNewestWins(slide);
    }
  });

  test('forms frames without a pool too (imageWorkers=0), and with one again after the simulation worker is killed', async ({ sim, page }) => {
    await sim.open('automation&imageWorkers=0');
    await sim.shortAxisOverNerve();
    let slide = (await page.evaluate(`(${slideAndSettle})(40)`)) as Slide;
    expect(slide.stats.imageWorkers).toBe(0);
    await expectNewestWins(slide);

    await sim.open('automation&imageWorkers=2');
    await sim.shortAxisOverNerve();
    await page.evaluate(() => window.sim!.faults.killWorker());
    // The restarted simulation worker gets a fresh pool (its first frame once the knee is rebuilt
    // in it); sliding then shows the newest pose again.
    await page.evaluate(() => window.sim!.frame());
    slide = (await page.evaluate(`(${slideAndSettle})(40)`)) as Slide;
    await expectNewestWins(slide);
    const frame = await page.evaluate(() => window.sim!.frame());
    expect(frame.pixels.length).toBe(frame.width * frame.height);
    // A real image: speckle, not a blank or flat frame.
    const values = new Set(frame.pixels);
    expect(values.size).toBeGreaterThan(50);
  });
});
