/** Text direction of a locale, without Vue, so the reference backend's page can share it. */

// The languages WordPress ships as right-to-left.
const RTL_LANGUAGES = new Set([
  'ar',
  'arc',
  'ckb',
  'dv',
  'fa',
  'ha',
  'he',
  'khw',
  'ks',
  'ps',
  'sd',
  'ur',
  'yi',
]);

/** Whether a WordPress (`ar`, `he_IL`) or BCP 47 (`fa-IR`) locale is written right to left. */
export function isRtlLocale(locale: string): boolean {
  return RTL_LANGUAGES.has(locale.split(/[-_]/)[0]?.toLowerCase() ?? '');
}
