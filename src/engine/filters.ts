/**
 * `GET /reports/filters`: what the filters offer the viewer (hosts, calendars and events), each list in the one order
 * both the engine and the SQL backend sort by ({@link compareFilterOptions}).
 */
import type { FilterOption, FilterOptionsResponse } from '../api/types';
import type { CalendarEventRow, CalendarRow, SiteData, UserRow } from '../data/schema';
import type { Viewer } from './types';

/** Compares two strings by their UTF-16 code units, as `<` does: the same on every machine and in every locale. */
function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/**
 * The order of every list of filter options: by name, case aside (`toLowerCase`, which no locale changes), then by
 * the exact name, then by id. Locale collations differ between machines, ICU versions and databases, so the engine
 * and the SQL backend sort with this function, never in SQL.
 */
export function compareFilterOptions(a: FilterOption, b: FilterOption): number {
  return (
    compareCodeUnits(a.name.toLowerCase(), b.name.toLowerCase()) ||
    compareCodeUnits(a.name, b.name) ||
    a.id - b.id
  );
}

/** The options sorted by {@link compareFilterOptions}, in a new array. */
export function sortFilterOptions<Option extends FilterOption>(options: readonly Option[]): Option[] {
  return [...options].sort(compareFilterOptions);
}

/** The rows the filter options are made of: the hosts' users, the calendars and the events offered. */
export interface FilterOptionRows {
  hosts: readonly Pick<UserRow, 'ID' | 'display_name'>[];
  calendars: readonly Pick<CalendarRow, 'id' | 'title'>[];
  events: readonly Pick<CalendarEventRow, 'id' | 'title' | 'calendar_id'>[];
}

/**
 * The `GET /reports/filters` answer of the rows offered, shared with the SQL backend: a host's name is their display
 * name, a calendar's and an event's their title; each list sorted by {@link compareFilterOptions}.
 */
export function buildFilterOptions(rows: FilterOptionRows): FilterOptionsResponse {
  return {
    hosts: sortFilterOptions(rows.hosts.map((user) => ({ id: user.ID, name: user.display_name }))),
    calendars: sortFilterOptions(
      rows.calendars.map((calendar) => ({ id: calendar.id, name: calendar.title })),
    ),
    events: sortFilterOptions(
      rows.events.map((event) => ({ id: event.id, name: event.title, calendar_id: event.calendar_id })),
    ),
  };
}

/**
 * The filter options of the viewer. An administrator is offered every user who owns a calendar, every calendar and
 * every event; a host is offered themselves when they own a calendar, their own calendars and those calendars'
 * events ({@link buildFilterOptions}).
 */
export function computeFilterOptions(data: SiteData, viewer: Viewer): FilterOptionsResponse {
  const calendars = data.calendars.filter(
    (calendar) => viewer.role === 'administrator' || calendar.user_id === viewer.userId,
  );
  const owners = new Set(calendars.map((calendar) => calendar.user_id));
  const calendarIds = new Set(calendars.map((calendar) => calendar.id));
  return buildFilterOptions({
    hosts: data.users.filter((user) => owners.has(user.ID)),
    calendars,
    events: data.events.filter(
      (event) => viewer.role === 'administrator' || calendarIds.has(event.calendar_id),
    ),
  });
}
