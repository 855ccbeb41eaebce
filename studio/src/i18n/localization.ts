/**
 * The studio's language at run time (@lit/localize, runtime mode): one bundle, switched without a reload.
 * The translations of a language load when it is first chosen (locales/<code>.ts, generated from
 * xliff/<code>.xlf), so English costs nothing extra. Components call `updateWhenLocaleChanges(this)` and
 * render again when a language is ready.
 *
 * Imported first by main.ts: it starts the remembered language (or the browser's) before anything renders.
 */
import { LOCALE_STATUS_EVENT, configureLocalization, type LocaleModule } from '@lit/localize';
import { setFormatLocale } from './format-locale.ts';
import { rememberLanguage, rememberedLanguage } from './language-choice.ts';
import { asLanguage, intlLocale, languageFromBrowser, type Language } from './languages.ts';
import { sourceLocale, targetLocales } from './locale-codes.ts';

type TargetLanguage = (typeof targetLocales)[number];

/** one lazy chunk per language; the compiler asks for a line here when lit-localize.json gets a language */
const TRANSLATIONS: Readonly<Record<TargetLanguage, () => Promise<LocaleModule>>> = {
  th: () => import('./locales/th.ts'),
};

const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => {
    const language = targetLocales.find((target) => target === locale);
    if (!language) return Promise.reject(new Error(`no translations for ${locale}`));
    return TRANSLATIONS[language]();
  },
});

// registered before any component's controller, so dates and <html lang> change before they render again
window.addEventListener(LOCALE_STATUS_EVENT, (event) => {
  if (event.detail.status !== 'ready') return;
  const language = asLanguage(event.detail.readyLocale) ?? sourceLocale;
  setFormatLocale(intlLocale(language, navigator.languages));
  document.documentElement.lang = language;
});

export const currentLanguage = (): Language => asLanguage(getLocale()) ?? sourceLocale;

async function show(language: Language): Promise<void> {
  try {
    await setLocale(language);
  } catch (error) {
    // offline or a failed chunk: the studio stays in the language it had
    console.error(`could not load the ${language} translations`, error);
  }
}

/** Switches the studio to `language` at once and remembers it for this browser. */
export function chooseLanguage(language: Language): Promise<void> {
  rememberLanguage(language);
  return show(language);
}

setFormatLocale(intlLocale(sourceLocale, navigator.languages));
void show(rememberedLanguage() ?? languageFromBrowser(navigator.languages));
