import { findChromium, missingChromiumHelp } from './chromium.mjs';

const path = findChromium();
if (!path) {
  console.error(missingChromiumHelp);
  process.exit(1);
}
console.log(`Chromium for e2e: ${path}`);
