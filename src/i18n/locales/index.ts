/**
 * The translations we ship, as Jed 1.x JSON (what `wp i18n make-json` writes for `wp_set_script_translations`).
 * A WordPress host passes its own; the demo, the widget page and the reference backend's page load these.
 */
import type { JedLocaleData } from '..';

const SHIPPED: Record<string, () => Promise<{ default: unknown }>> = {
  de: () => import('./de_DE.json'),
  ar: () => import('./ar.json'),
};

/** The shipped translations for a WordPress or BCP 47 locale (`de_DE`, `de-AT`, `ar`), or `undefined` (English). */
export async function loadTranslations(locale: string | undefined): Promise<JedLocaleData | undefined> {
  const language = (locale ?? '').split(/[-_]/)[0]?.toLowerCase() ?? '';
  const load = SHIPPED[language];
  return load ? ((await load()).default as JedLocaleData) : undefined;
}
