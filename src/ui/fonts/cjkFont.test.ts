import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { chineseCharactersInSources, FONT_DIR, FONT_FAMILY } from '../../../scripts/cjkCharacters';

/** The bundled Chinese font must hold every character the app writes in Chinese (else: npm run font:cjk). */
describe('bundled CJK font subset', () => {
  const css = readFileSync(join(FONT_DIR, 'cjk.css'), 'utf8');
  const faces = css.split('@font-face').slice(1);

  it('covers every Chinese character in the zh locale and the sources', () => {
    const covered = new Set<number>();
    for (const face of faces) {
      for (const cp of /unicode-range:\s*([^;]+);/.exec(face)![1].split(',')) covered.add(parseInt(cp.trim().replace(/^U\+/i, ''), 16));
    }
    const missing = [...chineseCharactersInSources()].filter((cp) => !covered.has(cp));
    expect(String.fromCodePoint(...missing), 'characters not in src/ui/fonts: run npm run font:cjk').toBe('');
  });

  it('names one family, and every face points at a file that is there', () => {
    for (const face of faces) {
      expect(face).toContain(`font-family: '${FONT_FAMILY}'`);
      const file = /url\(\.\/([^)]+)\)/.exec(face)![1];
      expect(existsSync(join(FONT_DIR, file)), file).toBe(true);
    }
    expect(faces.length).toBeGreaterThan(0);
  });
});
