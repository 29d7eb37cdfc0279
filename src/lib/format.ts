/**
 * Numbers, percentages, dates and relative times for the user's locale, through Intl.
 *
 * Dates and times are shown in the **site's** timezone (an IANA name or a fixed `±HH:MM` offset), never the
 * browser's. Formatters are cached per locale and options, since panels format many rows on every render.
 */
import { daysBetween, parseFixedOffset, parseLocalDate, utcMsToLocalDay } from './siteTime';
import type { SiteTimezone } from './siteTime';

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateTimeFormats.set(key, format);
  }
  return format;
}

function relativeFormat(locale: string): Intl.RelativeTimeFormat {
  let format = relativeFormats.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormats.set(locale, format);
  }
  return format;
}

/**
 * A count for the locale: `1234` → `1,234` (en), `1.234` (de).
 *
 * @param value The number to show.
 * @param locale BCP 47 locale, e.g. `de-DE`.
 */
export function formatNumber(value: number, locale: string): string {
  return numberFormat(locale, {}).format(value);
}

/**
 * A percentage given in percent (`12.5` means 12.5 %), with up to 2 fraction digits and **no sign**: the caller says
 * up or down in words or with an arrow, so `-5` shows as `5%` (en) / `5 %` (de).
 *
 * @param value Percent, e.g. a widget's `stat`.
 * @param locale BCP 47 locale.
 */
export function formatPercent(value: number, locale: string): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 2, signDisplay: 'never' }).format(
    value / 100,
  );
}

/** Default look of {@link formatDateTime}: `Jan 15, 2025, 11:00 AM` (en). */
const DEFAULT_DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

/**
 * An instant as the site's wall-clock date and time.
 *
 * Intl on Node 20 (and older browsers) rejects offset zones such as `+05:30`, so a fixed-offset site is formatted by
 * shifting the instant by its offset and formatting that in UTC. A `timeZoneName` option would then say "UTC", so
 * it is dropped for fixed offsets. An unknown zone falls back to UTC rather than breaking the panel.
 *
 * @param utcMs The instant, epoch milliseconds.
 * @param locale BCP 47 locale.
 * @param timezone The site timezone: IANA name or `±HH:MM`.
 * @param options Intl options (without `timeZone`). @default { dateStyle: 'medium', timeStyle: 'short' }
 */
export function formatDateTime(
  utcMs: number,
  locale: string,
  timezone: SiteTimezone,
  options: Intl.DateTimeFormatOptions = DEFAULT_DATE_TIME,
): string {
  const offset = parseFixedOffset(timezone);
  if (offset !== undefined) {
    const { timeZoneName: _ignored, ...rest } = options;
    return dateTimeFormat(locale, { ...rest, timeZone: 'UTC' }).format(utcMs + offset * 60_000);
  }
  try {
    return dateTimeFormat(locale, { ...options, timeZone: timezone }).format(utcMs);
  } catch {
    return dateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(utcMs);
  }
}

/**
 * A calendar day `YYYY-MM-DD` for the locale, without any zone shift (the day is already the site's day).
 * A malformed day is returned as it came, so a bad key shows as itself rather than as a wrong date.
 *
 * @param day `YYYY-MM-DD`.
 * @param locale BCP 47 locale.
 * @param options Intl options (without `timeZone`). @default { dateStyle: 'medium' }
 */
export function formatDay(
  day: string,
  locale: string,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' },
): string {
  const fields = parseLocalDate(day);
  if (!fields) return day;
  const [year, month, date] = fields;
  return dateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(Date.UTC(year, month - 1, date));
}

/**
 * A weekday's name for the locale: `Tuesday` (en), `Dienstag` (de).
 *
 * @param weekday 0 (Sunday) to 6 (Saturday), as PHP's `date('w')` numbers them.
 * @param locale BCP 47 locale.
 * @param width Intl's weekday width. @default 'long'
 */
export function formatWeekday(weekday: number, locale: string, width: 'long' | 'short' = 'long'): string {
  // 1 January 2023 was a Sunday.
  return dateTimeFormat(locale, { weekday: width, timeZone: 'UTC' }).format(Date.UTC(2023, 0, 1 + weekday));
}

/**
 * An hour of the day on a clock, for the locale: `2 PM` (en), `14 Uhr` (de).
 *
 * @param hour 0 to 24 (24 is the midnight that ends the day).
 * @param locale BCP 47 locale.
 */
export function formatHour(hour: number, locale: string): string {
  return dateTimeFormat(locale, { hour: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2023, 0, 1, hour));
}

/**
 * A month of a year, short: `Jan 2025` (en), `Jan. 2025` (de), Arabic month names for `ar`.
 *
 * @param year Four-digit year.
 * @param month 1 (January) to 12.
 * @param locale BCP 47 locale.
 */
export function formatMonth(year: number, month: number, locale: string): string {
  return dateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(year, month - 1, 1),
  );
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * How far an instant is from now, in words: `3 hours ago`, `in 2 hours`, `yesterday`, `now`.
 *
 * Within the hour and within the site's day the unit grows with the distance (seconds until 45 seconds, minutes until
 * 45 minutes, then hours), as people round. Across days it counts the site's calendar days, months and years, so it
 * agrees with the date shown beside it: everything of yesterday reads "yesterday", whatever its hour, and two entries
 * of one day never read "6 days ago" and "7 days ago".
 *
 * @param utcMs The instant, epoch milliseconds.
 * @param now The current instant, epoch milliseconds.
 * @param locale BCP 47 locale.
 * @param timezone The site timezone whose calendar days count.
 */
export function formatRelative(utcMs: number, now: number, locale: string, timezone: SiteTimezone): string {
  const delta = utcMs - now;
  const distance = Math.abs(delta);
  const format = relativeFormat(locale);
  // Math.round of a negative half would round towards +∞; rounding the distance keeps past and future symmetric.
  const rounded = (unit: number): number => Math.sign(delta) * Math.round(distance / unit) || 0;
  if (distance < 45 * SECOND) return format.format(rounded(SECOND), 'second');
  if (distance < 45 * MINUTE) return format.format(rounded(MINUTE), 'minute');
  const day = utcMsToLocalDay(utcMs, timezone);
  const today = utcMsToLocalDay(now, timezone);
  if (day === today) return format.format(rounded(HOUR), 'hour');
  const days = daysBetween(today, day);
  if (Math.abs(days) < 31) return format.format(days, 'day');
  const [year, month] = parseLocalDate(day) ?? [0, 0];
  const [thisYear, thisMonth] = parseLocalDate(today) ?? [0, 0];
  const months = (year - thisYear) * 12 + (month - thisMonth);
  if (Math.abs(months) < 12) return format.format(months, 'month');
  return format.format(year - thisYear, 'year');
}

/**
 * The site timezone as people read it: an IANA name as it is (`Europe/Berlin`), a fixed offset as `UTC+05:30`,
 * offset zero as `UTC`.
 *
 * @param timezone The site timezone: IANA name or `±HH:MM` (also `UTC±H`).
 */
export function timezoneLabel(timezone: SiteTimezone): string {
  const offset = parseFixedOffset(timezone);
  if (offset === undefined) return timezone.trim();
  if (offset === 0) return 'UTC';
  const minutes = Math.abs(offset);
  const hours = String(Math.floor(minutes / 60)).padStart(2, '0');
  const rest = String(minutes % 60).padStart(2, '0');
  return `UTC${offset < 0 ? '-' : '+'}${hours}:${rest}`;
}
