// Finds a Chromium for Playwright: $CHROMIUM_PATH, then Debian's /usr/bin/chromium, then a
// browser Playwright installed itself. Browsers cannot be downloaded on every machine, so this
// never tries to; it says how to install one instead.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const path of candidates) if (path && existsSync(path)) return path;
  return playwrightsOwnChromium();
}

function playwrightsOwnChromium() {
  try {
    // playwright-core comes with @playwright/test; its own browser may or may not be installed.
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright-core');
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Flags for headless Chromium here: no sandbox as root, WebGL through SwiftShader, no calls home. */
export const chromiumArgs = [
  '--no-sandbox',
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  '--disable-gpu-compositing',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const missingChromiumHelp = `No Chromium found for the end-to-end tests.
Install one and run again:
  Debian/Ubuntu:  sudo apt-get install -y chromium
  or point to any Chromium/Chrome:  CHROMIUM_PATH=/path/to/chrome npm test`;
