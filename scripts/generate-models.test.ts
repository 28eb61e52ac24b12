import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { buildKneeModelGlb } from './knee-model';
import { cases, modelSources, kneeModelFileName } from '../src/core/cases/cases';
import { KneeAnatomy } from '../src/core/anatomy/knee';

/** The 3D view and the image must never disagree: each committed model is what the anatomy makes. */
describe('public/models', () => {
  const hash = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  for (const { fileName, anatomy } of modelSources()) {
    it(`${fileName} is exactly what \`npm run models\` makes (run it after changing the anatomy)`, async () => {
      const committed = readFileSync(`public/models/${fileName}`);
      expect(hash(await buildKneeModelGlb(anatomy))).toBe(hash(committed));
    });
  }
  it('serves every case: the deep structures a case shares with its model are its own', async () => {
    // Whatever else differs between the cases sharing a file, the structures in the model must not.
    for (const c of cases) {
      const own = await buildKneeModelGlb(c.anatomy);
      const shared = readFileSync(`public/models/${kneeModelFileName(c.id)}`);
      expect(hash(own), c.id).toBe(hash(shared));
    }
  }, 120_000);
  it('holds no model no case uses', () => {
    const expected = modelSources().map((m) => m.fileName).sort();
    expect(readdirSync('public/models').filter((f) => f.endsWith('.glb')).sort()).toEqual(expected);
    expect(new KneeAnatomy().structures.length).toBeGreaterThan(0);
  });
});
