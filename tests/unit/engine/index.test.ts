// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { handleReportsRequest } from '../../../src/engine';
import { ADMIN, booking, site, UTC_SITE } from './fixtures';

const request = (route: string, query = '') =>
  handleReportsRequest(site([booking()]), route, new URLSearchParams(query), UTC_SITE, ADMIN);

describe('handleReportsRequest', () => {
  it('returns 200 with each endpoint body', () => {
    expect(request('reports')).toMatchObject({ status: 200, body: { overview: expect.any(Array) } });
    expect(request('/reports/graph-reports/')).toMatchObject({
      status: 200,
      body: { booked_stats: expect.any(Object) },
    });
    expect(request('reports/activities')).toEqual({ status: 200, body: { activities: [] } });
  });

  it('returns 404 rest_no_route for an unknown route', () => {
    expect(request('reports/unknown')).toEqual({
      status: 404,
      body: {
        code: 'rest_no_route',
        message: 'No route was found matching the URL and request method.',
        data: { status: 404 },
      },
    });
  });

  it('returns 400 with the bad parameters for an invalid query', () => {
    expect(request('reports', 'startTime=2025-01-01+00:00:00')).toMatchObject({
      status: 400,
      body: { code: 'rest_invalid_param', data: { status: 400, params: { endTime: expect.any(String) } } },
    });
    expect(request('reports/graph-reports', 'date_range[0]=2025-01-01')).toMatchObject({
      status: 400,
      body: { data: { params: { date_range: expect.any(String) } } },
    });
  });
});
