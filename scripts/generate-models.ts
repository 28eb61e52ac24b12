// npm run models — writes public/models/knee-<case>.glb for every case, from src/core/anatomy
// (see knee-model.ts), so each patient's 3D view matches the image computed from the same anatomy.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { buildKneeModelGlb } from './knee-model';
import { cases, kneeModelFileName } from '../src/core/cases/cases';

const MODELS_DIR = 'public/models';

const start = performance.now();
mkdirSync(MODELS_DIR, { recursive: true });
const wanted = new Set(cases.map((c) => kneeModelFileName(c.id)));
for (const stale of readdirSync(MODELS_DIR).filter((f) => f.endsWith('.glb') && !wanted.has(f))) rmSync(`${MODELS_DIR}/${stale}`);
for (const c of cases) {
  const glb = await buildKneeModelGlb(c.anatomy);
  writeFileSync(`${MODELS_DIR}/${kneeModelFileName(c.id)}`, glb);
  console.log(`${MODELS_DIR}/${kneeModelFileName(c.id)}: ${(glb.byteLength / 1024).toFixed(0)} KiB`);
}
console.log(`${cases.length} models in ${((performance.now() - start) / 1000).toFixed(1)} s`);
