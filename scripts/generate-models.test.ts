import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { buildKneeModelGlb } from './knee-model';
import { cases, kneeModelFileName } from '../src/core/cases/cases';

/** The 3D view and the image must never disagree: each committed model is what the anatomy makes. */
describe('public/models', () => {
  const hash = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  for (const c of cases) {
    it(`${kneeModelFileName(c.id)} is exactly what \`npm run models\` makes (run it after changing the anatomy)`, async () => {
      const committed = readFileSync(`public/models/${kneeModelFileName(c.id)}`);
      expect(hash(await buildKneeModelGlb(c.anatomy))).toBe(hash(committed));
    });
  }
  it('holds no model of a case that no longer exists', () => {
    const expected = cases.map((c) => kneeModelFileName(c.id)).sort();
    expect(readdirSync('public/models').filter((f) => f.endsWith('.glb')).sort()).toEqual(expected);
  });
});
