/**
 * The one load path: which panels are shown, and loading exactly their stores. A range change reloads the shown
 * panels that follow the range; Refresh, auto-refresh, the first view and the host's `refresh()` reload every shown
 * panel and move the clock and "Updated at".
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { useServices } from '../app/services';
import { PANEL_REGISTRY } from '../components/dashboardPanels';
import { DASHBOARD_PANELS } from '../components/panelNames';
import type { DashboardPanel } from '../components/panelNames';
import { useRangeStore } from './range';
import type { DataSource } from './request';

/** The dashboard's panels and their loading. */
export const useDashboardStore = defineStore('dashboard', () => {
  const { clock } = useServices();
  const range = useRangeStore();
  const panels = shallowRef<readonly DashboardPanel[]>(DASHBOARD_PANELS);
  /** When the last full refresh settled, epoch ms. */
  const lastUpdated = ref<number | undefined>();

  // Each panel's store, resolved here, in this instance's injection context: later calls (a host's `refresh()`)
  // have none, and two dashboards on one page have two Pinias.
  const sourceOf = Object.fromEntries(
    DASHBOARD_PANELS.map((panel) => [panel, PANEL_REGISTRY[panel].useSource()]),
  ) as Record<DashboardPanel, DataSource>;
  /** The stores of the shown panels, each once (three panels share `/reports`). */
  const sources = computed<DataSource[]>(() => [...new Set(panels.value.map((panel) => sourceOf[panel]))]);
  const refreshing = computed(() => sources.value.some((source) => source.status === 'loading'));

  // The range query the shown range-following panels were last loaded for: a refresh that also moved the range
  // (midnight passed) must not load them twice.
  let loadedKey = '';

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
    await load(sources.value);
    lastUpdated.value = clock.tick();
  }

  /** Aborts every request in flight (the dashboard unmounts). */
  function abort(): void {
    for (const source of sources.value) source.abort();
  }

  watch(
    () => range.queryKey,
    (key) => {
      if (key !== loadedKey) void load(sources.value.filter((source) => source.followsRange));
    },
  );

  return { panels, lastUpdated, refreshing, show, refresh, abort };
});
