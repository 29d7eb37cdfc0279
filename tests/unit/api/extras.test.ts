/**
 * The edge for issue #15's extras: what a namespace index offers, heatmap bodies and filter choices, each read once
 * and never trusted for shape.
 */
import { describe, expect, it } from 'vitest';
import { ENDPOINT_ARGS, namespaceIndex, REST_NAMESPACE } from '../../../src/api/contract';
import { isApiError } from '../../../src/api/errors';
import { readServerOffers, validateFilterOptions, validateHeatmapResponse } from '../../../src/api/validate';

/** The routes of an index with each route's args as `args` says, or none. */
function indexWith(routes: Record<string, Record<string, unknown> | undefined>) {
  return {
    namespace: REST_NAMESPACE,
    routes: Object.fromEntries(
      Object.entries(routes).map(([path, args]) => [
        `/${REST_NAMESPACE}/${path}`,
        { endpoints: [{ methods: ['GET'], args: args ?? {} }] },
      ]),
    ),
  };
}

const FILTER_ARGS = { host_id: {}, calendar_id: {}, event_id: {} };

describe('readServerOffers', () => {
  it('reads our backend’s own index: the heatmap, the choices and every filter', () => {
    expect(readServerOffers(namespaceIndex())).toEqual({
      endpoints: ['heatmap', 'filters'],
      filters: ['host_id', 'calendar_id', 'event_id'],
    });
  });

  it('offers nothing more for a real site’s index, or one that cannot be read', () => {
    const realSite = indexWith({
      reports: { startTime: {} },
      'reports/graph-reports': {},
      'reports/activities': {},
    });
    for (const body of [realSite, null, [], 'html', { routes: [] }, { routes: { x: 1 } }])
      expect(readServerOffers(body)).toEqual({ endpoints: [], filters: [] });
  });

  it('offers a filter only when every report route takes it and the choices are listed', () => {
    const routes = {
      reports: FILTER_ARGS,
      'reports/graph-reports': FILTER_ARGS,
      'reports/activities': { host_id: {}, calendar_id: {} },
      'reports/filters': {},
    };
    expect(readServerOffers(indexWith(routes)).filters).toEqual(['host_id', 'calendar_id']);
    // The heatmap listed without the event filter: no event filter, since the heatmap could not be narrowed by it.
    expect(
      readServerOffers(
        indexWith({ ...routes, 'reports/activities': FILTER_ARGS, 'reports/heatmap': { host_id: {} } }),
      ),
    ).toEqual({ endpoints: ['heatmap', 'filters'], filters: ['host_id'] });
    // Without the choices, no filter is offered: there would be nothing to choose from.
    const { 'reports/filters': _choices, ...withoutChoices } = routes;
    expect(readServerOffers(indexWith(withoutChoices)).filters).toEqual([]);
  });

  it('declares on each report route the filters the contract lists', () => {
    expect(Object.keys(ENDPOINT_ARGS.activities)).toEqual(['host_id', 'calendar_id', 'event_id']);
  });
});

describe('validateHeatmapResponse', () => {
  const zeros = () => Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0 as unknown));

  it('keeps counts, coerces numeric strings, and reads anything that is not a count as 0', () => {
    const rows = zeros();
    rows[0]!.splice(0, 6, '3', 4, -5, 2.5, 1e300, 'x');
    expect(validateHeatmapResponse({ weekday_hours: rows }).weekday_hours[0]!.slice(0, 6)).toEqual([
      3, 4, 0, 0, 0, 0,
    ]);
  });

  it('refuses a body that is not seven rows of 24', () => {
    for (const body of [
      {},
      { weekday_hours: zeros().slice(1) },
      { weekday_hours: [...zeros().slice(1), [1, 2]] },
    ]) {
      let error: unknown;
      try {
        validateHeatmapResponse(body);
      } catch (caught) {
        error = caught;
      }
      expect(isApiError(error) && error.kind).toBe('invalid_response');
    }
  });
});

describe('validateFilterOptions', () => {
  it('keeps choices with a positive integer id, names as text, and leaves out the rest', () => {
    expect(
      validateFilterOptions({
        hosts: [
          { id: '2', name: 'Ada' },
          { id: '1 OR 1=1', name: 'x' },
          { id: 0, name: 'zero' },
          { name: 'no id' },
        ],
        calendars: [{ id: 3, name: 7 }],
        events: [{ id: 4, name: null, calendar_id: '3' }],
      }),
    ).toEqual({
      hosts: [{ id: 2, name: 'Ada' }],
      calendars: [{ id: 3, name: '7' }],
      events: [{ id: 4, name: '', calendar_id: 3 }],
    });
    expect(validateFilterOptions({})).toEqual({ hosts: [], calendars: [], events: [] });
  });
});
