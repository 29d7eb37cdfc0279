import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors';
import type { ApiErrorKind } from '../../src/api/errors';
import { createI18n } from '../../src/i18n';
import { errorText } from '../../src/lib/errorText';

const i18n = createI18n('en');
const failure = (kind: ApiErrorKind, code: string, status: number, message = 'English log text') =>
  new ApiError({ kind, code, status, message });

describe('errorText', () => {
  it('keeps the message WordPress already translated for the user', () => {
    expect(errorText(failure('wp_error', 'rest_forbidden', 401, 'Sie dürfen das nicht.'), i18n)).toBe(
      'Sie dürfen das nicht.',
    );
  });

  it('tells an expired session apart from other WordPress errors', () => {
    expect(errorText(failure('wp_error', 'rest_cookie_invalid_nonce', 403), i18n)).toBe(
      'Your session has expired. Reload the page and log in again.',
    );
  });

  it('names the status of an HTML page or an error answer, never the page itself', () => {
    const text = errorText(failure('not_json', 'not_json', 500, '<b>Fatal error</b>'), i18n);
    expect(text).toContain('status 500');
    expect(text).not.toContain('<');
    expect(errorText(failure('http', 'http_error', 502), i18n)).toContain('status 502');
  });

  it('says what to do for network failures and timeouts, and nothing when there is no error', () => {
    expect(errorText(failure('network', 'network_error', 0), i18n)).toMatch(/Check your connection/);
    expect(errorText(failure('timeout', 'timeout', 0), i18n)).toMatch(/too long/);
    expect(errorText(null, i18n)).toBe('');
  });
});
