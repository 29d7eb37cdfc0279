/**
 * Demo data: a believable booking site in the plugin's own table shapes, the same for the same seed and "now".
 *
 * The site has one administrator, four hosts with a calendar each, one-to-one and group events, and one event that
 * was deleted while bookings still point to it. Bookings span about two years before "now" plus the few weeks ahead
 * that guests have already booked: meetings fall in working hours of the site's timezone, fewer at weekends, more as
 * the site grows; guests come back, some typing their e-mail in another case; every status appears.
 *
 * Runs in Node and in browsers (no Node APIs). `generateBookings` streams, so the reference backend can seed a
 * million rows without holding them: the per-row work is plain `Date` arithmetic over a per-day table of site
 * offsets computed once with `siteTime`.
 */
import type { BookingStatus } from '../api/contract';
import type { EventType } from '../api/types';
import {
  isValidTimezone,
  parseFixedOffset,
  parseLocalDate,
  parseWireTime,
  siteOffsetAt,
  utcMsToLocalDay,
} from '../lib/siteTime';
import { Random, mix32, weightedPicker } from './random';
import type { ActivityRow, BookingRow, CalendarEventRow, CalendarRow, SiteData, UserRow } from './schema';

/** What to generate. */
export interface GenerateOptions {
  /** Picks the random sequence: the same seed and `now` give identical data. @default 1 */
  seed?: number;
  /** The instant (epoch ms) the data is "around": bookings are created up to it. @default Date.now() */
  now?: number;
  /** How many bookings, spread over about two years. @default 3000 */
  bookings?: number;
  /** Site timezone (IANA or `±HH:MM`) whose working hours and weekdays the meetings follow. @default 'Europe/Berlin' */
  timezone?: string;
}

/** Options of {@link generateBookings}. */
export interface BookingStreamOptions extends GenerateOptions {
  /** Id of the first booking; ids (and group ids) count up from it. @default 1 */
  startId?: number;
}

const SECOND_MS = 1000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Days of booking history before today. */
const HISTORY_DAYS = 730;
/** Days after today the day table covers: the longest lead plus a weekend shift plus a week of group sessions. */
const FUTURE_DAYS = 45;
/** Guests book at most this many days ahead. */
const MAX_LEAD_DAYS = 30;
/** Seats of a group event session. */
const GROUP_CAPACITY = 8;

const DEFAULTS = { seed: 1, bookings: 3000, timezone: 'Europe/Berlin', startId: 1 } as const;

// ---------------------------------------------------------------------------------------------------------------
// The cast: users, calendars, events
// ---------------------------------------------------------------------------------------------------------------

interface HostSpec {
  user: UserRow;
  /** The calendar owner's own timezone; only metadata, the booking hours follow the site's. */
  timezone: string;
}

const ADMINISTRATOR: UserRow = {
  ID: 1,
  display_name: 'Site Admin',
  user_email: 'admin@example.com',
  role: 'administrator',
};

const HOSTS: readonly HostSpec[] = [
  {
    user: { ID: 2, display_name: 'Lena Ørsted', user_email: 'lena.oersted@example.com', role: 'host' },
    timezone: 'Europe/Copenhagen',
  },
  {
    user: { ID: 3, display_name: 'Marco Rossi', user_email: 'marco.rossi@example.com', role: 'host' },
    timezone: 'Europe/Rome',
  },
  {
    user: { ID: 4, display_name: 'Nguyễn Thu Hà', user_email: 'thuha.nguyen@example.com', role: 'host' },
    timezone: 'Europe/Berlin',
  },
  {
    user: { ID: 5, display_name: "Sarah O'Connor", user_email: 'sarah.oconnor@example.com', role: 'host' },
    timezone: 'Europe/Dublin',
  },
];

interface EventSpec {
  id: number;
  /** Index into {@link HOSTS}; the calendar id is this + 1. */
  host: number;
  title: string;
  duration: number;
  type: EventType;
  /** Relative share of the bookings. */
  weight: number;
  status: 'active' | 'draft';
  /** Deleted from `fcal_calendar_events`, while its bookings stay. */
  deleted?: boolean;
  /** Takes no new bookings during the last this many days (a draft or deleted event once was bookable). */
  closedForDays?: number;
  /** Paid event: its bookings carry a `payment_status`. */
  paid?: boolean;
  /** Group events meet at fixed weekly sessions: `[weekday (0 = Sunday), hour, minute]` in the site timezone. */
  sessions?: readonly (readonly [number, number, number])[];
}

const EVENTS: readonly EventSpec[] = [
  {
    id: 1,
    host: 0,
    title: '15 Minute Intro Call',
    duration: 15,
    type: 'single',
    weight: 10,
    status: 'active',
  },
  {
    id: 2,
    host: 0,
    title: '30 Minute Consultation',
    duration: 30,
    type: 'single',
    weight: 15,
    status: 'active',
  },
  // Deleted ten days ago, so a few upcoming meetings still point to it, as on real sites.
  {
    id: 3,
    host: 0,
    title: 'Discovery Call',
    duration: 30,
    type: 'single',
    weight: 5,
    status: 'active',
    deleted: true,
    closedForDays: 10,
  },
  {
    id: 4,
    host: 0,
    title: 'Group Workshop',
    duration: 60,
    type: 'group',
    weight: 9,
    status: 'active',
    sessions: [[2, 10, 0]],
  },
  { id: 5, host: 1, title: '30 Minute Meeting', duration: 30, type: 'single', weight: 14, status: 'active' },
  {
    id: 6,
    host: 1,
    title: '1 Hour Strategy Session',
    duration: 60,
    type: 'single',
    weight: 7,
    status: 'active',
    paid: true,
  },
  { id: 7, host: 2, title: '15 Minute Check-in', duration: 15, type: 'single', weight: 9, status: 'active' },
  { id: 8, host: 2, title: '60 Minute Deep Dive', duration: 60, type: 'single', weight: 6, status: 'active' },
  // The ampersand is on purpose: titles are text, and the dashboard must not double-escape or interpret them.
  {
    id: 9,
    host: 2,
    title: 'Q&A Webinar',
    duration: 60,
    type: 'group',
    weight: 8,
    status: 'active',
    sessions: [[4, 16, 0]],
  },
  {
    id: 10,
    host: 3,
    title: '30 Minute Consultation',
    duration: 30,
    type: 'single',
    weight: 12,
    status: 'active',
  },
  {
    id: 11,
    host: 3,
    title: 'Coaching Session',
    duration: 60,
    type: 'single',
    weight: 4,
    status: 'draft',
    closedForDays: 120,
  },
];

function calendarIdOf(event: EventSpec): number {
  return event.host + 1;
}

function hostOf(event: EventSpec): HostSpec {
  return HOSTS[event.host] as HostSpec;
}

function buildUsers(): UserRow[] {
  return [{ ...ADMINISTRATOR }, ...HOSTS.map((host) => ({ ...host.user }))];
}

function buildCalendars(): CalendarRow[] {
  return HOSTS.map((host, index) => ({
    id: index + 1,
    user_id: host.user.ID,
    title: host.user.display_name,
    author_timezone: host.timezone,
  }));
}

function buildEvents(): CalendarEventRow[] {
  return EVENTS.filter((event) => !event.deleted).map((event) => ({
    id: event.id,
    calendar_id: calendarIdOf(event),
    user_id: hostOf(event).user.ID,
    title: event.title,
    duration: event.duration,
    event_type: event.type,
    status: event.status,
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Guests
// ---------------------------------------------------------------------------------------------------------------

/** `[as written, as in an e-mail address]`: real sites have names outside ASCII. */
const FIRST_NAMES: readonly (readonly [string, string])[] = [
  ['Anna', 'anna'],
  ['Lukas', 'lukas'],
  ['Sophie', 'sophie'],
  ['Jonas', 'jonas'],
  ['Emma', 'emma'],
  ['Noah', 'noah'],
  ['Mia', 'mia'],
  ['Elias', 'elias'],
  ['Zoë', 'zoe'],
  ['José', 'jose'],
  ['محمد', 'mohammed'],
  ['Søren', 'soren'],
  ['Łukasz', 'lukasz'],
  ['Chloé', 'chloe'],
  ['Aiko', 'aiko'],
  ['Priya', 'priya'],
  ['Olivia', 'olivia'],
  ['Mateo', 'mateo'],
  ['Fatima', 'fatima'],
  ['Liam', 'liam'],
  ['Hana', 'hana'],
  ['Ingrid', 'ingrid'],
  ['Kwame', 'kwame'],
  ['Yusuf', 'yusuf'],
  ['Thảo', 'thao'],
];

const LAST_NAMES: readonly (readonly [string, string])[] = [
  ['Müller', 'mueller'],
  ['Nguyễn', 'nguyen'],
  ['Ørsted', 'oersted'],
  ['García', 'garcia'],
  ["O'Brien", 'obrien'],
  ['Schmidt', 'schmidt'],
  ['Rossi', 'rossi'],
  ['Dubois', 'dubois'],
  ['Andersson', 'andersson'],
  ['Yılmaz', 'yilmaz'],
  ['Silva', 'silva'],
  ['Kim', 'kim'],
  ['Chen', 'chen'],
  ['Patel', 'patel'],
  ['Kowalski', 'kowalski'],
  ['Smith', 'smith'],
  ['Nakamura', 'nakamura'],
  ['Haddad', 'haddad'],
  ['Johansson', 'johansson'],
  ['Okafor', 'okafor'],
  ['Fischer', 'fischer'],
  ['Novák', 'novak'],
  ['Weber', 'weber'],
  ['العلي', 'alali'],
];

const EMAIL_DOMAINS = ['example.com', 'example.org', 'mail.example.net', 'example.de'] as const;

const GUEST_TIMEZONES = [
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Asia/Dubai',
  'Asia/Ho_Chi_Minh',
  'Africa/Lagos',
  'Australia/Sydney',
] as const;

const PHONE_PREFIXES = ['+49 151', '+49 170', '+44 7700', '+1 415', '+33 6', '+84 90', '+971 50'] as const;

/** Messages guests leave; some look like markup, as real input does, and must stay text. */
const MESSAGES = [
  'Looking forward to it!',
  'Need to discuss <pricing> & terms',
  'Können wir über das Angebot sprechen?',
  'I may be five minutes late.',
  'Please call me when you are ready.',
  'Tôi muốn hỏi về giá.',
  'سأكون متأخرا قليلا',
  '<script>alert("hi")</script> just testing your form',
  'Second session, same topic as last time.',
] as const;

interface Guest {
  first_name: string;
  last_name: string;
  email: string;
  person_time_zone: string;
}

/**
 * Guest number `index`, derived from the index alone so returning guests need no table (a million-row stream
 * would otherwise keep every guest in memory).
 */
function guestAt(index: number, salt: number, timezones: readonly string[]): Guest {
  const bits = mix32(index ^ salt);
  const [first, firstAscii] = FIRST_NAMES[bits % FIRST_NAMES.length] as readonly [string, string];
  const [last, lastAscii] = LAST_NAMES[(bits >>> 8) % LAST_NAMES.length] as readonly [string, string];
  const domain = EMAIL_DOMAINS[(bits >>> 16) % EMAIL_DOMAINS.length];
  return {
    first_name: first,
    last_name: last,
    email: `${firstAscii}.${lastAscii}${index + 1}@${domain}`,
    person_time_zone: timezones[(bits >>> 20) % timezones.length] as string,
  };
}

/** The same address as a guest may type it another time: `Anna.Mueller12@Example.com`. */
function recapitalised(email: string): string {
  return email.replace(
    /(^|[.@])([a-z])/g,
    (_, separator: string, letter: string) => separator + letter.toUpperCase(),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Time
// ---------------------------------------------------------------------------------------------------------------

const TWO_DIGITS = Array.from({ length: 60 }, (_, value) => String(value).padStart(2, '0'));

/**
 * The same text as `formatUtc` from `siteTime`, without dayjs: the stream formats four times per row and a million
 * rows must take seconds, not the ~10 s dayjs needs. The day part is cached, so a call is a little arithmetic.
 */
function createUtcFormatter(): (utcMs: number) => string {
  const days = new Map<number, string>();
  return (utcMs) => {
    const dayNumber = Math.floor(utcMs / DAY_MS);
    let day = days.get(dayNumber);
    if (day === undefined) {
      day = new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
      days.set(dayNumber, day);
    }
    const seconds = Math.floor((utcMs - dayNumber * DAY_MS) / SECOND_MS);
    const hour = TWO_DIGITS[Math.floor(seconds / 3600)];
    const minute = TWO_DIGITS[Math.floor(seconds / 60) % 60];
    return `${day} ${hour}:${minute}:${TWO_DIGITS[seconds % 60]}`;
  };
}

/** One local day of the site. */
interface SiteDay {
  /** Midnight of the local date read as if it were UTC; adding local wall-clock milliseconds gives "naive" times. */
  naiveMs: number;
  /** The site's UTC offset around the middle of that day, in ms (meetings never fall in the night of a DST change). */
  offsetMs: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

/** The local days from `HISTORY_DAYS` before today to `FUTURE_DAYS` after it; today is at index `HISTORY_DAYS`. */
function buildSiteDays(now: number, timezone: string): SiteDay[] {
  const [year, month, day] = parseLocalDate(utcMsToLocalDay(now, timezone)) as [number, number, number];
  const todayNaive = Date.UTC(year, month - 1, day);
  const fixedOffset = parseFixedOffset(timezone);
  const naiveOf = (index: number) => todayNaive + (index - HISTORY_DAYS) * DAY_MS;
  const offsetOf = (index: number) =>
    (fixedOffset ?? siteOffsetAt(naiveOf(index) + 12 * HOUR_MS, timezone)) * MINUTE_MS;
  const count = HISTORY_DAYS + FUTURE_DAYS + 1;
  const offsets = new Float64Array(count);
  // An offset lookup costs ~0.1 ms; zones change offset at most a few times a year, so one lookup a week
  // suffices, and only a week whose two ends differ is looked up day by day.
  const WEEK = 7;
  let previous = offsetOf(0);
  offsets[0] = previous;
  for (let start = 0; start < count - 1; start += WEEK) {
    const end = Math.min(start + WEEK, count - 1);
    const next = offsetOf(end);
    for (let index = start + 1; index < end; index++)
      offsets[index] = next === previous ? next : offsetOf(index);
    offsets[end] = next;
    previous = next;
  }
  return Array.from(offsets, (offsetMs, index) => {
    const naiveMs = naiveOf(index);
    return { naiveMs, offsetMs, weekday: new Date(naiveMs).getUTCDay() };
  });
}

/** A site-local wall-clock time (minutes after midnight) on a site day, as an instant. */
function instantOf(day: SiteDay, minuteOfDay: number): number {
  return day.naiveMs + minuteOfDay * MINUTE_MS - day.offsetMs;
}

// ---------------------------------------------------------------------------------------------------------------
// Patterns
// ---------------------------------------------------------------------------------------------------------------

/** When guests book (site-local hour of `created_at`): mostly by day, some in the evening, few at night. */
const pickBookingHour = weightedPicker(
  [
    0.15, 0.1, 0.08, 0.06, 0.06, 0.1, 0.25, 0.5, 0.9, 1.1, 1.2, 1.15, 1, 1, 1.05, 1.05, 1, 0.95, 0.85, 0.8,
    0.8, 0.7, 0.5, 0.3,
  ].map((weight, hour) => [hour, weight] as const),
);

/** When meetings start (site-local hour): working hours, with a lunch dip. */
const pickMeetingHour = weightedPicker<number>([
  [8, 0.4],
  [9, 1],
  [10, 1.3],
  [11, 1.3],
  [12, 0.6],
  [13, 0.8],
  [14, 1.2],
  [15, 1.2],
  [16, 1],
  [17, 0.6],
]);

/** Relative booking volume by weekday of creation (0 = Sunday). */
const CREATION_BY_WEEKDAY = [0.35, 1.1, 1.05, 1, 1, 0.9, 0.4] as const;

/** Relative booking volume by month (summer and year-end holidays are quieter). */
const CREATION_BY_MONTH = [1.1, 1.05, 1, 1, 1, 0.95, 0.85, 0.75, 1, 1.05, 1.05, 0.8] as const;

const pickPastStatus = weightedPicker<BookingStatus>([
  ['completed', 76],
  ['cancelled', 12],
  ['no_show', 5],
  ['rejected', 3],
  ['scheduled', 1],
  ['pending', 2],
  ['reserved', 1],
]);

const pickFutureStatus = weightedPicker<BookingStatus>([
  ['scheduled', 78],
  ['pending', 8],
  ['cancelled', 8],
  ['reserved', 3.5],
  ['rejected', 2.5],
]);

// ---------------------------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------------------------

interface ResolvedOptions {
  seed: number;
  now: number;
  bookings: number;
  timezone: string;
  startId: number;
}

function resolveOptions(options: BookingStreamOptions): ResolvedOptions {
  const resolved: ResolvedOptions = {
    seed: options.seed ?? DEFAULTS.seed,
    now: options.now ?? Date.now(),
    bookings: options.bookings ?? DEFAULTS.bookings,
    timezone: options.timezone ?? DEFAULTS.timezone,
    startId: options.startId ?? DEFAULTS.startId,
  };
  if (!Number.isFinite(resolved.seed))
    throw new RangeError(`seed must be a finite number, got ${resolved.seed}`);
  if (!Number.isFinite(resolved.now))
    throw new RangeError(`now must be epoch milliseconds, got ${resolved.now}`);
  if (!Number.isSafeInteger(resolved.bookings) || resolved.bookings < 0) {
    throw new RangeError(`bookings must be a whole number ≥ 0, got ${resolved.bookings}`);
  }
  if (!Number.isSafeInteger(resolved.startId) || resolved.startId < 1) {
    throw new RangeError(`startId must be a whole number ≥ 1, got ${resolved.startId}`);
  }
  if (!isValidTimezone(resolved.timezone)) throw new RangeError(`Unknown timezone: ${resolved.timezone}`);
  return resolved;
}

/**
 * How many bookings are created on each day of the history: growth over the two years, weekday and season
 * patterns, day-to-day noise. Rounded cumulatively, so the counts add up to exactly `total`.
 */
function dailyCounts(days: readonly SiteDay[], now: number, total: number, random: Random): Uint32Array {
  const weights = new Float64Array(HISTORY_DAYS + 1);
  let sum = 0;
  for (let index = 0; index <= HISTORY_DAYS; index++) {
    const day = days[index] as SiteDay;
    const growth = 0.55 + 0.45 * (index / HISTORY_DAYS);
    const month = new Date(day.naiveMs).getUTCMonth();
    const noise = 0.7 + 0.6 * random.next();
    let weight = growth * (CREATION_BY_WEEKDAY[day.weekday] ?? 1) * (CREATION_BY_MONTH[month] ?? 1) * noise;
    // Today has only happened up to "now".
    if (index === HISTORY_DAYS) weight *= Math.min(1, Math.max(0, (now - instantOf(day, 0)) / DAY_MS));
    weights[index] = weight;
    sum += weight;
  }
  const counts = new Uint32Array(HISTORY_DAYS + 1);
  let cumulative = 0;
  let assigned = 0;
  for (let index = 0; index <= HISTORY_DAYS; index++) {
    cumulative += weights[index] as number;
    const upTo = sum > 0 ? Math.round((total * cumulative) / sum) : 0;
    counts[index] = upTo - assigned;
    assigned = upTo;
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------------------------
// Bookings
// ---------------------------------------------------------------------------------------------------------------

interface GroupSession {
  groupId: number;
  seats: number;
}

/** Where and when a booking meets. */
interface Placement {
  event: EventSpec;
  startMs: number;
  groupId: number;
}

/**
 * Streams the `fcal_bookings` rows of the demo site in id order (which is `created_at` order, as an
 * auto-increment table has it). Nothing but the current day's creation times and the open group sessions is held,
 * so a million rows stream in a few seconds in constant memory.
 *
 * @param options See {@link GenerateOptions}; `startId` moves every id and group id.
 */
export function* generateBookings(options: BookingStreamOptions = {}): Generator<BookingRow> {
  const { seed, now, bookings: total, timezone, startId } = resolveOptions(options);
  const random = new Random(seed);
  const days = buildSiteDays(now, timezone);
  const counts = dailyCounts(days, now, total, random);
  const format = createUtcFormatter();
  const guestSalt = mix32(seed ^ 0x2545f491);
  // Guests mostly live where the site is; a fixed offset is no IANA name, so then only the list is used.
  const guestTimezones: readonly string[] =
    parseFixedOffset(timezone) === undefined
      ? [timezone, timezone, timezone, ...GUEST_TIMEZONES]
      : GUEST_TIMEZONES;
  const pickEvent = weightedPicker(EVENTS.map((event) => [event, event.weight] as const));
  // When a chosen event is closed or its sessions are full, the host's main one-to-one event takes the booking.
  const fallbackOf = new Map(
    EVENTS.map((event) => [
      event,
      EVENTS.find(
        (other) => other.host === event.host && other.type === 'single' && !other.closedForDays,
      ) as EventSpec,
    ]),
  );
  const sessions = new Map<number, GroupSession>();
  let guestCount = 0;
  let nextId = startId;

  function oneToOnePlacement(event: EventSpec, createdDay: number, createdMs: number, id: number): Placement {
    const drawLead = () => Math.floor((MAX_LEAD_DAYS + 1) * random.next() ** 1.5);
    const isWeekend = (lead: number) => {
      const weekday = (days[createdDay + lead] as SiteDay).weekday;
      return weekday === 0 || weekday === 6;
    };
    let lead = drawLead();
    // Fewer meetings at weekends: most guests who land on one choose another day.
    for (let retry = 0; retry < 3 && isWeekend(lead) && random.chance(0.85); retry++) lead = drawLead();
    const startDay = createdDay + lead;
    const step = event.duration >= 60 ? 30 : event.duration;
    const minuteOfDay = pickMeetingHour(random) * 60 + step * Math.floor((random.next() * 60) / step);
    let startMs = instantOf(days[startDay] as SiteDay, minuteOfDay);
    // Nobody books a meeting that starts within half an hour: move it to the next day.
    if (startMs < createdMs + 30 * MINUTE_MS) startMs = instantOf(days[startDay + 1] as SiteDay, minuteOfDay);
    return { event, startMs, groupId: id };
  }

  function groupPlacement(
    event: EventSpec,
    createdDay: number,
    createdMs: number,
    id: number,
  ): Placement | undefined {
    const weeklySessions = event.sessions ?? [];
    const firstDay = createdDay + random.int(0, 21);
    let tried = 0;
    for (let dayIndex = firstDay; dayIndex <= createdDay + MAX_LEAD_DAYS && tried < 4; dayIndex++) {
      const day = days[dayIndex] as SiteDay;
      for (const [weekday, hour, minute] of weeklySessions) {
        if (weekday !== day.weekday) continue;
        const startMs = instantOf(day, hour * 60 + minute);
        if (startMs < createdMs + HOUR_MS) continue;
        tried++;
        const key = startMs * 16 + event.id;
        const session = sessions.get(key);
        if (!session) {
          sessions.set(key, { groupId: id, seats: 1 });
          return { event, startMs, groupId: id };
        }
        if (session.seats < GROUP_CAPACITY) {
          session.seats++;
          return { event, startMs, groupId: session.groupId };
        }
      }
    }
    return undefined;
  }

  function bookingRow(id: number, createdMs: number, { event, startMs, groupId }: Placement): BookingRow {
    const endMs = startMs + event.duration * MINUTE_MS;
    const status: BookingStatus =
      endMs <= now ? pickPastStatus(random) : startMs <= now ? 'scheduled' : pickFutureStatus(random);
    const updatedMs =
      Math.floor(
        Math.max(createdMs, Math.min(now, updatedAt(status, createdMs, startMs, endMs))) / SECOND_MS,
      ) * SECOND_MS;

    const returning = guestCount >= 20 && random.chance(0.33);
    // Early guests are the regulars: returning visits lean towards low guest numbers.
    const guestIndex = returning ? Math.floor(guestCount * random.next() ** 1.6) : guestCount++;
    const guest = guestAt(guestIndex, guestSalt, guestTimezones);
    const email = returning && random.chance(0.15) ? recapitalised(guest.email) : guest.email;
    const host = hostOf(event);

    return {
      id,
      hash: random.hex(32),
      calendar_id: calendarIdOf(event),
      event_id: event.id,
      group_id: groupId,
      parent_id: null,
      host_user_id: host.user.ID,
      person_time_zone: guest.person_time_zone,
      start_time: format(startMs),
      end_time: format(endMs),
      slot_minutes: event.duration,
      first_name: guest.first_name,
      last_name: guest.last_name,
      email,
      message: random.chance(0.2) ? random.pick(MESSAGES) : null,
      phone: random.chance(0.3) ? `${random.pick(PHONE_PREFIXES)} ${random.int(1_000_000, 9_999_999)}` : null,
      status,
      source: random.chance(0.12) ? 'admin' : 'web',
      event_type: event.type,
      payment_status: event.paid ? paymentStatus(status) : null,
      created_at: format(createdMs),
      updated_at: format(updatedMs),
    };
  }

  /** When the row last changed, before clamping to [created, now]. */
  function updatedAt(status: BookingStatus, createdMs: number, startMs: number, endMs: number): number {
    switch (status) {
      case 'completed':
      case 'no_show':
        return endMs + random.int(5, 360) * MINUTE_MS;
      case 'cancelled':
        return createdMs + Math.floor(random.next() * (Math.min(startMs, now) - createdMs));
      case 'rejected':
        return createdMs + random.int(10, 2880) * MINUTE_MS;
      case 'scheduled':
        return random.chance(0.3) ? createdMs + random.int(1, 1440) * MINUTE_MS : createdMs;
      default:
        return createdMs;
    }
  }

  for (let createdDay = 0; createdDay <= HISTORY_DAYS; createdDay++) {
    const count = counts[createdDay] as number;
    if (count === 0) continue;
    const day = days[createdDay] as SiteDay;
    const dayStartMs = instantOf(day, 0);
    // Sessions that started before this day can take no more bookings.
    for (const key of sessions.keys()) if (key / 16 < dayStartMs) sessions.delete(key);

    const createdTimes = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const secondOfDay = pickBookingHour(random) * 3600 + random.int(0, 3599);
      let createdMs = day.naiveMs + secondOfDay * SECOND_MS - day.offsetMs;
      if (createdMs > now)
        createdMs = dayStartMs + Math.floor((random.next() * (now - dayStartMs)) / SECOND_MS) * SECOND_MS;
      createdTimes[i] = createdMs;
    }
    createdTimes.sort();

    for (const createdMs of createdTimes) {
      const id = nextId++;
      let event = pickEvent(random);
      if (event.closedForDays && createdMs > now - event.closedForDays * DAY_MS)
        event = fallbackOf.get(event) as EventSpec;
      const placement =
        (event.type === 'single' ? undefined : groupPlacement(event, createdDay, createdMs, id)) ??
        oneToOnePlacement(
          event.type === 'single' ? event : (fallbackOf.get(event) as EventSpec),
          createdDay,
          createdMs,
          id,
        );
      yield bookingRow(id, createdMs, placement);
    }
  }
}

function paymentStatus(status: BookingStatus): string {
  if (status === 'pending' || status === 'reserved') return 'pending';
  if (status === 'cancelled' || status === 'rejected') return 'refunded';
  return 'paid';
}

// ---------------------------------------------------------------------------------------------------------------
// Activities
// ---------------------------------------------------------------------------------------------------------------

const REJECT_REASONS = [
  'The requested time is no longer available.',
  'Please book the group workshop instead.',
  'I am travelling that week, sorry!',
  'Duplicate booking.',
] as const;

type ActivityEntry = Omit<ActivityRow, 'id' | 'created_at' | 'updated_at'> & { atMs: number };

/** The log entries one booking leaves, in the order they happened. */
function activitiesOf(booking: BookingRow, now: number, random: Random): ActivityEntry[] {
  const createdMs = parseWireTime(booking.created_at) as number;
  const updatedMs = parseWireTime(booking.updated_at) as number;
  const startMs = parseWireTime(booking.start_time) as number;
  const event = EVENTS.find((candidate) => candidate.id === booking.event_id);
  const hostName =
    HOSTS.find((host) => host.user.ID === booking.host_user_id)?.user.display_name ?? 'the host';
  const entries: ActivityEntry[] = [];
  const add = (
    offsetFromMs: number,
    type: string,
    title: string,
    description: string,
    createdBy: number | null = null,
    status = 'closed',
  ) => {
    entries.push({
      booking_id: booking.id,
      parent_id: null,
      created_by: createdBy,
      status,
      type,
      title,
      description,
      atMs: Math.max(createdMs, Math.min(now, offsetFromMs)),
    });
  };

  add(
    createdMs,
    'success',
    'Booking Created',
    `New booking created for ${event?.title ?? 'a meeting'}`,
    booking.source === 'admin' ? ADMINISTRATOR.ID : null,
  );
  if (booking.status === 'pending') {
    add(
      createdMs + SECOND_MS,
      'info',
      'Awaiting Confirmation',
      `Waiting for ${hostName} to confirm the booking`,
    );
  } else if (booking.status === 'reserved') {
    add(createdMs + SECOND_MS, 'info', 'Slot Reserved', 'The slot is held until the payment is completed');
  } else if (booking.status !== 'rejected') {
    const emailed = createdMs + random.int(1, 4) * SECOND_MS;
    add(
      emailed,
      'activity',
      'Booking scheduled email sent to guest',
      'Booking scheduled email sent to guest',
      null,
      'open',
    );
    if (random.chance(0.6)) {
      add(
        emailed + SECOND_MS,
        'activity',
        'Booking scheduled email sent to host',
        'Booking scheduled email sent to host',
        null,
        'open',
      );
    }
    if (random.chance(0.04)) {
      add(
        emailed + 2 * SECOND_MS,
        'warning',
        'Email Delivery Failed',
        `Could not deliver the confirmation to ${booking.email}`,
      );
    }
    const reminderMs = startMs - DAY_MS;
    if (
      reminderMs > createdMs + HOUR_MS &&
      reminderMs <= now &&
      booking.status !== 'cancelled' &&
      random.chance(0.5)
    ) {
      add(
        reminderMs,
        'activity',
        'Reminder email sent to guest',
        'Reminder email sent to guest',
        null,
        'open',
      );
    }
  }

  switch (booking.status) {
    case 'cancelled':
      if (random.chance(0.7))
        add(updatedMs, 'error', 'Meeting Cancelled', 'Meeting has been cancelled by guest');
      else
        add(
          updatedMs,
          'error',
          'Meeting Cancelled',
          `Meeting has been cancelled by ${hostName}`,
          booking.host_user_id,
        );
      break;
    case 'rejected':
      add(
        updatedMs,
        'error',
        'Booking Rejected',
        `Booking has been rejected by ${hostName}`,
        booking.host_user_id,
      );
      add(
        updatedMs + SECOND_MS,
        'reject_reason',
        'Rejection Reason',
        random.pick(REJECT_REASONS),
        booking.host_user_id,
      );
      break;
    case 'no_show':
      add(
        updatedMs,
        'warning',
        'Marked as No-Show',
        'The guest did not attend the meeting',
        booking.host_user_id,
      );
      break;
    case 'scheduled':
      if (updatedMs > createdMs) {
        add(
          updatedMs,
          'success',
          'Booking Confirmed',
          `Booking has been confirmed by ${hostName}`,
          booking.host_user_id,
        );
      }
      break;
    default:
      break;
  }
  return entries;
}

/** The activity log of the bookings, ids counting up with time as the plugin's table has them. */
function buildActivities(bookings: readonly BookingRow[], seed: number, now: number): ActivityRow[] {
  const random = new Random(mix32(seed ^ 0x5bd1e995));
  const entries = bookings.flatMap((booking) => activitiesOf(booking, now, random));
  // Stable sort: entries of the same second keep the order they were written in.
  entries.sort((a, b) => a.atMs - b.atMs);
  const format = createUtcFormatter();
  return entries.map(({ atMs, ...entry }, index) => {
    const at = format(atMs);
    return { id: index + 1, ...entry, created_at: at, updated_at: at };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The whole site
// ---------------------------------------------------------------------------------------------------------------

/**
 * A whole demo site: users, calendars, events (without the deleted one), bookings and their activity log.
 * The bookings are exactly what {@link generateBookings} streams for the same options.
 *
 * @param options See {@link GenerateOptions}.
 */
export function generateSiteData(options: GenerateOptions = {}): SiteData {
  const resolved = resolveOptions(options);
  const bookings = [...generateBookings({ ...resolved })];
  return {
    users: buildUsers(),
    calendars: buildCalendars(),
    events: buildEvents(),
    bookings,
    activities: buildActivities(bookings, resolved.seed, resolved.now),
  };
}
