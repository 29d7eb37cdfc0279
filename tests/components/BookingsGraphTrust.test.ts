/**
 * Issue #11, "Numbers a site admin can trust": what the graph says beside the overview tiles, against our servers
 * and against a real site's captured answers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import type { VueWrapper } from '@vue/test-utils';
import type { GraphResponse } from '../../src/api/types';
import BookingsGraph from '../../src/components/BookingsGraph.vue';
import { I18N_KEY, createI18n } from '../../src/i18n';
import type { RequestStatus } from '../../src/lib/request';
import realSiteOneDay from '../unit/api/fixtures/real-site/graph_one_day.json';

const mounted: VueWrapper[] = [];

type Props = InstanceType<typeof BookingsGraph>['$props'];

function mountGraph(props: Partial<Props> & { response: GraphResponse | null }) {
  const wrapper = mount(BookingsGraph, {
    props: { status: 'success' as RequestStatus, dayCount: 3, rangeLabel: '', ...props },
    global: { provide: { [I18N_KEY]: createI18n('en') } },
    attachTo: document.body,
  });
  mounted.push(wrapper);
  return wrapper;
}

function buttonNamed(wrapper: VueWrapper, name: string) {
  const button = wrapper.findAll('button').find((candidate) => candidate.text().startsWith(name));
  if (!button) throw new Error(`no button "${name}"`);
  return button;
}

function tableRows(wrapper: VueWrapper): string[][] {
  return wrapper.findAll('tbody tr').map((row) => row.findAll('th, td').map((cell) => cell.text()));
}

function series(days: Record<string, number>): GraphResponse {
  return { booked_stats: days, completed_stats: { ...days }, cancelled_stats: { ...days } };
}

afterEach(() => {
  while (mounted.length > 0) mounted.pop()?.unmount();
});

describe('BookingsGraph: one-day ranges (issue #11, point 1)', () => {
  it('says a real site sent no figures for a single day, never "no bookings"', () => {
    const wrapper = mountGraph({
      response: realSiteOneDay.body,
      dayCount: 1,
      shownDays: ['2026-12-01', '2026-12-01'],
    });
    expect(wrapper.text()).toContain(
      'This site sends no graph figures for a single day; the totals above still count it.',
    );
    expect(wrapper.text()).not.toMatch(/no bookings/i);
  });

  it('draws the one day of an answer asked one day longer, without the extra day', async () => {
    // Our servers answer both days asked; a real site answers the first only (it drops the last).
    const wrapper = mountGraph({
      response: series({ '2026-12-01': 4, '2026-12-02': 9 }),
      dayCount: 2,
      shownDays: ['2026-12-01', '2026-12-01'],
    });
    await buttonNamed(wrapper, 'Show as table').trigger('click');
    expect(tableRows(wrapper)).toEqual([['Dec 1', '4', '4', '4']]);
    expect(wrapper.get('caption').text()).toBe('Bookings over time, Dec 1, 2026');
  });
});

describe('BookingsGraph: the range’s last day (issue #11, point 4)', () => {
  it('shows every selected day of our servers’ answer and names exactly those days', async () => {
    const wrapper = mountGraph({
      response: series({ '2025-01-01': 1, '2025-01-02': 2, '2025-01-03': 3, '2025-01-04': 7 }),
      dayCount: 4,
      shownDays: ['2025-01-01', '2025-01-03'],
    });
    expect(wrapper.get('.br-graph__range').text()).toBe('Jan 1, 2025 – Jan 3, 2025');
    expect(wrapper.get('canvas').attributes('aria-label')).toBe(
      'Bookings over time, Jan 1, 2025 – Jan 3, 2025: 6 booked, 6 completed, 6 cancelled.',
    );
    await buttonNamed(wrapper, 'Show as table').trigger('click');
    expect(tableRows(wrapper).map(([period]) => period)).toEqual(['Jan 1', 'Jan 2', 'Jan 3']);
  });

  it('names the days a server actually sent when it left out the last one', () => {
    const wrapper = mountGraph({
      response: series({ '2025-01-01': 1, '2025-01-02': 2 }),
      dayCount: 4,
      shownDays: ['2025-01-01', '2025-01-03'],
    });
    expect(wrapper.get('.br-graph__range').text()).toBe('Jan 1, 2025 – Jan 2, 2025');
  });
});
