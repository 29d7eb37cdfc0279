/**
 * The API client: one axios instance per dashboard instance, speaking WordPress REST conventions.
 *
 * Every request carries the session cookie and the `X-WP-Nonce` header, adopts a refreshed nonce from the response,
 * and when WordPress rejects an expired nonce asks the host for a fresh one once and retries once. Every failure
 * becomes an `ApiError` (`./errors.ts`); every success is validated (`./validate.ts`) before anyone sees it.
 */
import axios, { AxiosHeaders } from 'axios';
import type { AxiosResponse } from 'axios';
import {
  abortedError,
  type ApiError,
  httpError,
  isApiError,
  networkError,
  notJsonError,
  sessionExpiredError,
  timeoutError,
  wpApiError,
} from './errors';
import {
  fetchActivities,
  fetchFilterOptions,
  fetchGraph,
  fetchHeatmap,
  fetchReports,
  fetchServerOffers,
} from './endpoints';
import type { ApiTransport, QueryParams } from './endpoints';
import type {
  ActivitiesQuery,
  ActivitiesResponse,
  FilterOptionsResponse,
  GraphQuery,
  GraphResponse,
  HeatmapResponse,
  ReportsQuery,
  ReportsResponse,
  ServerOffers,
} from './types';
import { createEarlyCache, createPreloadCache } from './preload';
import type { EarlyAnswer, EarlyRequests, PreloadedAnswers } from './preload';
import { parseWpError } from './validate';
import type { AnswerHeaders } from './validate';

/** How long a request may take before it fails with a `timeout` ApiError, in milliseconds. */
const DEFAULT_TIMEOUT_MS = 30_000;

/** What the host page tells the client. */
export interface ApiClientOptions {
  /**
   * The REST root, e.g. `/wp-json/fluent-booking/v2/`, an absolute URL, or a plain-permalink root
   * (`/index.php?rest_route=/fluent-booking/v2/`). The trailing slash is optional.
   */
  restUrl: string;
  /** First answers embedded in the page (`rest_preload_api_request`); each serves its request once. */
  preloaded?: PreloadedAnswers;
  /**
   * Requests the page sent itself before the dashboard's script ran; each one's answer serves its request once, as if
   * the client had sent it (nonce, errors and retries included).
   */
  early?: EarlyRequests;
  /** The `wp_rest` nonce, sent as `X-WP-Nonce`. Without it WordPress treats the request as logged out. */
  nonce?: string;
  /**
   * Asks the host for a fresh nonce after WordPress rejected the current one (`rest_cookie_invalid_nonce`).
   * Called at most once at a time, however many requests were rejected together.
   */
  refreshNonce?: () => Promise<string>;
  /** Request timeout in milliseconds. @default 30000 */
  timeoutMs?: number;
  /** Told whenever the client adopts a new nonce (from a response header or from `refreshNonce`). */
  onNonceChange?: (nonce: string) => void;
}

/**
 * The three endpoints of the Reports API, our backend's own two, and the namespace index. Every method rejects with an
 * `ApiError` only.
 */
export interface ApiClient {
  /** `GET /reports`; `{}` for all-time numbers. */
  getReports(query: ReportsQuery, signal?: AbortSignal): Promise<ReportsResponse>;
  /** `GET /reports/graph-reports`; `{}` for the server's default week. */
  getGraph(query: GraphQuery, signal?: AbortSignal): Promise<GraphResponse>;
  /** `GET /reports/activities`. */
  getActivities(query?: ActivitiesQuery, signal?: AbortSignal): Promise<ActivitiesResponse>;
  /** `GET /reports/heatmap`, of a server that declares it. */
  getHeatmap(query: ReportsQuery, signal?: AbortSignal): Promise<HeatmapResponse>;
  /** `GET /reports/filters`, of a server that declares it. */
  getFilterOptions(signal?: AbortSignal): Promise<FilterOptionsResponse>;
  /** The namespace index, read as what the server offers beyond the three endpoints. */
  getServerOffers(signal?: AbortSignal): Promise<ServerOffers>;
  /** The nonce the next request will carry. */
  readonly nonce: string | undefined;
}

const NONCE_HEADER = 'X-WP-Nonce';

function headerValue(response: AxiosResponse, name: string): string | undefined {
  const { headers } = response;
  // Adapters hand over AxiosHeaders (case-insensitive); a plain object has lower-case names.
  const value = headers instanceof AxiosHeaders ? headers.get(name) : headers[name.toLowerCase()];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The JSON of a response, or a `not_json` ApiError. The body is read as text and parsed here so that a PHP error
 * page, a login page or JSON cut off on the way fails cleanly instead of reaching the validator as a string.
 */
function responseJson(response: AxiosResponse<unknown>): unknown {
  if (/html/i.test(headerValue(response, 'Content-Type') ?? '')) throw notJsonError(response.status, true);
  const text = typeof response.data === 'string' ? response.data : '';
  try {
    return JSON.parse(text);
  } catch (error) {
    throw notJsonError(response.status, /^\s*</.test(text), error);
  }
}

function isNonceRejection(error: unknown): error is ApiError {
  return isApiError(error) && error.kind === 'wp_error' && error.code === 'rest_cookie_invalid_nonce';
}

/**
 * Creates the client of one dashboard instance, with its own axios instance (never the global default, which the
 * host page or another plugin may have configured).
 *
 * @param options the REST root, the nonce and how to refresh it; see {@link ApiClientOptions}.
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let nonce = options.nonce || undefined;
  let pendingRefresh: Promise<string> | undefined;

  const http = axios.create({
    baseURL: options.restUrl,
    withCredentials: true,
    headers: { Accept: 'application/json' },
    // Read the body as text and parse it ourselves: axios would hand over an unparsable body as a plain string.
    responseType: 'text',
    transformResponse: [],
    // Statuses are judged in `attempt`, where the body says whether it is a WP_Error.
    validateStatus: () => true,
    // WordPress guards REST with the nonce, not an XSRF cookie. Without a cookie name axios also sends each request
    // at once: looking the cookie up is asynchronous, so the dashboard's first requests waited for its first render.
    xsrfCookieName: '',
    paramsSerializer: { serialize: (params) => new URLSearchParams(params as QueryParams).toString() },
  });

  function adoptNonce(fresh: string): void {
    if (fresh === nonce) return;
    nonce = fresh;
    options.onNonceChange?.(fresh);
  }

  // The timeout is our own abort, so that every adapter reports it the same way and it is told apart from the caller's.
  async function send(
    path: string,
    params: QueryParams,
    signal?: AbortSignal,
  ): Promise<AxiosResponse<unknown>> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const abortFromCaller = () => controller.abort();
    if (signal?.aborted) controller.abort();
    else signal?.addEventListener('abort', abortFromCaller, { once: true });
    try {
      return await http.get<unknown>(path, {
        params,
        signal: controller.signal,
        headers: nonce === undefined ? {} : { [NONCE_HEADER]: nonce },
      });
    } catch (error) {
      if (timedOut) throw timeoutError(timeoutMs);
      if (controller.signal.aborted || axios.isCancel(error)) throw abortedError(error);
      throw networkError(error);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abortFromCaller);
    }
  }

  async function attempt<T>(
    path: string,
    params: QueryParams,
    parse: (body: unknown, answer: AnswerHeaders) => T,
    signal?: AbortSignal,
    arrived?: AxiosResponse<unknown>,
  ): Promise<T> {
    const response = arrived ?? (await send(path, params, signal));
    const headerNonce = headerValue(response, NONCE_HEADER);
    if (headerNonce) adoptNonce(headerNonce);
    const body = responseJson(response);
    const wpError = parseWpError(body);
    if (wpError) throw wpApiError(wpError, response.status);
    if (response.status < 200 || response.status >= 300) throw httpError(response.status);
    return parse(body, { header: (name) => headerValue(response, name) });
  }

  /** A nonce to retry with after `rejected` was refused; one refresh serves every request refused meanwhile. */
  async function freshNonce(rejected: string | undefined, status: number): Promise<string> {
    // Another request (or the rejection's own response header) already brought a newer nonce.
    if (nonce !== undefined && nonce !== rejected) return nonce;
    const { refreshNonce } = options;
    if (!refreshNonce) throw sessionExpiredError(status);
    pendingRefresh ??= refreshNonce().finally(() => {
      pendingRefresh = undefined;
    });
    let fresh: unknown;
    try {
      fresh = await pendingRefresh;
    } catch (error) {
      throw sessionExpiredError(status, error);
    }
    if (typeof fresh !== 'string' || fresh === '') throw sessionExpiredError(status);
    adoptNonce(fresh);
    return fresh;
  }

  const preloaded = createPreloadCache(options.preloaded);
  const early = createEarlyCache(options.early);

  /** An early request's answer as the one `send` would have had: the same checks apply to it. */
  async function responseOf(
    pending: Promise<EarlyAnswer | undefined>,
  ): Promise<AxiosResponse<unknown> | undefined> {
    const answer = await pending;
    if (!answer) return undefined;
    return {
      status: answer.status,
      statusText: '',
      data: answer.body,
      headers: Object.fromEntries(
        Object.entries(answer.headers).map(([name, value]) => [name.toLowerCase(), value]),
      ),
      config: { headers: new AxiosHeaders() },
    };
  }

  const transport: ApiTransport = {
    async get(path, params, parse, signal) {
      const embedded = preloaded.take(path, params);
      if (embedded) {
        const wpError = parseWpError(embedded.body);
        // A preloaded error is the page's past: ask the server again, which may answer by now.
        if (!wpError) return parse(embedded.body, embedded);
      }
      const sentNonce = nonce;
      try {
        // Without an early request nothing is awaited before `send`: the request leaves within this call.
        const pending = early.take(path, params);
        const arrived = pending ? await responseOf(pending) : undefined;
        if (arrived && signal?.aborted) throw abortedError(signal.reason);
        return await attempt(path, params, parse, signal, arrived);
      } catch (error) {
        if (!isNonceRejection(error)) throw error;
        await freshNonce(sentNonce, error.status);
        if (signal?.aborted) throw abortedError(signal.reason);
        try {
          return await attempt(path, params, parse, signal);
        } catch (retryError) {
          // Retry once only: a second rejection means the session itself is gone.
          if (isNonceRejection(retryError)) throw sessionExpiredError(retryError.status, retryError);
          throw retryError;
        }
      }
    },
  };

  return {
    getReports: (query, signal) => fetchReports(transport, query, signal),
    getGraph: (query, signal) => fetchGraph(transport, query, signal),
    getActivities: (query = {}, signal) => fetchActivities(transport, query, signal),
    getHeatmap: (query, signal) => fetchHeatmap(transport, query, signal),
    getFilterOptions: (signal) => fetchFilterOptions(transport, signal),
    getServerOffers: (signal) => fetchServerOffers(transport, signal),
    get nonce() {
      return nonce;
    },
  };
}
