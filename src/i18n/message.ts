import en from './locales/en.json';
import zh from './locales/zh.json';
import { formatNumber, type Language } from './format';
import type { Message, MessageValue } from '../core/message';
import type { AttemptResult } from '../core/scoring/result';
import { SimError } from '../core/simError';

/**
 * Core's messages (a key and values: scores' reasons and advice, safety events, refusals, the
 * patient's words) as sentences, from the same locale files as the rest of the UI. Pure (no
 * i18next), so the export can write the English beside the key and tests can read both languages.
 */

const TEMPLATES: Record<Language, Record<string, string>> = { en, zh };

/** Figures arrive rounded as they should read (core rounds them down); only the language's digits are added here. */
const FIGURE_DECIMALS = 3;

function valueText(value: MessageValue, language: Language): string {
  if (typeof value === 'number') return formatNumber(value, language, { decimals: FIGURE_DECIMALS, floor: true });
  if (typeof value === 'string') return value;
  if ('key' in value) return say(value, language);
  return value[language];
}

/** The sentence of a message in a language; a key the locale files lack reads as the key itself (a test keeps that from happening). */
export function say(message: Message, language: Language): string {
  const template = TEMPLATES[language][message.key] ?? TEMPLATES.en[message.key] ?? message.key;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
    const value = message.values[name];
    return value === undefined ? whole : valueText(value, language);
  });
}

/** A message with its English sentence beside the key and values, for files read outside the app. */
export function withEnglish(message: Message): Message {
  return { ...message, text: say(message, 'en') };
}

/** A score with the English sentence beside every reason, advice and safety event: what an exported file carries. */
export function resultWithEnglish(result: AttemptResult): AttemptResult {
  return {
    ...result,
    items: result.items.map((item) => ({ ...item, reason: withEnglish(item.reason), advice: item.advice && withEnglish(item.advice) })),
    safetyEvents: result.safetyEvents.map((event) => ({ ...event, description: withEnglish(event.description) })),
  };
}

/** A refusal whose `message` is its English sentence, for code and people reading errors outside the UI (files, window.sim, logs). */
export function inEnglish<E>(error: E): E {
  if (error instanceof SimError) error.message = say(error.said, 'en');
  return error;
}
