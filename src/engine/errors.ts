/**
 * `WP_Error` bodies, shaped the way the WordPress REST API serialises them, so the mock handlers and the reference
 * backend fail exactly like a real site.
 */
import type { WpError } from '../api/types';

/**
 * A `WP_Error` body: `{ code, message, data: { status, ...extra } }`.
 * @param code Machine-readable code, e.g. `rest_forbidden`.
 * @param message Human-readable message.
 * @param status The HTTP status the error is sent with; it also goes into `data.status`.
 * @param extra More members of `data` (e.g. `params`).
 */
export function wpError(
  code: string,
  message: string,
  status: number,
  extra?: Record<string, unknown>,
): WpError {
  return { code, message, data: { ...extra, status } };
}

/**
 * `rest_invalid_param` (400) naming each bad parameter, worded as WordPress does:
 * message `Invalid parameter(s): startTime, endTime`, `data.params` mapping each name to what is wrong with it.
 * @param params Each bad parameter's name → a sentence saying what is wrong.
 */
export function invalidParams(params: Record<string, string>): WpError {
  return wpError('rest_invalid_param', `Invalid parameter(s): ${Object.keys(params).join(', ')}`, 400, {
    params,
  });
}

/** `rest_no_route` (404), what WordPress answers for a path no endpoint serves. */
export function noRoute(): WpError {
  return wpError('rest_no_route', 'No route was found matching the URL and request method.', 404);
}
