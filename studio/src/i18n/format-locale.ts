/**
 * The Intl locale that writes dates and numbers (shared/format.ts, dashboard-format.ts), and their Intl
 * formatters, made once per locale and options. Kept apart from localization.ts so the formatting
 * functions run (and are tested) without a browser.
 */
let current = 'en-GB';

export const formatLocale = (): string => current;

/** set when the studio's language changes, before its components render again */
export function setFormatLocale(locale: string): void {
  current = locale;
}

function memoized<Options, Formatter>(make: (locale: string, options: Options) => Formatter): (options: Options) => Formatter {
  const made = new Map<string, Formatter>();
  return (options) => {
    const key = `${current} ${JSON.stringify(options)}`;
    let formatter = made.get(key);
    if (formatter === undefined) made.set(key, (formatter = make(current, options)));
    return formatter;
  };
}

export const dateTimeFormat = memoized((locale, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options));
export const numberFormat = memoized((locale, options: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options));
export const relativeTimeFormat = memoized((locale, options: Intl.RelativeTimeFormatOptions) => new Intl.RelativeTimeFormat(locale, options));
