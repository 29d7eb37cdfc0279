/**
 * The one error type of the API layer.
 *
 * Every way a request can fail (a WordPress `WP_Error`, an HTML page where JSON was expected, a response that does
 * not match the contract, no answer at all, a timeout, an abort) ends as an {@link ApiError} whose `message` is a
 * sentence a site admin can act on. Raw server HTML never reaches a message.
 */
import type { WpError } from './types';

/** What went wrong, coarsely: a store or panel picks its wording and retry behaviour from this. */
export type ApiErrorKind =
  'wp_error' | 'not_json' | 'invalid_response' | 'network' | 'timeout' | 'aborted' | 'http';

/** Everything an {@link ApiError} carries. */
export interface ApiErrorInit {
  /** What went wrong, coarsely. */
  kind: ApiErrorKind;
  /** The WP_Error code, or `not_json`, `invalid_response`, `network_error`, `timeout`, `aborted`, `http_error`. */
  code: string;
  /** HTTP status; `0` when there was no response. */
  status: number;
  /** A sentence a site admin understands. Never raw HTML. */
  message: string;
  /** For `rest_invalid_param`: each bad parameter's name mapped to what is wrong with it. */
  details?: Record<string, string>;
  /** The underlying error, kept for debugging. */
  cause?: unknown;
}

/** A failed API request, with a machine-readable `kind`/`code`, the HTTP `status` and a user-facing `message`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** What went wrong, coarsely. */
  readonly kind: ApiErrorKind;
  /** The WP_Error code, or `not_json`, `invalid_response`, `network_error`, `timeout`, `aborted`, `http_error`. */
  readonly code: string;
  /** HTTP status; `0` when there was no response. */
  readonly status: number;
  /** For `rest_invalid_param`: each bad parameter's name mapped to what is wrong with it. */
  declare readonly details?: Record<string, string>;

  /** @param init what went wrong; see {@link ApiErrorInit}. */
  constructor(init: ApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.code = init.code;
    this.status = init.status;
    if (init.details) this.details = init.details;
  }
}

/** Whether `e` is an {@link ApiError}. */
export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/**
 * Whether `e` means "the caller cancelled the request": an {@link ApiError} of kind `aborted`, or a bare
 * `AbortError`. Callers ignore these (a newer request replaced the old one); a timeout is not an abort.
 */
export function isAbortError(e: unknown): boolean {
  if (isApiError(e)) return e.kind === 'aborted';
  return e instanceof Error && e.name === 'AbortError';
}

/** The message for an expired or invalid nonce that a fresh nonce could not fix. */
export const SESSION_EXPIRED_MESSAGE = 'Your session has expired. Reload the page and log in again.';

// Used when a WP_Error comes without a usable message of its own.
const WP_ERROR_FALLBACK_MESSAGES = new Map<string, string>([
  ['rest_forbidden', 'You are not allowed to see these reports. Ask a site administrator for access.'],
  ['rest_cookie_invalid_nonce', SESSION_EXPIRED_MESSAGE],
  ['rest_invalid_param', 'The request had an invalid parameter. Pick another date range and try again.'],
  [
    'rest_no_route',
    'The reports endpoint was not found. Check that the booking plugin is active and up to date.',
  ],
]);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  '#039': "'",
  '#39': "'",
};

/**
 * A WP_Error message as plain text. WordPress messages may carry markup (`<strong>Error:</strong> …`) and
 * entities; a message must never show raw HTML, and `&lt;` stays encoded so no `<` can come back.
 */
function plainText(message: string): string {
  return message
    .replace(/<[^>]*>?/g, ' ')
    .replace(/&(amp|quot|apos|nbsp|#0?39);/g, (_match, name: string) => NAMED_ENTITIES[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The {@link ApiError} for a WP_Error body: the server's own (already translated) message as plain text, or a
 * fallback for its code when the message is empty.
 *
 * @param wpError the parsed WP_Error (see `parseWpError`).
 * @param status the HTTP status it came with.
 */
export function wpApiError(wpError: WpError, status: number): ApiError {
  const text = plainText(wpError.message);
  return new ApiError({
    kind: 'wp_error',
    code: wpError.code,
    status,
    message:
      text ||
      WP_ERROR_FALLBACK_MESSAGES.get(wpError.code) ||
      `The server refused the request (${wpError.code}, status ${status}).`,
    details: wpError.data?.params,
  });
}

/**
 * The {@link ApiError} for a nonce WordPress rejected even after asking the host for a fresh one.
 *
 * @param status the HTTP status of the last rejection (403 from WordPress).
 * @param cause why no fresh nonce helped (the refresh callback's error, for one).
 */
export function sessionExpiredError(status: number, cause?: unknown): ApiError {
  return new ApiError({
    kind: 'wp_error',
    code: 'rest_cookie_invalid_nonce',
    status,
    message: SESSION_EXPIRED_MESSAGE,
    cause,
  });
}

/**
 * The {@link ApiError} for a body that is not JSON: an HTML page (PHP fatal error, login page, maintenance page)
 * or data cut off on the way.
 *
 * @param status the HTTP status it came with.
 * @param looksLikeHtml whether the content type or the body says it is a web page.
 */
export function notJsonError(status: number, looksLikeHtml: boolean, cause?: unknown): ApiError {
  return new ApiError({
    kind: 'not_json',
    code: 'not_json',
    status,
    message: looksLikeHtml
      ? `The server answered with a web page instead of data (status ${status}). This usually means a PHP error or a login page; check the site's error log.`
      : `The server's answer could not be read as data (status ${status}); it may have been cut off. Try again, and check the site's error log if it keeps happening.`,
    cause,
  });
}

/**
 * The {@link ApiError} for an error status whose JSON body is not a WP_Error.
 *
 * @param status the HTTP status (4xx or 5xx).
 */
export function httpError(status: number): ApiError {
  return new ApiError({
    kind: 'http',
    code: 'http_error',
    status,
    message: `The server answered with an error (status ${status}). Try again, and check the site's error log if it keeps happening.`,
  });
}

/**
 * The {@link ApiError} for a JSON response that does not match the contract.
 *
 * @param problem what was wrong, naming the field: "overview is missing".
 */
export function invalidResponseError(problem: string): ApiError {
  return new ApiError({
    kind: 'invalid_response',
    code: 'invalid_response',
    // Only 2xx bodies are validated, and these GET endpoints answer 200.
    status: 200,
    message: `The server sent reports in a shape this dashboard does not understand: ${problem}.`,
  });
}

/** The {@link ApiError} for a request that got no answer: offline, DNS, CORS, connection reset. */
export function networkError(cause?: unknown): ApiError {
  return new ApiError({
    kind: 'network',
    code: 'network_error',
    status: 0,
    message: 'Could not reach the server. Check your connection and try again.',
    cause,
  });
}

const secondsFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

/**
 * The {@link ApiError} for a request that took longer than the client's timeout.
 *
 * @param timeoutMs the timeout that ran out, in milliseconds.
 */
export function timeoutError(timeoutMs: number): ApiError {
  return new ApiError({
    kind: 'timeout',
    code: 'timeout',
    status: 0,
    message: `The server took too long to answer (${secondsFormat.format(timeoutMs / 1000)} s).`,
  });
}

/** The {@link ApiError} for a request its caller cancelled. */
export function abortedError(cause?: unknown): ApiError {
  return new ApiError({
    kind: 'aborted',
    code: 'aborted',
    status: 0,
    message: 'The request was cancelled.',
    cause,
  });
}
