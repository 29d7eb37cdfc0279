/**
 * The host-page module on the example host pages (`examples/`), served from a second origin that passes the REST
 * calls to the reference backend: the ES module build, the auto-mounting script build, and a hostile host
 * stylesheet that must not change how the dashboard looks.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { ReportsResponse } from '../../src/api/types';
import {
  differingPixels,
  expectDashboardFilled,
  expectedNumbers,
  keepScreenshot,
  lastDaysQuery,
  nextReportsAnswer,
  openPage,
  rangeOf,
  selectRange,
  seriousAxeViolations,
  shownNumbers,
  useBackend,
  useBrowser,
  useExamples,
} from './support';

/** Elements of every kind the hostile stylesheet targets, and the properties it forces on them. */
const STYLE_PROBES: Readonly<Record<string, string>> = {
  root: '.br-root',
  section: 'section.br-panel',
  heading: 'h2.br-panel__title',
  button: 'button.br-button',
  select: 'select',
  list: 'ul.br-tiles',
  item: 'li.br-tiles__item',
  paragraph: 'p.br-range-picker__resolved',
  number: '.br-tile__value',
  svg: 'svg',
  canvas: 'canvas',
};
const STYLE_PROPERTIES = [
  'display',
  'color',
  'background-color',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'line-height',
  'letter-spacing',
  'text-transform',
  'text-align',
  'text-shadow',
  'margin-top',
  'padding-top',
  'border-top-width',
  'border-top-style',
  'list-style-type',
  'width',
  'height',
  'cursor',
] as const;

/** The computed styles of the first element of each probe. */
async function probeStyles(dashboard: Locator): Promise<Record<string, Record<string, string>>> {
  const styles: Record<string, Record<string, string>> = {};
  for (const [name, selector] of Object.entries(STYLE_PROBES)) {
    const element = name === 'root' ? dashboard : dashboard.locator(selector).first();
    styles[name] = await element.evaluate(
      (node, properties) =>
        Object.fromEntries(
          properties.map((property) => [property, getComputedStyle(node).getPropertyValue(property)]),
        ),
      STYLE_PROPERTIES,
    );
  }
  return styles;
}

describe('Host-page module on example host pages', () => {
  const now = Date.now();
  const browser = useBrowser();
  const backend = useBackend(now);
  const examples = useExamples(() => ({ backend: backend().origin }));

  it('renders the ES module build with the server numbers, and sends a new range on both requests', async () => {
    const { context, page, errors } = await openPage(browser(), { now });
    const answer = nextReportsAnswer(page);
    await page.goto(`${examples().origin}/examples/host-module.html`);
    const dashboard = page.locator('#booking-reports .br-dashboard');
    const { response, body } = await answer;

    await expectDashboardFilled(dashboard);
    expect(rangeOf(response.request())).toEqual(lastDaysQuery(now, 30).reports);
    expect(await shownNumbers(dashboard)).toEqual(expectedNumbers(body));

    const { reports, graph } = await selectRange(page, dashboard, 'last_7_days');
    expect(rangeOf(reports)).toEqual(lastDaysQuery(now, 7).reports);
    expect(rangeOf(graph)).toEqual(lastDaysQuery(now, 7).graph);
    const newBody = (await (await reports.response())!.json()) as ReportsResponse;
    await expect.poll(() => shownNumbers(dashboard)).toEqual(expectedNumbers(newBody));
    await keepScreenshot(page, 'host-module');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('auto-mounts the script build on [data-booking-reports] with the range its attribute names', async () => {
    const { context, page, errors } = await openPage(browser(), { now });
    const answer = nextReportsAnswer(page);
    const graphRequest = page.waitForRequest((request) => request.url().includes('/reports/graph-reports'));
    await page.goto(`${examples().origin}/examples/host-iife.html`);
    const dashboard = page.locator('[data-booking-reports] .br-dashboard');
    const { response, body } = await answer;

    await expectDashboardFilled(dashboard);
    expect(rangeOf(response.request())).toEqual(lastDaysQuery(now, 7).reports);
    expect(rangeOf(await graphRequest)).toEqual(lastDaysQuery(now, 7).graph);
    expect(await shownNumbers(dashboard)).toEqual(expectedNumbers(body));
    await keepScreenshot(page, 'host-iife');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('looks the same with and without the hostile host stylesheet', async () => {
    const load = async (
      hostile: boolean,
    ): Promise<{ page: Page; dashboard: Locator; close(): Promise<void> }> => {
      const { context, page } = await openPage(browser(), { now });
      if (!hostile) {
        await page.route('**/examples/hostile.css', (route) =>
          route.fulfill({ status: 200, contentType: 'text/css', body: '' }),
        );
      }
      await page.goto(`${examples().origin}/examples/host-module.html`);
      // The stylesheet moves the page's own heading and text, so the dashboard would start at another fraction of a
      // pixel: pin the host element to the same place on both pages, as a host may.
      await page.addStyleTag({
        content:
          '#booking-reports { position: absolute !important; inset: 0 auto auto 0 !important; width: 1200px; }',
      });
      const dashboard = page.locator('#booking-reports .br-dashboard');
      await expectDashboardFilled(dashboard);
      return { page, dashboard, close: () => context.close() };
    };
    const [hostile, plain] = await Promise.all([load(true), load(false)]);
    // The stylesheet does reach the host page: its own heading is restyled.
    await expect(
      hostile.page.locator('h1').evaluate((heading) => getComputedStyle(heading).textTransform),
    ).resolves.toBe('uppercase');

    expect(await probeStyles(hostile.dashboard)).toEqual(await probeStyles(plain.dashboard));
    const [hostileShot, plainShot] = await Promise.all([
      hostile.dashboard.screenshot(),
      plain.dashboard.screenshot(),
    ]);
    expect(await differingPixels(plain.page, hostileShot, plainShot)).toBe(0);

    // The table view too (the stylesheet turns every table into blocks with dashed borders).
    await Promise.all(
      [hostile, plain].map((side) =>
        side.dashboard.locator('.br-graph').getByRole('button', { name: 'Show as table' }).click(),
      ),
    );
    const tables = [hostile, plain].map((side) => side.dashboard.locator('.br-graph table'));
    const tableStyles = await Promise.all(
      tables.map((table) =>
        table.evaluate((element) => {
          const style = getComputedStyle(element);
          return [style.display, style.borderTopStyle, style.borderCollapse, style.paddingTop].join(' ');
        }),
      ),
    );
    expect(tableStyles[0]).toBe(tableStyles[1]);
    const tableShots = await Promise.all(tables.map((table) => table.screenshot()));
    expect(await differingPixels(plain.page, tableShots[0]!, tableShots[1]!)).toBe(0);

    await keepScreenshot(hostile.page, 'host-module-hostile');
    await keepScreenshot(plain.page, 'host-module-plain');
    await Promise.all([hostile.close(), plain.close()]);
  });

  it('has no serious or critical axe-core violations under the hostile stylesheet', async () => {
    const { context, page } = await openPage(browser(), { now });
    await page.goto(`${examples().origin}/examples/host-module.html`);
    await expectDashboardFilled(page.locator('#booking-reports .br-dashboard'));

    expect(await seriousAxeViolations(page, '#booking-reports')).toEqual([]);
    await context.close();
  });
});
