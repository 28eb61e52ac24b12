import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { buildKneeModelGlb } from './knee-model';

/** The 3D view and the image must never disagree: the committed model is what the anatomy makes. */
describe('public/models/knee.glb', () => {
  it('is exactly what `npm run models` makes from src/core/anatomy (run it after changing the anatomy)', async () => {
    const committed = readFileSync('public/models/knee.glb');
    const regenerated = await buildKneeModelGlb();
    const hash = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    expect(hash(regenerated)).toBe(hash(committed));
  });
});
