import { defineConfig } from '@playwright/test';
// @ts-expect-error plain ESM helper shared with the npm scripts
import { findChromium, chromiumArgs } from './scripts/chromium.mjs';

// E2E_PORT lets two runs share a machine (a developer's and a clean-clone check).
const port = Number(process.env.E2E_PORT ?? 4173);
// E2E_OUT_DIR keeps concurrent local runs from building into the same folder.
const outDir = process.env.E2E_OUT_DIR ?? 'dist';

/**
 * End-to-end specs run against the production build (vite preview), in Debian's Chromium with
 * software WebGL. One worker: the machine has two cores and SwiftShader wants both.
 */
export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: [['list']],
  // Beside a concurrent run's build folder, its own traces and failure context.
  outputDir: process.env.E2E_OUT_DIR ? `${outDir}-test-results` : 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1440, height: 900 },
    launchOptions: { executablePath: findChromium(), args: chromiumArgs },
    // A failed test keeps its trace (actions, DOM snapshots, console, network) but no screencast:
    // filming every test (kept or not) encoded a JPEG per frame of two always-redrawing canvases
    // under SwiftShader, ~30 % of a spec's time on two cores (scanning + bad-input, 7 tests:
    // 121-201 s with it, 95-151 s without, alternating). The page's own screenshots stay.
    trace: { mode: 'retain-on-failure', screenshots: false },
  },
  webServer: {
    command: `npx vite build --outDir ${outDir} --emptyOutDir && npx vite preview --outDir ${outDir} --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    timeout: 180_000,
    reuseExistingServer: !process.env.CI,
  },
});
