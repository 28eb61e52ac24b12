import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { en } from './en';
import { zh } from './zh';
import { cases } from '../core/cases/cases';

describe('the UI in English and Chinese', () => {
  it('has every key in both languages, none empty', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of [...Object.entries(en), ...Object.entries(zh)]) expect(text.trim(), key).not.toBe('');
  });

  it('keeps the same {{placeholders}} in both languages', () => {
    const slots = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(slots(zh[key]), key).toEqual(slots(en[key]));
  });

  it('has every case text in both languages', () => {
    for (const c of cases) {
      for (const text of [c.texts.title, c.texts.summary, c.briefing.history, c.briefing.symptoms, c.briefing.examination]) {
        expect(text.en.length, c.id).toBeGreaterThan(0);
        expect(text.zh.length, c.id).toBeGreaterThan(0);
      }
    }
  });

  it('every UI component takes its words from the text function, not English literals', () => {
    const files = readdirSync('src/ui').filter((f) => f.endsWith('.tsx'));
    expect(files.length).toBeGreaterThan(15);
    for (const f of files) {
      const source = readFileSync(`src/ui/${f}`, 'utf8');
      // JSX text of two or more English words between tags, or a plain English attribute a person reads.
      const literal = source.match(/>\s*[A-Z][a-z]+(?: [a-z]+)+\s*</) ?? source.match(/(?:title|aria-label|placeholder|alt)="[A-Z][a-z]+[^"]*"/);
      expect(literal, `${f}: ${literal?.[0]}`).toBeNull();
    }
  });
});
