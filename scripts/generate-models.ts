// npm run models — writes public/models/knee.glb, the deep structures every case shares, from
// src/core/anatomy (see knee-model.ts); the CPN and the skin are built from each patient's own
// anatomy when the case loads.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { buildKneeModelGlb } from './knee-model';
import { modelSources } from '../src/core/cases/cases';

const MODELS_DIR = 'public/models';

const start = performance.now();
mkdirSync(MODELS_DIR, { recursive: true });
const sources = modelSources();
const wanted = new Set(sources.map((m) => m.fileName));
for (const stale of readdirSync(MODELS_DIR).filter((f) => f.endsWith('.glb') && !wanted.has(f))) rmSync(`${MODELS_DIR}/${stale}`);
for (const { fileName, anatomy } of sources) {
  const glb = await buildKneeModelGlb(anatomy);
  writeFileSync(`${MODELS_DIR}/${fileName}`, glb);
  console.log(`${MODELS_DIR}/${fileName}: ${(glb.byteLength / 1024).toFixed(0)} KiB`);
}
console.log(`${sources.length} models in ${((performance.now() - start) / 1000).toFixed(1)} s`);
