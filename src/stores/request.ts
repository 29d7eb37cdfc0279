/**
 * One request's life as a store holds it: an explicit status, the data of the last successful answer, the error,
 * and race safety. Starting a new request aborts the one in flight, and an answer that arrives after a newer request
 * started is dropped, so a panel never shows data for a range that is no longer selected.
 */
import { ref, shallowRef } from 'vue';
import type { Ref, ShallowRef } from 'vue';
import { ApiError, isAbortError, isApiError } from '../api/errors';
import type { RequestStatus } from '../lib/request';

/** What `useRequest` hands a store. */
export interface TrackedRequest<T> {
  /** The state the panel shows. */
  status: Ref<RequestStatus>;
  /** The answer of the current request; `null` while it is in flight and after an error. */
  data: ShallowRef<T | null>;
  /** The failure of the current request, if it failed. */
  error: ShallowRef<ApiError | null>;
  /** Starts a request (aborting any in flight) and resolves when it settled; never rejects. */
  run(fetcher: (signal: AbortSignal) => Promise<T>): Promise<void>;
  /** Aborts the request in flight, if any, and forgets it. */
  abort(): void;
}

/**
 * What the dashboard asks of a store that loads panels' data (see the panel registry): its state, a load of what the
 * current range needs, an abort, and whether the range decides its query (then a range change reloads it).
 */
export interface DataSource {
  readonly status: RequestStatus;
  readonly followsRange: boolean;
  load(): Promise<void>;
  abort(): void;
}

/** Tracks one request at a time. */
export function useRequest<T>(): TrackedRequest<T> {
  const status = ref<RequestStatus>('idle');
  const data = shallowRef<T | null>(null);
  const error = shallowRef<ApiError | null>(null);
  let controller: AbortController | undefined;
  let sequence = 0;

  function abort(): void {
    controller?.abort();
    controller = undefined;
    sequence += 1;
  }

  async function run(fetcher: (signal: AbortSignal) => Promise<T>): Promise<void> {
    abort();
    const current = new AbortController();
    controller = current;
    const mine = sequence;
    status.value = 'loading';
    // The previous answer may be for another range: nobody may read it as this request's.
    data.value = null;
    error.value = null;
    try {
      const answer = await fetcher(current.signal);
      if (mine !== sequence) return;
      data.value = answer;
      status.value = 'success';
    } catch (failure) {
      // A superseded request's failure (usually its abort) says nothing about the current one.
      if (mine !== sequence || isAbortError(failure)) return;
      data.value = null;
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

  return { status, data, error, run, abort };
}
