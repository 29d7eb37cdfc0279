/**
 * What the range picker says: preset names, the resolved range as a sentence, and whether the site's timezone needs
 * a note because the browser's is a different one.
 */
import type { I18n } from '../i18n';
import type { RangePresetId } from './dates';
import { formatDay } from './format';
import { isValidTimezone, parseFixedOffset } from './siteTime';
import type { SiteTimezone } from './siteTime';

/** The translate functions the texts here need. */
export type RangeTextI18n = Pick<I18n, '__' | 'sprintf'>;

// Functions rather than strings, so each label is a literal `__()` call that WordPress's string extraction finds.
const PRESET_LABELS: Record<RangePresetId, (i18n: RangeTextI18n) => string> = {
  today: ({ __ }) => __('Today'),
  yesterday: ({ __ }) => __('Yesterday'),
  last_7_days: ({ __ }) => __('Last 7 days'),
  last_30_days: ({ __ }) => __('Last 30 days'),
  this_month: ({ __ }) => __('This month'),
  last_month: ({ __ }) => __('Last month', 'range preset'),
  last_3_months: ({ __ }) => __('Last 3 months'),
  this_year: ({ __ }) => __('This year'),
  last_year: ({ __ }) => __('Last year'),
  all_time: ({ __ }) => __('All time'),
  custom: ({ __ }) => __('Custom range'),
};

/**
 * The translated name of a range preset, as the picker lists it.
 *
 * @param preset The preset id.
 * @param i18n The app's translate functions.
 */
export function rangePresetLabel(preset: RangePresetId, i18n: RangeTextI18n): string {
  return PRESET_LABELS[preset](i18n);
}

/** How a day of a range label reads: `1 Nov 2025` (en-GB), `Nov 1, 2025` (en), `1. Nov. 2025` (de). */
const RANGE_DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };

/**
 * The days a range covers, for people: `1 Nov 2025 – 30 Nov 2025`, a single day alone, or "All time" when the range
 * has no first day.
 *
 * @param startDay First local day `YYYY-MM-DD`, or `null` for all time.
 * @param endDay Last local day `YYYY-MM-DD` (inclusive).
 * @param locale BCP 47 locale of the dates.
 * @param i18n The app's translate functions.
 */
export function formatRangeLabel(
  startDay: string | null,
  endDay: string,
  locale: string,
  i18n: RangeTextI18n,
): string {
  if (startDay === null) return i18n.__('All time');
  if (startDay === endDay) return formatDay(endDay, locale, RANGE_DAY);
  /* translators: a range of days: 1: first day, 2: last day, e.g. "1 Nov 2025 – 30 Nov 2025". */
  return i18n.sprintf(
    i18n.__('%1$s – %2$s'),
    formatDay(startDay, locale, RANGE_DAY),
    formatDay(endDay, locale, RANGE_DAY),
  );
}

// Names of UTC itself; Intl canonicalises some of them but not all runtimes the same way.
const UTC_NAMES = /^(?:Etc\/)?(?:UTC|UCT|GMT|GMT0|Universal|Zulu|Greenwich)$/i;

/** A key that is equal for two spellings of the same zone: `+00:00`, `UTC` and `Etc/UTC` are one zone. */
function zoneIdentity(timezone: SiteTimezone): string {
  const offset = parseFixedOffset(timezone);
  if (offset !== undefined) return `offset:${offset}`;
  if (UTC_NAMES.test(timezone.trim())) return 'offset:0';
  if (!isValidTimezone(timezone)) return `unknown:${timezone}`;
  const canonical = new Intl.DateTimeFormat('en-US', { timeZone: timezone }).resolvedOptions().timeZone;
  return UTC_NAMES.test(canonical) ? 'offset:0' : `zone:${canonical}`;
}

/**
 * Whether the screen should say which timezone its times are in: the site's zone is not the browser's.
 *
 * Zones are compared by name, after folding spellings of one zone together (`UTC`, `+00:00`, `Etc/UTC`), not by
 * today's offset: a fixed `+01:00` site and a Berlin browser agree in winter but not in summer, so the note stays.
 * An unknown browser zone counts as different, since nothing proves the times match.
 *
 * @param siteTimezone The site's zone: IANA name or `±HH:MM`.
 * @param browserTimezone The browser's IANA zone.
 */
export function timezonesDiffer(siteTimezone: SiteTimezone, browserTimezone: string): boolean {
  return zoneIdentity(siteTimezone) !== zoneIdentity(browserTimezone);
}
