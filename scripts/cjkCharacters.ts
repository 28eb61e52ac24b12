import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The bundled Chinese font's family name (not a system font's, so the browser never confuses the two). */
export const FONT_FAMILY = 'CPN Noto Sans SC';
export const FONT_DIR = 'src/ui/fonts';

/** CJK ideographs, CJK punctuation, full-width forms: what a Latin-only machine cannot draw. */
const isChinese = (cp: number) => (cp >= 0x2e80 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xffef) || cp === 0x201c || cp === 0x201d || cp === 0x2014 || cp === 0x2026;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx|json)$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => join(dir, f));
}

/** Every Chinese character the app can show: the zh locale and Chinese text in the sources. */
export function chineseCharactersInSources(): Set<number> {
  const found = new Set<number>();
  for (const file of sourceFiles('src')) {
    for (const ch of readFileSync(file, 'utf8')) {
      const cp = ch.codePointAt(0)!;
      if (isChinese(cp)) found.add(cp);
    }
  }
  return found;
}
