import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next, useTranslation } from 'react-i18next';
import en from './locales/en.json';
import zh from './locales/zh.json';
import { formatDate, formatNumber, formatQuantity, type Language, type NumberStyle, type Unit } from './format';
import { say } from './message';
import type { Message } from '../core/message';

export type { Language, Unit } from './format';

/** Every UI text's key; locales/en.json is the reference, zh.json must have the same keys (a test checks). */
export type TextKey = keyof typeof en;
/** Values put into a text's {{placeholders}}. */
export type TextValues = Record<string, string | number>;

export const LANGUAGES: { id: Language; name: string }[] = [
  { id: 'en', name: 'English' },
  { id: 'zh', name: '中文' },
];

/** Where the trainee's choice is kept (the e2e specs set it directly too). */
export const LANGUAGE_STORAGE_KEY = 'cpn-trainer.language';

/** Any Chinese (zh, zh-CN, zh-Hans-CN, zh-TW…) reads the Simplified Chinese UI; everything else English. */
export const toLanguage = (code: string | undefined | null): Language => (code?.toLowerCase().startsWith('zh') ? 'zh' : 'en');

const htmlLang = (language: Language) => (language === 'zh' ? 'zh-CN' : 'en');

void i18next
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en }, zh: { translation: zh satisfies Record<TextKey, string> } },
    supportedLngs: ['en', 'zh'],
    fallbackLng: 'en',
    // The remembered choice first, else the browser's first language. Only an explicit choice is
    // stored (setLanguage), so a trainee who never chose follows the browser.
    detection: { order: ['localStorage', 'navigator'], lookupLocalStorage: LANGUAGE_STORAGE_KEY, caches: [], convertDetectedLanguage: toLanguage },
    interpolation: { escapeValue: false },
    returnNull: false,
  });

/** The page's lang attribute (screen readers, fonts, hyphenation) and its title follow the UI. */
function labelDocument(language: Language): void {
  document.documentElement.lang = htmlLang(language);
  document.title = i18next.getFixedT(language)('app.title');
}

if (typeof document !== 'undefined') {
  labelDocument(currentLanguage());
  i18next.on('languageChanged', (lng) => labelDocument(toLanguage(lng)));
}

export function currentLanguage(): Language {
  return toLanguage(i18next.resolvedLanguage ?? i18next.language);
}

/** Switches the whole UI at once (no reload, the attempt untouched) and remembers the choice. */
export function setLanguage(language: Language): void {
  void i18next.changeLanguage(language);
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage blocked (private browsing): the choice holds for this visit.
  }
}

/** A text in both languages at once (for a message kept while the language may change). */
export function inBoth(key: TextKey, values: TextValues = {}): { en: string; zh: string } {
  return { en: i18next.t(key, { ...values, lng: 'en' }), zh: i18next.t(key, { ...values, lng: 'zh' }) };
}

/** The UI's words and figures in one language. */
export interface UiText {
  language: Language;
  /** The text of a key, its {{placeholders}} filled. */
  t: (key: TextKey, values?: TextValues) => string;
  /** A number as the language writes it, with `decimals` fixed digits (or a full NumberStyle). */
  n: (value: number, decimals?: number | NumberStyle) => string;
  /** A number with its unit ("5.0 mm", "1.2 秒"). */
  q: (value: number, unit: Unit, decimals?: number | NumberStyle) => string;
  /** A date and time as the language writes it. */
  date: (when: string | number) => string;
  /** The language's side of a bilingual text (case texts, the patient's words, the coach). */
  pick: (text: { en: string; zh: string }) => string;
  /** A message from core (a reason, advice, a safety event, a refusal) as a sentence in this language. */
  say: (message: Message) => string;
}

const styleOf = (decimals: number | NumberStyle | undefined): NumberStyle => (typeof decimals === 'number' ? { decimals } : (decimals ?? {}));

/** The text functions of one language, outside React (the debrief's texts, tests). */
export function textFor(language: Language): UiText {
  const fixed = i18next.getFixedT(language);
  return {
    language,
    t: (key, values) => fixed(key, values),
    n: (value, decimals) => formatNumber(value, language, styleOf(decimals)),
    q: (value, unit, decimals) => formatQuantity(value, unit, language, styleOf(decimals)),
    date: (when) => formatDate(when, language),
    pick: (text) => text[language],
    say: (message) => say(message, language),
  };
}

/** The UI's text functions in the chosen language; the component re-renders when it changes. */
export function useText(): UiText {
  const { i18n } = useTranslation();
  return textFor(toLanguage(i18n.resolvedLanguage ?? i18n.language));
}
