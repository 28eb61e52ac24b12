/**
 * Numbers, quantities and dates as each UI language writes them. Pure functions (no i18next), so
 * the debrief's texts and the tests use the same rules as the components (through useText).
 */

export type Language = 'en' | 'zh';

/** The Intl locale of each UI language: British English (day/month dates), Simplified Chinese. */
export const LOCALES: Record<Language, string> = { en: 'en-GB', zh: 'zh-CN' };

/** The units the trainer shows. Symbols stay as clinicians write them in both languages, except seconds. */
export type Unit = 'mm' | 'ml' | 'ml/s' | 'psi' | '°' | '%' | 's' | 'dB' | 'MHz';

const SYMBOLS: Record<Language, Record<Unit, string>> = {
  en: { mm: ' mm', ml: ' ml', 'ml/s': ' ml/s', psi: ' psi', '°': '°', '%': '%', s: ' s', dB: ' dB', MHz: ' MHz' },
  zh: { mm: ' mm', ml: ' ml', 'ml/s': ' ml/s', psi: ' psi', '°': '°', '%': '%', s: ' 秒', dB: ' dB', MHz: ' MHz' },
};

export interface NumberStyle {
  /** Digits after the decimal point (default 0). */
  decimals?: number;
  /**
   * Round down and drop trailing zeros, as the score's reasons do: a figure just short of a
   * threshold never reads as meeting it ("0.99", not "1.0").
   */
  floor?: boolean;
  /** A leading + on positive values (gain, TGC). */
  signed?: boolean;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(language: Language, decimals: number, floor: boolean, signed: boolean): Intl.NumberFormat {
  const key = `${language}|${decimals}|${floor}|${signed}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[language], {
      minimumFractionDigits: floor ? 0 : decimals,
      maximumFractionDigits: decimals,
      signDisplay: signed ? 'exceptZero' : 'auto',
    });
    formatters.set(key, f);
  }
  return f;
}

/** A number in the language's digits and separators; non-finite values as "—". */
export function formatNumber(value: number, language: Language, style: NumberStyle = {}): string {
  if (!Number.isFinite(value)) return '—';
  const decimals = style.decimals ?? 0;
  const floor = style.floor ?? false;
  let x = value;
  if (floor) {
    const f = 10 ** decimals;
    // The nudge keeps 79.9 from flooring to 79.8 through binary representation error.
    x = Math.floor(value * f + 1e-7) / f;
  }
  const text = formatter(language, decimals, floor, style.signed ?? false).format(x);
  // Never "-0": a value that rounds to zero reads as zero.
  return /^-0(?:[.,]0*)?$/.test(text) ? text.slice(1) : text;
}

/** A number with its unit, e.g. "5.0 mm", "30°", "1.2 秒". */
export function formatQuantity(value: number, unit: Unit, language: Language, style: NumberStyle = {}): string {
  return `${formatNumber(value, language, style)}${SYMBOLS[language][unit]}`;
}

/** A date and time (ISO string or epoch ms) in the language's usual form; the input itself when it is not a date. */
export function formatDate(when: string | number, language: Language): string {
  const d = new Date(when);
  return Number.isNaN(d.getTime()) ? String(when) : d.toLocaleString(LOCALES[language]);
}
