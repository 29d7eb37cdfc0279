import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import axe from 'axe-core';
import RangePicker from '../../src/components/RangePicker.vue';
import { I18N_KEY, createI18n } from '../../src/i18n';
import type { RangeSelection, ResolvedRange } from '../../src/lib/dates';
import { localToUtcMs } from '../../src/lib/siteTime';

/** 26 Nov 2025, 10:00 in Berlin. */
const NOW = localToUtcMs('2025-11-26 10:00:00', 'Europe/Berlin')!;

function resolved(selection: RangeSelection, startDay: string | null, endDay: string): ResolvedRange {
  return {
    selection,
    startDay,
    endDay,
    reportsQuery: startDay ? { startTime: `${startDay} 00:00:00`, endTime: `${endDay} 23:59:59` } : {},
    graphRange: [startDay ?? endDay, endDay],
    graphDays: [startDay ?? endDay, endDay],
    graphHistory: startDay === null,
    dayCount: null,
  };
}

const LAST_30: RangeSelection = { preset: 'last_30_days' };
const CUSTOM: RangeSelection = { preset: 'custom', from: '2025-11-01', to: '2025-11-30' };

type PickerProps = Partial<InstanceType<typeof RangePicker>['$props']>;

function mountPicker(props: PickerProps = {}, locale = 'en') {
  const selection = props.selection ?? LAST_30;
  return mount(RangePicker, {
    props: {
      selection,
      resolved:
        selection.preset === 'custom'
          ? resolved(selection, selection.from ?? null, selection.to ?? '2025-11-26')
          : resolved(selection, '2025-10-28', '2025-11-26'),
      siteTimezone: 'Europe/Berlin',
      browserTimezone: 'Europe/Berlin',
      autoRefreshMinutes: 0,
      refreshing: false,
      now: NOW,
      ...props,
    },
    global: { provide: { [I18N_KEY]: createI18n(locale) } },
    attachTo: document.body,
  });
}

/** Serious and critical axe-core findings under `element` (contrast needs real layout, which jsdom lacks). */
async function seriousAxeViolations(element: Element): Promise<string[]> {
  const results = await axe.run(element, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`);
}

describe('RangePicker', () => {
  it('renders a labelled preset list with every preset, the selected one chosen', () => {
    const wrapper = mountPicker();
    const select = wrapper.get('select');
    const label = wrapper.get(`label[for="${select.attributes('id')}"]`);
    expect(label.text()).toBe('Date range');
    expect(
      wrapper
        .findAll('select')[0]!
        .findAll('option')
        .map((option) => option.text()),
    ).toEqual([
      'Today',
      'Yesterday',
      'Last 7 days',
      'Last 30 days',
      'This month',
      'Last month',
      'Last 3 months',
      'This year',
      'Last year',
      'All time',
      'Custom range',
    ]);
    expect((select.element as HTMLSelectElement).value).toBe('last_30_days');
    wrapper.unmount();
  });

  it('renders the resolved range in words, described by the preset list', () => {
    const wrapper = mountPicker();
    const select = wrapper.get('select');
    const description = wrapper.get(`#${select.attributes('aria-describedby')}`);
    expect(description.text()).toBe('Oct 28, 2025 – Nov 26, 2025');
    wrapper.unmount();
  });

  it('renders "All time" for a range without a first day, and a single day alone', () => {
    const allTime = mountPicker({ resolved: resolved({ preset: 'all_time' }, null, '2025-11-26') });
    expect(allTime.get('.br-range-picker__resolved').text()).toBe('All time');
    allTime.unmount();
    const today = mountPicker({ resolved: resolved({ preset: 'today' }, '2025-11-26', '2025-11-26') });
    expect(today.get('.br-range-picker__resolved').text()).toBe('Nov 26, 2025');
    today.unmount();
  });

  it('emits the chosen preset', async () => {
    const wrapper = mountPicker();
    await wrapper.get('select').setValue('last_7_days');
    expect(wrapper.emitted('update:selection')).toEqual([[{ preset: 'last_7_days' }]]);
    wrapper.unmount();
  });

  it('emits a custom range of the days on screen when Custom range is chosen', async () => {
    const wrapper = mountPicker();
    await wrapper.get('select').setValue('custom');
    expect(wrapper.emitted('update:selection')).toEqual([
      [{ preset: 'custom', from: '2025-10-28', to: '2025-11-26' }],
    ]);
    wrapper.unmount();
  });

  it('renders no date inputs for a preset', () => {
    const wrapper = mountPicker();
    expect(wrapper.find('input[type="date"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('renders labelled From and To date inputs for a custom range, bounded by each other and today', () => {
    const wrapper = mountPicker({ selection: CUSTOM });
    const [from, to] = wrapper.findAll('input[type="date"]');
    expect(wrapper.get(`label[for="${from!.attributes('id')}"]`).text()).toBe('From');
    expect(wrapper.get(`label[for="${to!.attributes('id')}"]`).text()).toBe('To');
    expect((from!.element as HTMLInputElement).value).toBe('2025-11-01');
    expect((to!.element as HTMLInputElement).value).toBe('2025-11-30');
    expect(from!.attributes('max')).toBe('2025-11-30');
    expect(to!.attributes('min')).toBe('2025-11-01');
    expect(to!.attributes('max')).toBe('2025-11-26');
    wrapper.unmount();
  });

  it('emits a custom pair when a date changes', async () => {
    const wrapper = mountPicker({ selection: CUSTOM });
    await wrapper.findAll('input[type="date"]')[0]!.setValue('2025-11-10');
    expect(wrapper.emitted('update:selection')).toEqual([
      [{ preset: 'custom', from: '2025-11-10', to: '2025-11-30' }],
    ]);
    wrapper.unmount();
  });

  it('emits a reversed pair in order', async () => {
    const wrapper = mountPicker({ selection: CUSTOM });
    await wrapper.findAll('input[type="date"]')[1]!.setValue('2025-10-15');
    expect(wrapper.emitted('update:selection')).toEqual([
      [{ preset: 'custom', from: '2025-10-15', to: '2025-11-01' }],
    ]);
    wrapper.unmount();
  });

  it('emits nothing while a date is empty', async () => {
    const wrapper = mountPicker({ selection: CUSTOM });
    await wrapper.findAll('input[type="date"]')[0]!.setValue('');
    expect(wrapper.emitted('update:selection')).toBeUndefined();
    wrapper.unmount();
  });

  it('renders no timezone note when the browser is in the site timezone', () => {
    const wrapper = mountPicker();
    expect(wrapper.text()).not.toContain('Times shown in');
    wrapper.unmount();
  });

  it('renders "Times shown in Europe/Berlin" when the browser is elsewhere', () => {
    const wrapper = mountPicker({ browserTimezone: 'America/New_York' });
    expect(wrapper.get('.br-range-picker__timezone').text()).toBe('Times shown in Europe/Berlin');
    wrapper.unmount();
  });

  it('renders the note for a fixed-offset site even when a Berlin browser has the same offset today', () => {
    const wrapper = mountPicker({ siteTimezone: '+01:00', browserTimezone: 'Europe/Berlin' });
    expect(wrapper.get('.br-range-picker__timezone').text()).toBe('Times shown in UTC+01:00');
    wrapper.unmount();
  });

  it('renders no note for two spellings of UTC', () => {
    const wrapper = mountPicker({ siteTimezone: '+00:00', browserTimezone: 'Etc/UTC' });
    expect(wrapper.find('.br-range-picker__timezone').exists()).toBe(false);
    wrapper.unmount();
  });

  it('emits refresh when Refresh is clicked', async () => {
    const wrapper = mountPicker();
    const button = wrapper.get('button');
    expect(button.text()).toBe('Refresh');
    expect(button.attributes('type')).toBe('button');
    await button.trigger('click');
    expect(wrapper.emitted('refresh')).toHaveLength(1);
    wrapper.unmount();
  });

  it('renders a busy Refresh button that keeps focus and ignores clicks while refreshing', async () => {
    const wrapper = mountPicker({ refreshing: true });
    const button = wrapper.get('button');
    expect(button.attributes('aria-busy')).toBe('true');
    expect(button.attributes('aria-disabled')).toBe('true');
    expect(button.attributes('disabled')).toBeUndefined();
    await button.trigger('click');
    expect(wrapper.emitted('refresh')).toBeUndefined();
    wrapper.unmount();
  });

  it('renders the auto-refresh choices and emits the chosen minutes as a number', async () => {
    const wrapper = mountPicker();
    const select = wrapper.findAll('select')[1]!;
    expect(wrapper.get(`label[for="${select.attributes('id')}"]`).text()).toBe('Auto-refresh');
    expect(select.findAll('option').map((option) => option.text())).toEqual([
      'Off',
      'Every 1 minute',
      'Every 5 minutes',
      'Every 15 minutes',
    ]);
    await select.setValue('5');
    expect(wrapper.emitted('update:autoRefreshMinutes')).toEqual([[5]]);
    wrapper.unmount();
  });

  it('renders when the data was last loaded, in the site timezone', () => {
    const wrapper = mountPicker({ lastUpdated: NOW });
    expect(wrapper.get('.br-range-picker__updated').text()).toBe('Updated at 10:00 AM');
    wrapper.unmount();
  });

  it('renders dates in German for a German locale', () => {
    const wrapper = mountPicker({ lastUpdated: NOW }, 'de_DE');
    expect(wrapper.get('.br-range-picker__resolved').text()).toBe('28. Okt. 2025 – 26. Nov. 2025');
    expect(wrapper.get('.br-range-picker__updated').text()).toBe('Updated at 10:00');
    wrapper.unmount();
  });

  it('renders presets, custom dates and the timezone note with no serious or critical axe violation', async () => {
    const wrapper = mountPicker({ selection: CUSTOM, browserTimezone: 'Asia/Tokyo', lastUpdated: NOW });
    expect(await seriousAxeViolations(wrapper.element)).toEqual([]);
    wrapper.unmount();
  });
});
