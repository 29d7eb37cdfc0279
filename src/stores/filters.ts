/**
 * The host, calendar and event filters: what the user chose (remembered where the range is), the part of it the
 * server takes (sent on every request), and the choices the server lists.
 *
 * A filter is offered only when the server's namespace index declares it (`./server.ts`); a remembered choice a
 * server does not take is kept but not sent, so a real site is never asked with parameters it would silently ignore.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { FILTER_PARAMS, hasFilters, parseFilterId } from '../api/contract';
import type { BookingFilters, FilterParam } from '../api/contract';
import type { FilterOptionsResponse } from '../api/types';
import { useServices } from '../app/services';
import { readPageParams, readStored, writePageParams, writeStored } from '../lib/remembered';
import { useRequest } from './request';
import { useServerStore } from './server';

/** A filter's id as the URL (text) or storage (a number) holds it, by the contract's rule; anything else is no choice. */
function idOf(value: unknown): number | undefined {
  if (typeof value === 'number') return parseFilterId(String(value));
  return typeof value === 'string' ? parseFilterId(value) : undefined;
}

/** The filters a source holds, each read with {@link idOf}. */
function filtersOf(read: (param: FilterParam) => unknown): BookingFilters {
  const filters: Partial<Record<FilterParam, number>> = {};
  for (const param of FILTER_PARAMS) {
    const id = idOf(read(param));
    if (id !== undefined) filters[param] = id;
  }
  return filters;
}

/** The chosen filters, the ones sent, and the choices offered. */
export const useFiltersStore = defineStore('filters', () => {
  const { api, clock, persistence, storageKey } = useServices();
  const server = useServerStore();
  const options = useRequest<FilterOptionsResponse>(clock);
  const storedKey = `${storageKey}:filters`;

  function remembered(): BookingFilters {
    if (persistence === 'url') {
      const params = readPageParams();
      return filtersOf((param) => params.get(param));
    }
    if (persistence !== 'storage') return {};
    try {
      const stored: unknown = JSON.parse(readStored(storedKey) ?? 'null');
      return typeof stored === 'object' && stored !== null
        ? filtersOf((param) => (stored as Record<string, unknown>)[param])
        : {};
    } catch {
      // Garbage in storage: no filter is the right answer then.
      return {};
    }
  }

  /** What the user chose, whether the server takes it or not. */
  const chosen = ref<BookingFilters>(remembered());
  /** The chosen filters the server declares: what every request carries. */
  const active = computed<BookingFilters>(() =>
    filtersOf((param) => (server.filters.includes(param) ? chosen.value[param] : undefined)),
  );
  /** Changes exactly when the filters sent change: the dashboard reloads every panel on it. */
  const key = computed(() => JSON.stringify(active.value));

  /**
   * Chooses a filter's id (`null`: every host, calendar or event), and remembers the choice.
   *
   * @param param Which filter.
   * @param id Its id, or `null` to stop filtering by it.
   */
  function choose(param: FilterParam, id: number | null): void {
    const next: Partial<Record<FilterParam, number>> = { ...chosen.value };
    if (id === null || idOf(id) === undefined) delete next[param];
    else next[param] = id;
    chosen.value = next;
    if (persistence === 'url')
      writePageParams(
        Object.fromEntries(FILTER_PARAMS.map((name) => [name, next[name]?.toString() ?? null])),
      );
    else if (persistence === 'storage') writeStored(storedKey, JSON.stringify(next));
  }

  /**
   * A query with the filters sent, when any is: a query without them stays exactly as it was (and is what a real
   * site is always asked).
   *
   * @param query An endpoint's query.
   */
  function narrow<Q extends object>(query: Q): Q & { filters?: BookingFilters } {
    return hasFilters(active.value) ? { ...query, filters: active.value } : query;
  }

  /** Loads the choices, once the server is known to take filters; their request is its own, with Retry. */
  function loadOptions(): Promise<void> {
    if (server.filters.length === 0) return Promise.resolve();
    return options.run('filters', (signal) => api.getFilterOptions(signal));
  }

  return {
    chosen,
    active,
    key,
    /** The filters the server takes, in the contract's order. */
    offered: computed(() => server.filters),
    /** Whether anything is chosen: then the first load waits for the server's index, to send it or not. */
    hasChosen: computed(() => hasFilters(chosen.value)),
    options: options.data,
    /** State of the choices' request. */
    optionsStatus: options.status,
    choose,
    narrow,
    loadOptions,
    abort: options.abort,
  };
});
