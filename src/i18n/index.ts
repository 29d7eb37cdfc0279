/**
 * Translations, WordPress-style.
 *
 * Every user-facing string goes through one instance's `__` / `_n` (text domain `booking-reports`). Translations are
 * Jed 1.x JSON, exactly what `wp_set_script_translations()` hands a script (or what `wp i18n make-json` writes), so
 * a WordPress host can pass its own. Numbers, dates and relative times use Intl with the same locale.
 */
import Tannin from 'tannin';
import sprintfLib from '@tannin/sprintf';
import { inject } from 'vue';
import type { InjectionKey } from 'vue';
import { isRtlLocale } from './direction';

/** The text domain of every string of the dashboard. */
const TEXT_DOMAIN = 'booking-reports';

/** One domain's messages: `""` holds the header; every other key is a msgid (with `context\u0004` prefix if any). */
export interface JedDomain {
  '': { domain?: string; lang?: string; plural_forms?: string; 'plural-forms'?: string };
  [msgid: string]:
    string[] | { domain?: string; lang?: string; plural_forms?: string; 'plural-forms'?: string };
}

/**
 * Jed 1.x locale data: either the whole JSON file WordPress writes (`{ locale_data: { messages: … } }`) or its
 * `locale_data` object alone. The domain key may be `messages` (WordPress's JSON files) or `booking-reports`.
 */
export type JedLocaleData = { locale_data: Record<string, JedDomain> } | Record<string, JedDomain>;

/** The translate functions and locale facts one app instance uses. */
export interface I18n {
  /** BCP 47 locale for Intl, e.g. `de-DE`, `ar`. */
  readonly locale: string;
  /** Text direction of the locale. */
  readonly dir: 'ltr' | 'rtl';
  /** Translates `text` (`context` disambiguates identical English strings). */
  __(text: string, context?: string): string;
  /** Translates by count: `_n('%d guest', '%d guests', n)`; still needs `sprintf` for the number. */
  _n(single: string, plural: string, count: number, context?: string): string;
  /** `sprintf` with `%s`, `%d` and numbered `%1$s` placeholders. */
  sprintf(format: string, ...args: Array<string | number>): string;
}

/** `de_DE` (WordPress) → `de-DE` (BCP 47); empty or malformed → `en`. */
function toBcp47(locale: string | undefined): string {
  const candidate = (locale ?? '').trim().replace(/_/g, '-');
  if (!candidate) return 'en';
  try {
    return Intl.getCanonicalLocales(candidate)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

function domainOf(data: JedLocaleData | undefined): JedDomain | undefined {
  if (!data) return undefined;
  const localeData = 'locale_data' in data ? (data.locale_data as Record<string, JedDomain>) : data;
  return localeData[TEXT_DOMAIN] ?? localeData.messages ?? Object.values(localeData)[0];
}

/**
 * Builds the translate functions for one app instance.
 *
 * @param locale WordPress (`de_DE`) or BCP 47 (`de-DE`) locale. @default 'en'
 * @param translations Jed 1.x JSON for that locale; without it, English source strings are shown.
 */
export function createI18n(locale?: string, translations?: JedLocaleData): I18n {
  const bcp47 = toBcp47(locale);
  const domain = domainOf(translations);
  const tannin = new Tannin({
    [TEXT_DOMAIN]: domain ?? { '': { domain: TEXT_DOMAIN, plural_forms: 'nplurals=2; plural=(n != 1);' } },
  } as never);
  return {
    locale: bcp47,
    dir: isRtlLocale(bcp47) ? 'rtl' : 'ltr',
    __: (text, context) => tannin.dcnpgettext(TEXT_DOMAIN, context, text),
    _n: (single, plural, count, context) => tannin.dcnpgettext(TEXT_DOMAIN, context, single, plural, count),
    sprintf: (format, ...args) => sprintfLib(format, args as never),
  };
}

/** Injection key of the app instance's {@link I18n}. */
export const I18N_KEY: InjectionKey<I18n> = Symbol('booking-reports-i18n');

/** The app instance's translate functions; English when none was provided (e.g. a component mounted alone). */
export function useI18n(): I18n {
  return inject(I18N_KEY, fallbackI18n);
}

const fallbackI18n = createI18n('en');
