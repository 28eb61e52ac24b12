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

  it('the translated components use the text function, not English literals', () => {
    // The components converted so far; the rest are listed as still English in the closing note.
    const converted = ['App.tsx', 'AttemptBar.tsx', 'CasePicker.tsx', 'CaseBriefing.tsx', 'GuidedChecklist.tsx', 'ReasoningQuestions.tsx', 'NeedlePanel.tsx', 'NeedlePad.tsx', 'StatusBar.tsx', 'LanguageSelect.tsx', 'ControlsPanel.tsx', 'UltrasoundPanel.tsx', 'BuildOverlay.tsx', 'KeyHelp.tsx', 'SessionNotices.tsx', 'DebriefPage.tsx'];
    const files = readdirSync('src/ui').filter((f) => converted.includes(f));
    expect(files.length).toBe(converted.length);
    for (const f of files) {
      const source = readFileSync(`src/ui/${f}`, 'utf8');
      // JSX text of two or more English words between tags.
      const literal = source.match(/>\s*[A-Z][a-z]+(?: [a-z]+)+\s*</);
      expect(literal, `${f}: ${literal?.[0]}`).toBeNull();
    }
  });
});
