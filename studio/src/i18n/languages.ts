/**
 * The studio's languages: lit-localize.json lists them (locale-codes.ts is generated from it), this file
 * says how each is named in the picker and which Intl locale writes its dates and numbers.
 */
import { allLocales, sourceLocale } from './locale-codes.ts';

export type Language = (typeof allLocales)[number];

/** each language as its own speakers write it, so anyone finds theirs whatever the studio shows now */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  th: 'ไทย',
};

/**
 * The Intl locale when the browser names no region for the language. English falls back to en-GB for a
 * 24-hour clock and "3 Jan 14:05", which the studio always showed; Thai to th-TH, whose calendar is the
 * Buddhist one (see docs/translating.md).
 */
const DEFAULT_INTL_LOCALE: Readonly<Record<Language, string>> = {
  en: 'en-GB',
  th: 'th-TH',
};

export const LANGUAGES: readonly Language[] = allLocales;

export const asLanguage = (value: string | null | undefined): Language | undefined => allLocales.find((language) => language === value);

const primary = (tag: string): string => tag.split('-')[0]?.toLowerCase() ?? '';

/** The first of the browser's languages the studio speaks ("th-TH" gives Thai), else English. */
export function languageFromBrowser(browserLanguages: readonly string[]): Language {
  for (const tag of browserLanguages) {
    const language = asLanguage(primary(tag));
    if (language) return language;
  }
  return sourceLocale;
}

/**
 * The Intl locale for dates and numbers in `language`: the browser's own tag when it is of that language
 * (an en-US browser keeps its 12-hour clock), else the language's default.
 */
export function intlLocale(language: Language, browserLanguages: readonly string[]): string {
  return browserLanguages.find((tag) => primary(tag) === language) ?? DEFAULT_INTL_LOCALE[language];
}
