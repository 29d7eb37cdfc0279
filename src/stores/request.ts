/**
 * One request's life as a store holds it: an explicit status, the data of the last successful answer, the error,
 * and race safety. Starting a new request aborts the one in flight, and an answer that arrives after a newer request
 * started is dropped, so a panel never shows data for a range that is no longer selected.
 *
 * A request for the same query as the data on screen (a refresh) keeps that data while it runs and when it fails:
 * the panel goes on showing it, marked stale, instead of a skeleton or an error box. A request for another query
 * (another range) drops it at once.
 */
import { computed, ref, shallowRef } from 'vue';
import type { ComputedRef, Ref, ShallowRef } from 'vue';
import { ApiError, isAbortError, isApiError } from '../api/errors';
import type { Clock } from '../app/services';
import type { RequestStatus } from '../lib/request';

/** What `useRequest` hands a store. */
export interface TrackedRequest<T> {
  /** The state of the current request. */
  status: Ref<RequestStatus>;
  /** The last successful answer for the current query; `null` before one arrived. */
  data: ShallowRef<T | null>;
  /** The failure of the current request, if it failed. */
  error: ShallowRef<ApiError | null>;
  /** When `data` was asked for, epoch ms by the instance's clock; `null` without data. */
  loadedAt: ShallowRef<number | null>;
  /** Whether `data` is from an earlier request than the current one (which is running or failed). */
  stale: ComputedRef<boolean>;
  /**
   * Starts a request (aborting any in flight) and resolves when it settled; never rejects.
   *
   * @param key The query, as a string: the data on screen is kept only while the key stays the same.
   */
  run(key: string, fetcher: (signal: AbortSignal) => Promise<T>): Promise<void>;
  /** Aborts the request in flight, if any, and forgets it. */
  abort(): void;
}

/**
 * What the dashboard asks of a store that loads panels' data (see the panel registry): its state, a load of what the
 * current range needs, an abort, and whether the range decides its query (then a range change reloads it).
 */
export interface DataSource {
  readonly status: RequestStatus;
  readonly error: ApiError | null;
  readonly stale: boolean;
  readonly loadedAt: number | null;
  readonly followsRange: boolean;
  load(): Promise<void>;
  abort(): void;
}

/**
 * Tracks one request at a time.
 *
 * @param clock The instance's clock: what `loadedAt` is read from.
 */
export function useRequest<T>(clock: Clock): TrackedRequest<T> {
  const status = ref<RequestStatus>('idle');
  const data = shallowRef<T | null>(null);
  const error = shallowRef<ApiError | null>(null);
  const loadedAt = shallowRef<number | null>(null);
  let dataKey: string | undefined;
  let controller: AbortController | undefined;
  let sequence = 0;

  function abort(): void {
    controller?.abort();
    controller = undefined;
    sequence += 1;
  }

  async function run(key: string, fetcher: (signal: AbortSignal) => Promise<T>): Promise<void> {
    abort();
    const current = new AbortController();
    controller = current;
    const mine = sequence;
    const askedAt = clock.now.value;
    status.value = 'loading';
    error.value = null;
    // The previous answer may be for another range: nobody may read it as this request's.
    if (key !== dataKey) {
      data.value = null;
      loadedAt.value = null;
      dataKey = undefined;
    }
    try {
      const answer = await fetcher(current.signal);
      if (mine !== sequence) return;
      data.value = answer;
      loadedAt.value = askedAt;
      dataKey = key;
      status.value = 'success';
    } catch (failure) {
      // A superseded request's failure (usually its abort) says nothing about the current one.
      if (mine !== sequence || isAbortError(failure)) return;
      error.value = isApiError(failure)
        ? failure
        : new ApiError({
            kind: 'invalid_response',
            code: 'unexpected_error',
            status: 0,
            message: String(failure),
          });
      status.value = 'error';
    } finally {
      if (controller === current) controller = undefined;
    }
  }

  const stale = computed(() => status.value !== 'success' && data.value !== null);

  return { status, data, error, loadedAt, stale, run, abort };
}

/** What every data store exposes of its request, for the dashboard and the panel registry (`DataSource`). */
export function requestState<T>(request: TrackedRequest<T>) {
  return {
    status: request.status,
    error: request.error,
    stale: request.stale,
    loadedAt: request.loadedAt,
  };
}
