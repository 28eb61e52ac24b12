// npm run models — writes public/models/knee.glb from src/core/anatomy (see knee-model.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildKneeModelGlb } from './knee-model';

export const KNEE_MODEL_PATH = 'public/models/knee.glb';

const start = performance.now();
const glb = await buildKneeModelGlb();
mkdirSync('public/models', { recursive: true });
writeFileSync(KNEE_MODEL_PATH, glb);
console.log(`${KNEE_MODEL_PATH}: ${(glb.byteLength / 1024).toFixed(0)} KiB in ${((performance.now() - start) / 1000).toFixed(1)} s`);
