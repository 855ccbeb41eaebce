/**
 * The language an operator picked, kept in this browser's localStorage: it is chosen before signing in
 * (on the login page) and applies to whoever uses this browser next, as the browser's own language does.
 */
import { asLanguage, type Language } from './languages.ts';

const KEY = 'baton.language';

export function rememberedLanguage(): Language | undefined {
  try {
    return asLanguage(localStorage.getItem(KEY));
  } catch {
    return undefined;
  }
}

export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(KEY, language);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}
