import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { en, type TextKey } from './en';
import { zh } from './zh';

export type Language = 'en' | 'zh';
export const LANGUAGES: { id: Language; name: string }[] = [
  { id: 'en', name: 'English' },
  { id: 'zh', name: '中文' },
];

const STORAGE_KEY = 'cpn-trainer.language';

/** The remembered choice, else the browser's language (Chinese for any zh-*), else English. */
export function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'zh') return stored;
  } catch {
    // Storage blocked: fall back to the browser's language.
  }
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, zh: { translation: zh } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

/** A text in both languages at once (for a message kept while the language may change). */
export function inBoth(key: TextKey, values: Record<string, string | number> = {}): { en: string; zh: string } {
  return { en: i18next.t(key, { ...values, lng: 'en' }), zh: i18next.t(key, { ...values, lng: 'zh' }) };
}

export function setLanguage(language: Language): void {
  void i18next.changeLanguage(language);
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private browsing: the choice holds for this visit.
  }
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
}

/** The UI's text function, its language, and number formatting for that language. */
export function useText() {
  const { t, i18n } = useTranslation();
  const language = (i18n.language === 'zh' ? 'zh' : 'en') as Language;
  const locale = language === 'zh' ? 'zh-CN' : 'en-GB';
  return {
    t: (key: TextKey, values?: Record<string, string | number>) => t(key, values),
    language,
    /** A number with a fixed count of decimals, as the language writes it. */
    n: (value: number, decimals = 0) => new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value),
    /** A date and time as the language writes it. */
    date: (iso: string) => new Date(iso).toLocaleString(locale),
    /** Picks the language's side of a bilingual text. */
    pick: (text: { en: string; zh: string }) => text[language],
  };
}
