/**
 * The dashboard's panel names, in page order: what a host's `panels` option may list. Apart from the registry
 * (`dashboardPanels.ts`), which needs an entry for each, so that options and server code read them without the
 * components.
 */
export const DASHBOARD_PANELS = ['overview', 'graph', 'heatmap', 'latest', 'next', 'activities'] as const;

/** A panel name. */
export type DashboardPanel = (typeof DASHBOARD_PANELS)[number];

/** Keeps the known panel names of a list (e.g. from a widget's query string), in page order; empty → all. */
export function pickPanels(names: readonly string[] | undefined): DashboardPanel[] {
  const wanted = new Set(names ?? []);
  const picked = DASHBOARD_PANELS.filter((panel) => wanted.has(panel));
  return picked.length > 0 ? picked : [...DASHBOARD_PANELS];
}
