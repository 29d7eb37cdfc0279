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
import { useServices } from '../app/services';
import { readPageParams, readStored, writePageParams, writeStored } from '../lib/remembered';

function readPersisted(persistence: string, storageKey: string): RangeSelection | undefined {
  if (persistence === 'url') return selectionFromQuery(readPageParams());
  if (persistence !== 'storage') return undefined;
  try {
    const stored: unknown = JSON.parse(readStored(storageKey) ?? 'null');
    return isValidSelection(stored) ? stored : undefined;
  } catch {
    // Garbage in storage: the default range is the right answer then.
    return undefined;
  }
}

function writePersisted(persistence: string, storageKey: string, selection: RangeSelection): void {
  if (persistence === 'url')
    writePageParams({ range: null, from: null, to: null, ...selectionToQuery(selection) });
  else if (persistence === 'storage') writeStored(storageKey, JSON.stringify(selection));
}

/** The selected range and its resolution in the site's calendar. */
export const useRangeStore = defineStore('range', () => {
  const { calendar, clock, persistence, storageKey } = useServices();
  const selection = ref<RangeSelection>(DEFAULT_RANGE);

  // Resolved against the instance's clock, so "today" follows midnight when the clock ticks.
  const resolved = computed<ResolvedRange>(() => resolveRange(selection.value, calendar, clock.now.value));

  /**
   * A string that changes exactly when a query changes: the dashboard reloads on it, not on every new `resolved`
   * object the ticking clock produces.
   */
  const queryKey = computed(() => JSON.stringify([resolved.value.reportsQuery, resolved.value.graphRange]));

  /**
   * Picks the first range: persisted, else the host's `initial`, else the default.
   *
   * @param initial The host page's `range` option.
   */
  function initialise(initial?: RangeSelection): void {
    selection.value =
      readPersisted(persistence, storageKey) ??
      (initial && isValidSelection(initial) ? initial : DEFAULT_RANGE);
  }

  /** Selects a range, resolved at the current time, and remembers it. */
  function select(next: RangeSelection): void {
    if (!isValidSelection(next) || sameRange(next, selection.value)) return;
    clock.tick();
    selection.value = { ...next };
    writePersisted(persistence, storageKey, next);
  }

  return { selection, resolved, queryKey, initialise, select };
});
