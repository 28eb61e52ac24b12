import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cases } from '../core/cases/cases';
import { textFor, toLanguage } from './index';

/** The locale files as a translator edits them: read from disk, not through the bundler. */
const load = (language: 'en' | 'zh'): Record<string, unknown> => JSON.parse(readFileSync(new URL(`./locales/${language}.json`, import.meta.url), 'utf8'));
const en = load('en');
const zh = load('zh');

/** Latin words that may stand in Chinese text: units, abbreviations clinicians use as is, key names. */
/** window.sim's names, quoted as they are typed in refusals of bad arguments. */
const API_NAMES = ['setProbe', 'centre', 'rotationDeg', 'tiltDeg', 'compressionMm', 'insertNeedle', 'entry', 'direction', 'advanceNeedle', 'redirectNeedle', 'nerveAt', 'setAttempt', 'trainee', 'mode', 'guided', 'assessment', 'attempts', 'list', 'IndexedDB', 'MB', 'format',
  'reset', 'caseId', 'side', 'seed', 'left', 'right', 'setImaging', 'depthMm', 'tgcDb', 'anatomy', 'seek'];
const LATIN_IN_CHINESE = new Set([...API_NAMES, 'mm', 'ml', 'psi', 'dB', 'MHz', 'TGC', 'CUSUM', 'JSON', 'CSV', 'xAPI', 'Shift', 'Alt', 'MED', 'LAT', 'PROX', 'DIST', 'OK', 'LRS', 'LMS', 'cmi']);

describe('the locale files', () => {
  it('have the same keys in English and Chinese, every text a non-empty string', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [language, texts] of [['en', en], ['zh', zh]] as const) {
      for (const [key, text] of Object.entries(texts)) {
        expect(typeof text, `${language} ${key}`).toBe('string');
        expect((text as string).trim(), `${language} ${key}`).not.toBe('');
      }
    }
  });

  it('keep the same {{placeholders}} in both languages', () => {
    const slots = (s: unknown) => (String(s).match(/\{\{\s*\w+\s*\}\}/g) ?? []).map((m) => m.replace(/\s/g, '')).sort();
    for (const key of Object.keys(en)) expect(slots(zh[key]), key).toEqual(slots(en[key]));
  });

  it('hold no English left untranslated in Chinese', () => {
    for (const [key, text] of Object.entries(zh)) {
      const words = String(text).replace(/\{\{\s*\w+\s*\}\}/g, '').match(/[A-Za-z]{2,}/g) ?? [];
      const english = words.filter((w) => !LATIN_IN_CHINESE.has(w));
      expect(english, `zh ${key}: ${String(text)}`).toEqual([]);
    }
  });

  it('every case text exists in both languages', () => {
    for (const c of cases) {
      for (const text of [c.texts.title, c.texts.summary, c.briefing.history, c.briefing.symptoms, c.briefing.examination]) {
        expect(text.en.length, c.id).toBeGreaterThan(0);
        expect(text.zh.length, c.id).toBeGreaterThan(0);
      }
    }
  });
});

describe('choosing the language', () => {
  it('reads any Chinese browser language as Chinese and everything else as English', () => {
    for (const code of ['zh', 'zh-CN', 'zh-Hans-CN', 'ZH-tw']) expect(toLanguage(code), code).toBe('zh');
    for (const code of ['en', 'en-GB', 'fr-FR', 'de', '', undefined, null]) expect(toLanguage(code), String(code)).toBe('en');
  });

  it('fills a text in either language without switching the UI', () => {
    expect(textFor('zh').t('attempt.finish')).toBe('结束并评分');
    expect(textFor('en').t('attempt.finish')).toBe('Finish and score');
    expect(textFor('zh').t('syringe.injected', { ml: textFor('zh').n(2.5, 1) })).toBe('已注射 2.5 ml');
  });
});
