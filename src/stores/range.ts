/**
 * The selected range: one selection drives the overview and the graph. It starts from the page URL (when the app
 * owns the page), localStorage (when embedded) or the host's option, and is written back on every change.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import {
  DEFAULT_RANGE,
  isValidSelection,
  resolveRange,
  sameRange,
  selectionFromQuery,
  selectionToQuery,
} from '../lib/dates';
import type { RangeSelection, ResolvedRange } from '../lib/dates';
import { useContextStore } from './context';

function readPersisted(persistence: string, storageKey: string): RangeSelection | undefined {
  try {
    if (persistence === 'url') return selectionFromQuery(new URLSearchParams(window.location.search));
    if (persistence === 'storage') {
      const stored: unknown = JSON.parse(window.localStorage.getItem(storageKey) ?? 'null');
      return isValidSelection(stored) ? stored : undefined;
    }
  } catch {
    // Storage can be disabled or hold garbage; the default range is the right answer then.
  }
  return undefined;
}

function writePersisted(persistence: string, storageKey: string, selection: RangeSelection): void {
  try {
    if (persistence === 'url') {
      const url = new URL(window.location.href);
      for (const name of ['range', 'from', 'to']) url.searchParams.delete(name);
      for (const [name, value] of Object.entries(selectionToQuery(selection)))
        url.searchParams.set(name, value);
      window.history.replaceState(window.history.state, '', url);
    } else if (persistence === 'storage') {
      window.localStorage.setItem(storageKey, JSON.stringify(selection));
    }
  } catch {
    // Not being able to remember the range must never break the dashboard.
  }
}

/** The selected range and its resolution in the site's calendar. */
export const useRangeStore = defineStore('range', () => {
  const context = useContextStore();
  const selection = ref<RangeSelection>(DEFAULT_RANGE);
  /** The clock the range is resolved against; `tick()` moves it so "today" follows midnight. */
  const now = ref(0);

  const resolved = computed<ResolvedRange>(() =>
    resolveRange(selection.value, context.get().calendar, now.value || context.get().now()),
  );

  /**
   * A string that changes exactly when a query changes: stores reload on it, not on every new `resolved` object
   * the ticking clock produces.
   */
  const queryKey = computed(() => JSON.stringify([resolved.value.reportsQuery, resolved.value.graphRange]));

  /**
   * Picks the first range: persisted, else the host's `initial`, else the default.
   *
   * @param initial The host page's `range` option.
   */
  function initialise(initial?: RangeSelection): void {
    const { persistence, storageKey } = context.get();
    now.value = context.get().now();
    selection.value =
      readPersisted(persistence, storageKey) ??
      (initial && isValidSelection(initial) ? initial : DEFAULT_RANGE);
  }

  /** Selects a range and remembers it. */
  function select(next: RangeSelection): void {
    if (!isValidSelection(next) || sameRange(next, selection.value)) return;
    selection.value = { ...next };
    now.value = context.get().now();
    const { persistence, storageKey } = context.get();
    writePersisted(persistence, storageKey, next);
  }

  /** Moves the clock to now (the dashboard calls it on refresh and every minute). */
  function tick(): void {
    now.value = context.get().now();
  }

  return { selection, resolved, queryKey, initialise, select, tick };
});
