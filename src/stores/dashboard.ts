/**
 * The one load path: which panels are shown, and loading exactly their stores. A range change reloads the shown
 * panels that follow the range; Refresh, auto-refresh, the first view and the host's `refresh()` reload every shown
 * panel after moving the clock. "Updated at" is the age of the oldest data on screen, so it moves only when loads
 * succeed; a refresh that fails leaves the last good data up, marked stale, with one Retry for every failed panel.
 */
import { defineStore } from 'pinia';
import { computed, shallowRef, watch } from 'vue';
import { useServices } from '../app/services';
import { PANEL_REGISTRY } from '../components/dashboardPanels';
import { DASHBOARD_PANELS } from '../components/panelNames';
import type { DashboardPanel } from '../components/panelNames';
import { useFiltersStore } from './filters';
import { useRangeStore } from './range';
import type { DataSource } from './request';
import { useServerStore } from './server';

/** The earliest `loadedAt` of the stores that have data. */
function oldest(sources: readonly DataSource[]): number | undefined {
  const times = sources.flatMap((source) => (source.loadedAt === null ? [] : [source.loadedAt]));
  return times.length > 0 ? Math.min(...times) : undefined;
}

/** The dashboard's panels and their loading. */
export const useDashboardStore = defineStore('dashboard', () => {
  const { clock } = useServices();
  const range = useRangeStore();
  const filters = useFiltersStore();
  const server = useServerStore();
  const panels = shallowRef<readonly DashboardPanel[]>(DASHBOARD_PANELS);
  /** The shown panels the server can feed: one that reads our backend's own endpoint waits for the index to list it. */
  const visiblePanels = computed(() =>
    panels.value.filter((panel) => {
      const needs = PANEL_REGISTRY[panel].needs;
      return needs === undefined || server.offersEndpoint(needs);
    }),
  );

  // Each panel's store, resolved here, in this instance's injection context: later calls (a host's `refresh()`)
  // have none, and two dashboards on one page have two Pinias.
  const sourceOf = Object.fromEntries(
    DASHBOARD_PANELS.map((panel) => [panel, PANEL_REGISTRY[panel].useSource()]),
  ) as Record<DashboardPanel, DataSource>;
  /** The stores of the shown panels, each once (three panels share `/reports`). */
  const sources = computed<DataSource[]>(() => [
    ...new Set(visiblePanels.value.map((panel) => sourceOf[panel])),
  ]);
  const refreshing = computed(() => sources.value.some((source) => source.status === 'loading'));
  /** When the oldest data on screen was asked for, epoch ms; `undefined` while nothing is shown. */
  const lastUpdated = computed(() => oldest(sources.value));
  /** The shown panels' stores whose last request failed. */
  const failed = computed(() => sources.value.filter((source) => source.status === 'error'));
  /** When the data of the failed stores that still show earlier data was asked for; `undefined` when none do. */
  const staleSince = computed(() => oldest(failed.value.filter((source) => source.stale)));

  // The range query the shown range-following panels were last loaded for: a refresh that also moved the range
  // (midnight passed) must not load them twice.
  let loadedKey = '';
  // The filters every shown panel was last loaded with: a change reloads them all, the activity feed too.
  let loadedFilters = '';

  async function load(which: readonly DataSource[]): Promise<void> {
    if (which.some((source) => source.followsRange)) loadedKey = range.queryKey;
    await Promise.all(which.map((source) => source.load()));
  }

  /** Shows these panels (in page order, as given); loads nothing by itself. */
  function show(next: readonly DashboardPanel[]): void {
    panels.value = [...next];
  }

  /** Moves the clock and reloads every shown panel; resolves when all settled. */
  async function refresh(): Promise<void> {
    clock.tick();
    loadedFilters = filters.key;
    await load(sources.value);
  }

  // Opening waits for the server's offers when a filter is remembered; until it loads, nothing else loads either.
  let opening = false;
  let opened = false;
  /**
   * The first view's load: every shown panel, once. The dashboard opens itself when mounted; a host that mounts it
   * may open it just before, so the first requests travel while the first render runs.
   */
  async function open(): Promise<void> {
    if (opening) return;
    opening = true;
    // What the server offers is asked beside the first loads; a remembered filter waits for it, so that the numbers
    // shown are never the unfiltered ones under a filter the server turns out to take.
    const offers = server.read();
    void offers.then(() => filters.loadOptions());
    if (filters.hasChosen) await offers;
    opened = true;
    await refresh();
  }

  /** Reloads every shown panel whose last request failed. */
  async function retryFailed(): Promise<void> {
    clock.tick();
    await load(failed.value);
  }

  /** Aborts every request in flight (the dashboard unmounts). */
  function abort(): void {
    for (const source of sources.value) source.abort();
    filters.abort();
    server.abort();
  }

  watch(
    () => range.queryKey,
    (key) => {
      if (key !== loadedKey) void load(sources.value.filter((source) => source.followsRange));
    },
  );
  watch(
    () => filters.key,
    (key) => {
      if (!opened || key === loadedFilters) return;
      loadedFilters = key;
      void load(sources.value);
    },
  );
  // A panel that appears once the server's index lists its endpoint loads then, if the dashboard is open.
  const offeredPanels = computed(() =>
    visiblePanels.value.filter((panel) => PANEL_REGISTRY[panel].needs !== undefined),
  );
  watch(offeredPanels, (now, before) => {
    const added = now.filter((panel) => !before.includes(panel)).map((panel) => sourceOf[panel]);
    if (opened && added.length > 0) void load(added);
  });

  return {
    panels,
    visiblePanels,
    lastUpdated,
    refreshing,
    failed,
    staleSince,
    show,
    open,
    refresh,
    retryFailed,
    abort,
  };
});
