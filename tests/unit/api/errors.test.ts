// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  abortedError,
  ApiError,
  isAbortError,
  isApiError,
  networkError,
  timeoutError,
  wpApiError,
} from '../../../src/api/errors';

describe('ApiError', () => {
  it('returns the default 30 s timeout in the message', () => {
    expect(timeoutError(30_000).message).toBe('The server took too long to answer (30 s).');
  });

  it('returns a WP_Error message without any markup, keeping encoded angle brackets encoded', () => {
    const error = wpApiError(
      {
        code: 'db_error',
        message: '<p>Value &lt;script&gt; is <em>not</em> allowed &amp; was dropped',
        data: {},
      },
      500,
    );

    expect(error.message).toBe('Value &lt;script&gt; is not allowed & was dropped');
    expect(error.message).not.toContain('<');
  });

  it('returns a fallback sentence for a WP_Error whose message is only markup', () => {
    const error = wpApiError({ code: 'rest_forbidden', message: '<br />' }, 403);

    expect(error.message).toBe(
      'You are not allowed to see these reports. Ask a site administrator for access.',
    );
  });

  it('returns the rest_invalid_param details and no details for other codes', () => {
    const invalid = wpApiError(
      {
        code: 'rest_invalid_param',
        message: 'Invalid parameter(s): endTime',
        data: { params: { endTime: 'bad' } },
      },
      400,
    );

    expect(invalid.details).toEqual({ endTime: 'bad' });
    expect(wpApiError({ code: 'rest_no_route', message: 'No route' }, 404)).not.toHaveProperty('details');
  });
});

describe('isAbortError', () => {
  it('returns true for aborted ApiErrors and bare AbortErrors only', () => {
    expect(isAbortError(abortedError())).toBe(true);
    expect(isAbortError(new DOMException('The operation was aborted.', 'AbortError'))).toBe(true);
    expect(isAbortError(timeoutError(50))).toBe(false);
    expect(isAbortError(networkError())).toBe(false);
    expect(isAbortError(new Error('boom'))).toBe(false);
    expect(isAbortError('AbortError')).toBe(false);
  });
});

describe('isApiError', () => {
  it('returns true for ApiErrors only', () => {
    expect(isApiError(networkError())).toBe(true);
    expect(networkError()).toBeInstanceOf(ApiError);
    expect(isApiError(new Error('Could not reach the server.'))).toBe(false);
    expect(isApiError({ kind: 'network', code: 'network_error', status: 0, message: 'x' })).toBe(false);
  });
});
