// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isApiError } from '../../../src/api/errors';
import {
  parseWpError,
  validateActivitiesResponse,
  validateGraphResponse,
  validateReportsResponse,
} from '../../../src/api/validate';
import reportsExample from './fixtures/examples/reports.json';
import graphExample from './fixtures/examples/graph-reports.json';
import activitiesExample from './fixtures/examples/activities.json';
import reportsCapture from './fixtures/real-site/reports_no_params.json';
import graphCapture from './fixtures/real-site/graph_75_days.json';
import activitiesCapture from './fixtures/real-site/activities.json';
import wrongNonceCapture from './fixtures/real-site/reports_wrong_nonce.json';

type Json = Record<string, unknown>;

/** A copy of the spec's reports example with `change` applied, for one malformed field at a time. */
function reportsWith(change: (body: Json & typeof reportsExample) => void): unknown {
  const body = structuredClone(reportsExample) as Json & typeof reportsExample;
  change(body);
  return body;
}

function meetingWith(fields: Json): unknown {
  return reportsWith((body) => {
    body.next_meetings = [
      { ...reportsExample.next_meetings[0], ...fields } as (typeof body.next_meetings)[0],
    ];
  });
}

/** The message of the invalid_response error `validate` throws; fails the test when it returns or throws otherwise. */
function problemOf(validate: () => unknown): string {
  try {
    validate();
  } catch (error) {
    if (!isApiError(error)) throw error;
    expect(error.kind).toBe('invalid_response');
    expect(error.code).toBe('invalid_response');
    return error.message;
  }
  throw new Error('expected validation to fail');
}

describe('validateReportsResponse', () => {
  it('returns the spec example as it is, with the e-mail its meeting lacks as empty text', () => {
    const expected = structuredClone(reportsExample);
    Object.assign(expected.next_meetings[0]!, { email: '' });

    expect(validateReportsResponse(reportsExample)).toEqual(expected);
  });

  it('returns the real-site capture with its integer columns as numbers', () => {
    const reports = validateReportsResponse(reportsCapture.body);

    expect(reports.overview.map((widget) => [widget.number, widget.stat])).toEqual([
      [293, 253.85],
      [160, 0],
      [60, 100],
      [123, 254.55],
    ]);
    expect(reports.overview[3]).not.toHaveProperty('period');
    expect(reports.latest_books[0]).toMatchObject({
      id: 236,
      calendar_id: 1,
      event_id: 2,
      group_id: 236,
      host_user_id: 2,
      parent_id: null,
      created_at: '2026-11-25T18:44:22+00:00',
      // Columns the contract does not name pass through as the site sent them.
      slot_minutes: '45',
      location_details: { type: 'in_person_organizer', description: 'Main office' },
    });
    const [first, deleted, , group] = reports.next_meetings;
    expect(first).toMatchObject({
      id: 233,
      group_id: 233,
      title: '<strong>30 Minute Meeting</strong> meeting between Alice Anders and Arjun Nguyen',
      author: { ID: 2, name: 'Alice Anders' },
      slot: { id: 1, title: '30 Minute Meeting', user_id: '2' },
      calendar: { id: 1, user_id: '2' },
    });
    expect(first).not.toHaveProperty('booked_count');
    expect(deleted).toMatchObject({ id: 293, group_id: 259, slot: null, author: { name: 'unknown' } });
    expect(group).toMatchObject({ id: 278, group_id: 252, booked_count: 2, event_type: 'group' });
  });

  it('leaves its input untouched', () => {
    const before = structuredClone(reportsCapture.body);

    const reports = validateReportsResponse(reportsCapture.body);

    expect(reportsCapture.body).toEqual(before);
    expect(reports.latest_books[0]).not.toBe(reportsCapture.body.latest_books[0]);
  });

  it('keeps unknown top-level fields', () => {
    const reports = validateReportsResponse(reportsWith((body) => (body.generated_in = '12ms')));

    expect(reports.generated_in).toBe('12ms');
  });

  it('returns widget numbers sent as numeric strings as numbers, and empty text for a missing content or icon', () => {
    const reports = validateReportsResponse(
      reportsWith((body) => {
        body.overview[0] = { title: 'Total Bookings', period: 'all', number: '150', stat: '-12.50' } as never;
      }),
    );

    expect(reports.overview[0]).toEqual({
      title: 'Total Bookings',
      period: 'all',
      number: 150,
      stat: -12.5,
      content: '',
      icon: '',
    });
  });

  it('refuses a widget without a usable number or stat, naming it', () => {
    const widget = (fields: Json) =>
      reportsWith((body) => (body.overview[1] = { ...reportsExample.overview[1], ...fields } as never));

    expect(problemOf(() => validateReportsResponse(widget({ number: 'many' })))).toContain(
      'overview[1].number is not a number',
    );
    expect(problemOf(() => validateReportsResponse(widget({ stat: '1e999' })))).toContain(
      'overview[1].stat is not a number',
    );
    expect(problemOf(() => validateReportsResponse(widget({ stat: null })))).toContain(
      'overview[1].stat is missing',
    );
    expect(problemOf(() => validateReportsResponse(widget({ title: undefined })))).toContain(
      'overview[1].title is missing',
    );
    expect(
      problemOf(() => validateReportsResponse(reportsWith((body) => (body.overview = [3 as never])))),
    ).toContain('overview[0] is not an object');
  });

  it('refuses a body without one of its three lists, naming it', () => {
    const without = (key: 'overview' | 'latest_books' | 'next_meetings') =>
      reportsWith((body) => delete (body as Json)[key]);

    expect(problemOf(() => validateReportsResponse(without('overview')))).toContain('overview is missing');
    expect(problemOf(() => validateReportsResponse(without('latest_books')))).toContain(
      'latest_books is missing',
    );
    expect(problemOf(() => validateReportsResponse(without('next_meetings')))).toContain(
      'next_meetings is missing',
    );
    expect(
      problemOf(() => validateReportsResponse(reportsWith((body) => (body.latest_books = {} as never)))),
    ).toContain('latest_books is not a list');
  });

  it('refuses a body that is not an object', () => {
    for (const body of [null, 'ok', 42, [reportsExample]]) {
      expect(problemOf(() => validateReportsResponse(body))).toContain('the response is not an object');
    }
  });

  it('refuses a booking row without a numeric id, and reads a numeric string id as a number', () => {
    const row = (fields: Json) =>
      reportsWith(
        (body) => (body.latest_books = [{ ...reportsExample.latest_books[0], ...fields } as never]),
      );

    expect(problemOf(() => validateReportsResponse(row({ id: undefined })))).toContain(
      'latest_books[0].id is missing',
    );
    expect(problemOf(() => validateReportsResponse(row({ id: 'abc' })))).toContain(
      'latest_books[0].id is not a number',
    );
    expect(problemOf(() => validateReportsResponse(meetingWith({ id: {} })))).toContain(
      'next_meetings[0].id is not a number',
    );
    expect(validateReportsResponse(row({ id: '17' })).latest_books[0]?.id).toBe(17);
  });

  it('returns id columns as numbers, keeps null, turns non-numeric strings into null and adds no missing column', () => {
    const reports = validateReportsResponse(
      reportsWith(
        (body) =>
          (body.latest_books = [
            {
              ...reportsExample.latest_books[0],
              group_id: '259',
              event_id: null,
              calendar_id: 'two',
            } as never,
          ]),
      ),
    );
    const row = reports.latest_books[0];

    expect(row).toMatchObject({ group_id: 259, event_id: null, calendar_id: null });
    expect(row).not.toHaveProperty('host_user_id');
    expect(row).not.toHaveProperty('parent_id');
  });

  it('returns null names, e-mails and titles as empty text', () => {
    const reports = validateReportsResponse(
      meetingWith({ first_name: null, last_name: null, email: null, title: null, author: { name: null } }),
    );

    expect(reports.next_meetings[0]).toMatchObject({
      first_name: '',
      last_name: '',
      email: '',
      title: '',
      author: { name: '' },
    });
  });

  it('keeps a deleted event slot as null, {} or missing, reads PHP [] as {}, and coerces a slot id string', () => {
    const slotOf = (fields: Json) => validateReportsResponse(meetingWith(fields)).next_meetings[0];

    expect(slotOf({ slot: null })?.slot).toBeNull();
    expect(slotOf({ slot: {} })?.slot).toEqual({});
    expect(slotOf({ slot: [] })?.slot).toEqual({});
    const withoutSlot = validateReportsResponse(
      reportsWith((body) => delete (body.next_meetings[0] as Json).slot),
    ).next_meetings[0];
    expect(withoutSlot?.id).toBe(2);
    expect(withoutSlot).not.toHaveProperty('slot');
    expect(slotOf({ slot: { id: '4', title: 'Group Workshop', duration: '60' } })?.slot).toEqual({
      id: 4,
      title: 'Group Workshop',
      duration: '60',
    });
  });

  it('returns booked_count and author.ID sent as strings as numbers, and drops a booked_count that is no count', () => {
    const meeting = validateReportsResponse(
      meetingWith({ booked_count: '3', author: { ID: '7', name: 'Bob Brown' } }),
    ).next_meetings[0];

    expect(meeting).toMatchObject({ booked_count: 3, author: { ID: 7, name: 'Bob Brown' } });
    expect(validateReportsResponse(meetingWith({ booked_count: null })).next_meetings[0]).not.toHaveProperty(
      'booked_count',
    );
  });

  it('keeps a number beyond 2^53 a number', () => {
    const reports = validateReportsResponse(
      reportsWith((body) => {
        body.overview[0]!.number = 2 ** 60;
        body.latest_books[0]!.id = Number.MAX_SAFE_INTEGER + 2;
        (body.latest_books[0] as Json).group_id = '9007199254740993';
      }),
    );

    expect(reports.overview[0]?.number).toBe(2 ** 60);
    expect(typeof reports.latest_books[0]?.id).toBe('number');
    expect(typeof reports.latest_books[0]?.group_id).toBe('number');
  });

  it('either returns data or throws an invalid_response ApiError, for any JSON at all', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record({
            overview: fc.jsonValue(),
            latest_books: fc.jsonValue(),
            next_meetings: fc.jsonValue(),
          }),
        ),
        (body) => {
          try {
            validateReportsResponse(body);
          } catch (error) {
            return isApiError(error) && error.kind === 'invalid_response';
          }
          return true;
        },
      ),
    );
  });
});

describe('validateGraphResponse', () => {
  it('returns the spec example as it is', () => {
    expect(validateGraphResponse(graphExample)).toEqual(graphExample);
  });

  it('returns the real-site capture with every key the site sent, in its order', () => {
    const graph = validateGraphResponse(graphCapture.body);

    for (const series of ['booked_stats', 'completed_stats', 'cancelled_stats'] as const) {
      expect(Object.keys(graph[series])).toEqual(Object.keys(graphCapture.body[series]));
    }
    expect(graph.booked_stats['2026-11-23']).toBe(10);
    expect(graph.completed_stats['2026-09-14']).toBe(6);
  });

  it('reads a series PHP sent as an empty array as an empty series', () => {
    const graph = validateGraphResponse({ booked_stats: [], completed_stats: {}, cancelled_stats: [] });

    expect(graph).toEqual({ booked_stats: {}, completed_stats: {}, cancelled_stats: {} });
  });

  it('returns counts sent as numeric strings as numbers and anything else as 0', () => {
    const graph = validateGraphResponse({
      ...graphExample,
      booked_stats: { '2025-01-01': '5', '2025-01-02': null, '2025-01-03': 'n/a', 'Jan 2025': { count: 2 } },
    });

    expect(graph.booked_stats).toEqual({ '2025-01-01': 5, '2025-01-02': 0, '2025-01-03': 0, 'Jan 2025': 0 });
  });

  it('refuses a body without one of the three series, or with a series that is no map, naming it', () => {
    const { completed_stats: _completed, ...withoutCompleted } = graphExample;

    expect(problemOf(() => validateGraphResponse(withoutCompleted))).toContain('completed_stats is missing');
    expect(problemOf(() => validateGraphResponse({ ...graphExample, cancelled_stats: 'none' }))).toContain(
      'cancelled_stats is not a map',
    );
  });

  it('returns a finite number for every key of any series', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.integer().map(String))),
        (series) => {
          const graph = validateGraphResponse({
            booked_stats: series,
            completed_stats: {},
            cancelled_stats: {},
          });
          expect(Object.keys(graph.booked_stats)).toEqual(Object.keys(series));
          expect(Object.values(graph.booked_stats).every(Number.isFinite)).toBe(true);
        },
      ),
    );
  });
});

describe('validateActivitiesResponse', () => {
  it('returns the spec example as it is', () => {
    expect(validateActivitiesResponse(activitiesExample)).toEqual(activitiesExample);
  });

  it('returns the real-site capture with booking_id and created_by as numbers', () => {
    const { activities } = validateActivitiesResponse(activitiesCapture.body);

    expect(activities).toHaveLength(activitiesCapture.body.activities.length);
    expect(activities[0]).toMatchObject({ id: 207, booking_id: 141, created_by: null, type: 'error' });
    expect(activities.find((entry) => entry.id === 202)).toMatchObject({ booking_id: 286, created_by: 1 });
    expect(activities.every((entry) => typeof entry.booking_id === 'number')).toBe(true);
  });

  it('returns title and description as text, and missing ids as null', () => {
    const { activities } = validateActivitiesResponse({
      activities: [{ id: '9', title: 404, description: null, type: 'reject_reason', extra: [1] }],
    });

    expect(activities[0]).toEqual({
      id: 9,
      booking_id: null,
      parent_id: null,
      created_by: null,
      status: '',
      type: 'reject_reason',
      title: '404',
      description: '',
      created_at: '',
      updated_at: '',
      extra: [1],
    });
  });

  it('refuses a body without activities, or an entry without an id, naming it', () => {
    expect(problemOf(() => validateActivitiesResponse({}))).toContain('activities is missing');
    expect(
      problemOf(() => validateActivitiesResponse({ activities: [{ id: 1 }, { title: 'x' }] })),
    ).toContain('activities[1].id is missing');
  });
});

describe('parseWpError', () => {
  it('returns the WP_Error of the real-site wrong-nonce capture', () => {
    expect(parseWpError(wrongNonceCapture.body)).toEqual({
      code: 'rest_cookie_invalid_nonce',
      message: 'Cookie check failed',
      data: { status: 403 },
    });
  });

  it('returns the parameter messages of rest_invalid_param, keeping only text ones', () => {
    const wpError = parseWpError({
      code: 'rest_invalid_param',
      message: 'Invalid parameter(s): date_range',
      data: { status: 400, params: { date_range: 'date_range[1] is before date_range[0].', odd: 3 } },
    });

    expect(wpError?.data?.params).toEqual({ date_range: 'date_range[1] is before date_range[0].' });
  });

  it('returns undefined for bodies that are not a WP_Error', () => {
    for (const body of [
      reportsExample,
      null,
      'error',
      [wrongNonceCapture.body],
      { code: 401, message: 'x' },
    ]) {
      expect(parseWpError(body)).toBeUndefined();
    }
  });
});
