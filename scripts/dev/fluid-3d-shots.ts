// Developer aid: the 3D view after 5 ml round the CPN at the fibular head, to look at the fluid:
// the bench's needle (tip 2.2 mm above the nerve, short axis), 5 ml through window.sim, then the
// 3D view at the default camera in short and long axis (as the hydrodissection e2e spec shoots
// it), over the probe (key 2), and each view's middle enlarged.
//   SHOT_OUT=/tmp/fluid-shots SHOT_PORT=4713 SHOT_DIR=/tmp/dist-shots node --import tsx scripts/dev/fluid-3d-shots.ts
// SHOT_BUILD=0 reuses a build already in SHOT_DIR.
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { preview } from 'vite';
import { chromium } from '@playwright/test';
// @ts-expect-error plain ESM helper shared with the npm scripts
import { findChromium, chromiumArgs } from '../chromium.mjs';
import { pageWithNeedleAboveNerve } from '../benchHold';

const port = Number(process.env.SHOT_PORT ?? 4713);
const outDir = process.env.SHOT_DIR ?? '/tmp/dist-shots';
const shots = process.env.SHOT_OUT ?? '/tmp/fluid-shots';
mkdirSync(shots, { recursive: true });
if (process.env.SHOT_BUILD !== '0') execSync(`npx vite build --outDir ${JSON.stringify(outDir)} --emptyOutDir`, { stdio: 'inherit' });

/** The middle third of a PNG, enlarged 2× (nearest neighbour). */
function enlargeMiddle(file: string, output: string): void {
  const src = PNG.sync.read(readFileSync(file));
  const [W, H, K] = [Math.floor(src.width / 2), Math.floor(src.height / 3), 2];
  const [X, Y] = [Math.floor(src.width / 4), Math.floor(src.height / 3)];
  const out = new PNG({ width: W * K, height: H * K });
  for (let y = 0; y < H * K; y++)
    for (let x = 0; x < W * K; x++) {
      const si = ((Y + Math.floor(y / K)) * src.width + X + Math.floor(x / K)) * 4;
      out.data.set(src.data.subarray(si, si + 4), (y * W * K + x) * 4);
    }
  writeFileSync(output, PNG.sync.write(out));
}

const server = await preview({ build: { outDir }, preview: { port, strictPort: true, host: '127.0.0.1' } });
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
try {
  const page = await pageWithNeedleAboveNerve(browser, port);
  await page.evaluate('window.sim.inject(5)');
  const scene = page.getByTestId('scene-view');
  const shoot = async (name: string) => {
    await page.waitForTimeout(1500);
    const file = join(shots, `${name}.png`);
    await scene.screenshot({ path: file });
    enlargeMiddle(file, join(shots, `${name}-middle.png`));
    console.log(file);
  };
  await shoot('short-axis');
  await page.evaluate(`(async () => {
    const n = window.sim.nerveAt(0);
    await window.sim.setProbe({ centre: n.centre, rotationDeg: (Math.atan2(n.tangent.y, n.tangent.x) * 180) / Math.PI, compressionMm: 1 });
  })()`);
  await shoot('long-axis');
  await scene.focus();
  await page.keyboard.press('2');
  await shoot('long-axis-over-probe');
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}
