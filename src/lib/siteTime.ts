/**
 * Time in the site's timezone, the one primitive every date computation of the project stands on.
 *
 * WordPress lets a site give its timezone as an IANA name (`Europe/Berlin`) or as a fixed offset (`+05:30`,
 * `UTC-3`). Query parameters are local times of that zone; booking and activity times on the wire are UTC.
 * The browser's own timezone never takes part: every function here is pure over (instant, site timezone).
 *
 * Instants are epoch milliseconds. Local wall-clock times are `YYYY-MM-DD HH:mm:ss` strings.
 */
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/** A site timezone: an IANA name or a fixed `±HH:MM` offset (also `UTC±H`, as WordPress's select writes it). */
export type SiteTimezone = string;

/** The wire format of local and UTC times. */
const DATE_TIME_FORMAT = 'YYYY-MM-DD HH:mm:ss';
/** The wire format of days. */
export const DATE_FORMAT = 'YYYY-MM-DD';

const OFFSET_PATTERN = /^(?:UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The fixed offset in minutes for `±HH:MM`, `±HHMM`, `±H` or `UTC±H:MM`; `undefined` for anything else.
 * `UTC` and `Z` alone are offset 0.
 */
export function parseFixedOffset(siteTimezone: SiteTimezone): number | undefined {
  const trimmed = siteTimezone.trim();
  if (/^(UTC|Z|GMT)$/i.test(trimmed)) return 0;
  const match = OFFSET_PATTERN.exec(trimmed);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? '0');
  if (hours > 14 || minutes > 59) return undefined;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

const validZones = new Map<string, boolean>();

/** Whether the site timezone is a fixed offset or an IANA name this runtime knows. */
export function isValidTimezone(siteTimezone: SiteTimezone): boolean {
  if (parseFixedOffset(siteTimezone) !== undefined) return true;
  let known = validZones.get(siteTimezone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: siteTimezone });
      known = siteTimezone.length > 0;
    } catch {
      known = false;
    }
    validZones.set(siteTimezone, known);
  }
  return known;
}

/**
 * One formatter per IANA zone, kept: making an `Intl.DateTimeFormat` costs far more than using one, and a dashboard
 * converts hundreds of instants (every booking's and activity's time) while it first renders.
 */
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = zoneFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormatters.set(zone, formatter);
  }
  return formatter;
}

/** The site's UTC offset in minutes at the instant `utcMs`: its wall clock then, read as UTC, minus the instant. */
export function siteOffsetAt(utcMs: number, siteTimezone: SiteTimezone): number {
  const fixed = parseFixedOffset(siteTimezone);
  if (fixed !== undefined) return fixed;
  const fields: Record<string, number> = {};
  for (const part of zoneFormatter(siteTimezone).formatToParts(utcMs)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wall = naiveMs(
    fields.year ?? 1970,
    fields.month ?? 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  );
  return Math.round((wall - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/** The instant `utcMs` as a dayjs object whose wall clock is the site's. */
function inSiteZone(utcMs: number, siteTimezone: SiteTimezone): Dayjs {
  return dayjs.utc(utcMs).utcOffset(siteOffsetAt(utcMs, siteTimezone));
}

/**
 * Wall-clock fields → the instant, treating the fields as UTC ("naive" milliseconds); helper for the offset search.
 */
/** 400 Gregorian years, whose calendar repeats exactly: 146,097 days. */
const GREGORIAN_CYCLE_MS = 146_097 * 86_400_000;

function naiveMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  // Date.UTC reads the years 0–99 as 1900–1999; the same date 400 years later, moved back, is the real one.
  if (year < 100) return Date.UTC(year + 400, month - 1, day, hour, minute, second) - GREGORIAN_CYCLE_MS;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/**
 * The instant of a local wall-clock time in the site's zone.
 *
 * DST: a time that happens twice (autumn) is the earlier instant; a time skipped by the spring change is read with
 * the offset from before the change, which lands after the gap (02:30 on a 02:00→03:00 day is 03:30), as PHP does.
 */
export function localPartsToUtcMs(
  siteTimezone: SiteTimezone,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const naive = naiveMs(year, month, day, hour, minute, second);
  const fixed = parseFixedOffset(siteTimezone);
  if (fixed !== undefined) return naive - fixed * 60_000;
  // The offset before the wall time (a day earlier is safely before any change near it).
  const offsetBefore = siteOffsetAt(naive - 86_400_000, siteTimezone);
  const offsetAfter = siteOffsetAt(naive + 86_400_000, siteTimezone);
  const candidates = [naive - offsetBefore * 60_000, naive - offsetAfter * 60_000].sort((a, b) => a - b);
  for (const candidate of candidates) {
    if (naive - siteOffsetAt(candidate, siteTimezone) * 60_000 === candidate) return candidate;
  }
  // In a spring gap neither candidate maps back: keep the offset from before the change.
  return naive - offsetBefore * 60_000;
}

/** Whether `YYYY-MM-DD` (with an optional ` HH:mm:ss`) names a real calendar day and time (`2025-02-30` does not). */
function isRealDate(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): boolean {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  const date = new Date(naiveMs(year, month, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Parses a strict local `YYYY-MM-DD HH:mm:ss` into its fields; `undefined` when malformed or impossible. */
export function parseLocalDateTime(
  text: string,
): [number, number, number, number, number, number] | undefined {
  const match = LOCAL_DATE_TIME.exec(text);
  if (!match) return undefined;
  const fields = match.slice(1).map(Number) as [number, number, number, number, number, number];
  return isRealDate(...fields) ? fields : undefined;
}

/** Parses a strict `YYYY-MM-DD` into its fields; `undefined` when malformed or impossible. */
export function parseLocalDate(text: string): [number, number, number] | undefined {
  const match = LOCAL_DATE.exec(text);
  if (!match) return undefined;
  const fields = match.slice(1).map(Number) as [number, number, number];
  return isRealDate(...fields) ? fields : undefined;
}

/** The instant of a local `YYYY-MM-DD HH:mm:ss` in the site's zone; `undefined` when malformed or impossible. */
export function localToUtcMs(local: string, siteTimezone: SiteTimezone): number | undefined {
  const fields = parseLocalDateTime(local);
  return fields && localPartsToUtcMs(siteTimezone, ...fields);
}

/** The instant the local day `YYYY-MM-DD` starts in the site's zone; `undefined` when malformed or impossible. */
export function localDayStartUtcMs(day: string, siteTimezone: SiteTimezone): number | undefined {
  const fields = parseLocalDate(day);
  return fields && localPartsToUtcMs(siteTimezone, ...fields);
}

/** The site's wall-clock `YYYY-MM-DD HH:mm:ss` at the instant. */
export function utcMsToLocal(utcMs: number, siteTimezone: SiteTimezone): string {
  return inSiteZone(utcMs, siteTimezone).format(DATE_TIME_FORMAT);
}

/** The site's local day `YYYY-MM-DD` at the instant. */
export function utcMsToLocalDay(utcMs: number, siteTimezone: SiteTimezone): string {
  return inSiteZone(utcMs, siteTimezone).format(DATE_FORMAT);
}

/** An instant as the wire's UTC `YYYY-MM-DD HH:mm:ss`. */
export function formatUtc(utcMs: number): string {
  return dayjs.utc(utcMs).format(DATE_TIME_FORMAT);
}

/** An instant as ISO 8601 with a `+00:00` offset, as a real site sends `created_at`. */
export function formatUtcIso(utcMs: number): string {
  return dayjs.utc(utcMs).format('YYYY-MM-DDTHH:mm:ss[+00:00]');
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A time from a response as an instant: `YYYY-MM-DD HH:mm:ss` is **UTC** (never browser-local), ISO 8601 must carry
 * its zone. `undefined` for anything else, so a bad value shows as "unknown time", not as a wrong one.
 */
export function parseWireTime(wire: unknown): number | undefined {
  if (typeof wire !== 'string') return undefined;
  const text = wire.trim();
  const local = parseLocalDateTime(text);
  if (local) return naiveMs(...local);
  if (ISO_WITH_ZONE.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** Adds whole calendar days to a local `YYYY-MM-DD` (no timezone involved). */
export function addDays(day: string, days: number): string {
  return dayjs.utc(day).add(days, 'day').format(DATE_FORMAT);
}

/** Whole calendar days from local day `from` to local day `to` (`to - from`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayjs.utc(to).valueOf() - dayjs.utc(from).valueOf()) / 86_400_000);
}
