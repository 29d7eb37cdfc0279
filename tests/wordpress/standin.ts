/**
 * The booking stand-in's numbers (`fixtures/mu-plugins/booking-standin.php` computes the same), and the site's days
 * they are counted over. Plain functions: the tests and the WordPress benchmark both use them.
 */
import { SITE_TIMEZONE } from './site';

/** The four numbers by tile key. */
export type Numbers = Record<'all' | 'completed' | 'cancelled' | 'guests', number>;

/** All time: what the stand-in answers without a range. */
export const ALL_TIME: Numbers = { all: 4321, completed: 2468, cancelled: 135, guests: 987 };

/** What the stand-in answers for the days `first`..`last` (`YYYY-MM-DD`, both included). */
export function standinNumbers(first: string, last: string): Numbers {
  const days =
    Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000) + 1;
  const d = Number(first.slice(8, 10));
  return {
    all: 37 * days + d,
    completed: 19 * days + (d % 7),
    cancelled: 3 * days + (d % 5),
    guests: 23 * days + (d % 3),
  };
}

/** The numbers as a page in `locale` writes them, by tile key. */
export function asShown(numbers: Numbers, locale = 'en-US'): Record<string, string> {
  const format = new Intl.NumberFormat(locale);
  return Object.fromEntries(Object.entries(numbers).map(([key, value]) => [key, format.format(value)]));
}

/** The four numbers of a `/reports` answer by tile key. */
export function answerNumbers(body: unknown): Numbers {
  const overview = (body as { overview: { period?: string; number: number }[] }).overview;
  const byKey = Object.fromEntries(overview.map((widget) => [widget.period ?? 'guests', widget.number]));
  return byKey as Numbers;
}

/** The site's day (`YYYY-MM-DD`, Europe/Berlin) `offset` days from today. */
export function siteDay(offset = 0, now = Date.now()): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: SITE_TIMEZONE }).format(now);
  return new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The query both routes carry for the last `days` days ending today; the graph is asked one day more than it shows
 * (the booking plugin leaves out the last day asked for).
 */
export function lastDays(days: number): {
  reports: { start: string; end: string };
  graph: { start: string; end: string };
} {
  const first = siteDay(-(days - 1));
  const last = siteDay();
  return {
    reports: { start: `${first} 00:00:00`, end: `${last} 23:59:59` },
    graph: { start: first, end: siteDay(1) },
  };
}
