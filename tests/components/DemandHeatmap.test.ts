/** Issue #15, point 4: the demand heatmap as a person and a screen reader meet it. */
import { describe, expect, it } from 'vitest';
import DemandHeatmap from '../../src/components/DemandHeatmap.vue';
import type { HeatmapResponse } from '../../src/api/types';
import de from '../../src/i18n/locales/de_DE.json';
import { buttonNamed, mountWithI18n, plain, seriousAxeViolations } from './mount';

/** Seven weekday rows (Sunday first) of 24 zeros, with `cells` set: `[weekday, hour, count]`. */
function heatmap(...cells: [number, number, number][]): HeatmapResponse {
  const rows = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const [day, hour, count] of cells) rows[day]![hour] = count;
  return { weekday_hours: rows };
}

// Tuesday 10:00–11:00 is the busiest hour; Sunday 23:00 and Monday 0:00 have one each.
const WEEK = heatmap([2, 10, 4], [2, 11, 1], [0, 23, 1], [1, 0, 1], [5, 14, 2]);

function mountHeatmap(props: Partial<InstanceType<typeof DemandHeatmap>['$props']> = {}, locale = 'en') {
  return mountWithI18n(
    DemandHeatmap,
    { response: WEEK, status: 'success', timezone: 'Europe/Berlin', startOfWeek: 1, ...props },
    locale,
    locale === 'de' ? de : undefined,
    true,
  );
}

/** The table's rows as text cells, after switching to it. */
async function tableRows(wrapper: ReturnType<typeof mountHeatmap>): Promise<string[][]> {
  await buttonNamed(wrapper, 'Show as table').trigger('click');
  return wrapper.findAll('tbody tr').map((row) => row.findAll('th, td').map((cell) => plain(cell.text())));
}

describe('DemandHeatmap', () => {
  it('says in words how many bookings it places, in which timezone, and the busiest hour', () => {
    const wrapper = mountHeatmap();
    expect(plain(wrapper.find('.br-heatmap__summary').text())).toBe(
      '9 bookings made in this range, by the weekday and hour their meetings start (Europe/Berlin). ' +
        'Busiest: Tuesday, 10 AM – 11 AM (4).',
    );
    wrapper.unmount();
  });

  it('starts the week on the site’s first day, and its table holds every count with each row’s total', async () => {
    const wrapper = mountHeatmap();
    const rows = await tableRows(wrapper);
    expect(rows.map((row) => row[0])).toEqual([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
      'Sunday',
    ]);
    expect(rows.every((row) => row.length === 26)).toBe(true);
    expect(rows[1]!.slice(11, 13)).toEqual(['4', '1']);
    expect(rows[1]!.at(-1)).toBe('5');
    expect(rows[6]!.slice(-2)).toEqual(['1', '1']);
    expect(wrapper.findAll('thead th').map((cell) => plain(cell.text()))).toEqual(
      expect.arrayContaining(['Weekday', '12 AM', '11 PM', 'Total']),
    );
    expect(wrapper.find('caption').text()).toBe('Bookings by weekday and hour (Europe/Berlin)');
    // The grid is the table's picture: hidden from assistive technology while it shows.
    expect(wrapper.find('.br-heatmap__grid').exists()).toBe(false);
    await buttonNamed(wrapper, 'Show heatmap').trigger('click');
    expect(wrapper.find('.br-heatmap__grid').attributes('aria-hidden')).toBe('true');
    wrapper.unmount();
  });

  it('starts on Sunday for a site whose week does, and reads a start of week it does not know as Monday', async () => {
    const sunday = mountHeatmap({ startOfWeek: 0 });
    expect((await tableRows(sunday))[0]![0]).toBe('Sunday');
    sunday.unmount();
    const odd = mountHeatmap({ startOfWeek: 9 });
    expect((await tableRows(odd))[0]![0]).toBe('Monday');
    odd.unmount();
  });

  it('shades each cell by its share of the busiest hour, and names it on hover', () => {
    const wrapper = mountHeatmap();
    const cells = wrapper.findAll('.br-heatmap__cell');
    expect(cells).toHaveLength(168);
    // Row 2 is Tuesday (Monday first); its 10 AM cell is the busiest, its 11 AM a quarter of it.
    const tuesday = cells.slice(24, 48);
    expect(tuesday[10]!.attributes('style')).toContain('--br-heat: 1');
    expect(tuesday[11]!.attributes('style')).toContain('--br-heat: 0.25');
    expect(tuesday[9]!.attributes('style')).toContain('--br-heat: 0');
    expect(tuesday[10]!.attributes('title')).toBe('Tuesday, 10 AM – 11 AM: 4');
    wrapper.unmount();
  });

  it('says so when no booking was made in the range, and offers no table of zeros', () => {
    const wrapper = mountHeatmap({ response: heatmap() });
    expect(wrapper.find('.br-panel__empty').text()).toBe('No bookings were made in this range.');
    expect(wrapper.findAll('button')).toHaveLength(0);
    wrapper.unmount();
  });

  it('shows its error with a Retry that emits retry', async () => {
    const wrapper = mountHeatmap({ response: null, status: 'error', errorMessage: 'The server is down.' });
    expect(wrapper.find('[role="alert"]').text()).toContain('The server is down.');
    await buttonNamed(wrapper, 'Retry').trigger('click');
    expect(wrapper.emitted('retry')).toHaveLength(1);
    wrapper.unmount();
  });

  it('speaks German, and has no serious axe-core finding in either view', async () => {
    const wrapper = mountHeatmap({}, 'de');
    expect(wrapper.find('h2').text()).toBe('Nachfrage nach Wochentag und Stunde');
    expect(plain(wrapper.find('.br-heatmap__summary').text())).toContain('Dienstag');
    expect(await seriousAxeViolations(wrapper.element)).toEqual([]);
    await buttonNamed(wrapper, 'Als Tabelle anzeigen').trigger('click');
    expect(wrapper.find('table').exists()).toBe(true);
    expect(await seriousAxeViolations(wrapper.element)).toEqual([]);
    wrapper.unmount();
  });
});
