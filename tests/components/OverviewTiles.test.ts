import { describe, expect, it } from 'vitest';
import OverviewTiles from '../../src/components/OverviewTiles.vue';
import type { OverviewWidget } from '../../src/api/types';
import type { JedLocaleData } from '../../src/i18n';
import { activeContent, SVG_PAYLOADS, TEXT_PAYLOADS } from './safety';
import { mountWithI18n, plain } from './mount';
import exampleReports from '../unit/api/fixtures/examples/reports.json';
import realReports from '../unit/api/fixtures/real-site/reports_no_params.json';

const exampleWidgets = exampleReports.overview as OverviewWidget[];
const realWidgets = realReports.body.overview as OverviewWidget[];

function mountTiles(
  props: Partial<InstanceType<typeof OverviewTiles>['$props']>,
  locale?: string,
  jed?: JedLocaleData,
) {
  return mountWithI18n(
    OverviewTiles,
    { widgets: exampleWidgets, status: 'success', comparison: { dayCount: 30 }, ...props },
    locale,
    jed,
  );
}

/** Each tile's texts in reading order, one space apart. */
const tileTexts = (wrapper: ReturnType<typeof mountTiles>) =>
  wrapper.findAll('.br-tile').map((tile) =>
    tile
      .findAll(
        '.br-tile__label, .br-tile__value, .br-badge__arrow, .br-badge__percent, .br-visually-hidden, .br-tile__comparison',
      )
      .map((part) => plain(part.text()))
      .join(' '),
  );

describe('OverviewTiles', () => {
  it('renders four tile skeletons and a loading status while loading', () => {
    const wrapper = mountTiles({ widgets: null, status: 'loading' });
    expect(wrapper.findAll('.br-skeleton--tile')).toHaveLength(4);
    expect(wrapper.find('[role="status"]').text()).toBe('Loading…');
    expect(wrapper.find('.br-tile').exists()).toBe(false);
  });

  it('renders "No overview data." when the widget list is empty', () => {
    const wrapper = mountTiles({ widgets: [], status: 'success' });
    expect(wrapper.text()).toContain('No overview data.');
    expect(wrapper.find('.br-tile').exists()).toBe(false);
  });

  it('renders the error with a Retry that emits retry', async () => {
    const wrapper = mountTiles({
      widgets: null,
      status: 'error',
      errorMessage: 'Sorry, you are not allowed to do that.',
    });
    expect(wrapper.find('[role="alert"]').text()).toContain('Sorry, you are not allowed to do that.');
    await wrapper.find('[role="alert"] button').trigger('click');
    expect(wrapper.emitted('retry')).toHaveLength(1);
  });

  it('renders the spec example: labels, numbers, badges and the previous window', () => {
    const wrapper = mountTiles({});
    expect(wrapper.find('h2').text()).toBe('Overview');
    expect(tileTexts(wrapper)).toEqual([
      'Total Bookings 150 ▲ 12.5% up 12.5% compared with the previous 30 days vs previous 30 days',
      'Completed Bookings 120 ▲ 8.3% up 8.3% compared with the previous 30 days vs previous 30 days',
      'Cancelled Bookings 15 ▼ 5% down 5% compared with the previous 30 days vs previous 30 days',
      'Total Guests 95 — 0% no change compared with the previous 30 days vs previous 30 days',
    ]);
  });

  it('renders badge colours by good news: cancellations going down are green, up red', () => {
    const wrapper = mountTiles({});
    const tones = wrapper.findAll('.br-badge').map((badge) => badge.classes().find((c) => c !== 'br-badge'));
    expect(tones).toEqual(['br-badge--good', 'br-badge--good', 'br-badge--good', 'br-badge--neutral']);

    const moreCancelled = exampleWidgets.map((widget) =>
      widget.period === 'cancelled'
        ? { ...widget, stat: 40 }
        : widget.period === 'all'
          ? { ...widget, stat: -3 }
          : widget,
    );
    const worse = mountTiles({ widgets: moreCancelled });
    const cancelled = worse.find('.br-tile--cancelled');
    expect(cancelled.find('.br-badge').classes()).toContain('br-badge--bad');
    expect(cancelled.find('.br-badge__arrow').text()).toBe('▲');
    expect(worse.find('.br-tile--all .br-badge').classes()).toContain('br-badge--bad');
    expect(worse.find('.br-tile--all .br-badge__arrow').text()).toBe('▼');
  });

  it('renders screen-reader text that names direction, amount and window, with the badge hidden', () => {
    const wrapper = mountTiles({ comparison: { dayCount: 7 } });
    const first = wrapper.find('.br-tile--all');
    expect(first.find('.br-badge').attributes('aria-hidden')).toBe('true');
    expect(first.find('.br-visually-hidden').text()).toBe('up 12.5% compared with the previous 7 days');
    expect(first.find('.br-tile__comparison').text()).toBe('vs previous 7 days');
  });

  it('renders each label as a button named by what it shows and described by number and change', () => {
    const descriptionOf = (wrapper: ReturnType<typeof mountTiles>, selector: string) =>
      wrapper
        .find(`${selector} button`)
        .attributes('aria-describedby')!
        .split(' ')
        .map((id) => plain(wrapper.element.querySelector(`[id="${id}"]`)?.textContent ?? ''))
        .join(' ');
    const known = mountTiles({});
    expect(known.find('.br-tile--all button').text()).toBe('Total Bookings');
    expect(descriptionOf(known, '.br-tile--all')).toBe('150 up 12.5% compared with the previous 30 days');
    const unknownWindow = mountTiles({ comparison: null });
    expect(descriptionOf(unknownWindow, '.br-tile--cancelled')).toBe('15 down 5% Less than last month');
  });

  it('renders "previous day" for a one-day range', () => {
    const wrapper = mountTiles({ comparison: { dayCount: 1 } });
    expect(wrapper.find('.br-tile--cancelled .br-visually-hidden').text()).toBe(
      'down 5% compared with the previous day',
    );
    expect(wrapper.find('.br-tile--cancelled .br-tile__comparison').text()).toBe('vs previous day');
  });

  it('renders the all-time window as the last 30 days against the 30 before', () => {
    const wrapper = mountTiles({ comparison: { dayCount: null } });
    expect(wrapper.find('.br-tile--all .br-visually-hidden').text()).toBe(
      'up 12.5%: last 30 days compared with the 30 days before',
    );
    expect(wrapper.find('.br-tile--guests .br-visually-hidden').text()).toBe(
      'no change: last 30 days compared with the 30 days before',
    );
    expect(wrapper.find('.br-tile--all .br-tile__comparison').text()).toBe(
      'last 30 days vs the 30 days before',
    );
  });

  it('renders the server’s wording only when the window is unknown', () => {
    const wrapper = mountTiles({ comparison: null });
    expect(wrapper.find('.br-tile--all .br-tile__comparison').text()).toBe('More than last month');
    expect(wrapper.find('.br-tile--all .br-visually-hidden').text()).toBe('up 12.5%');
  });

  it('renders built-in icons for the spec’s placeholder icons', () => {
    const wrapper = mountTiles({});
    expect(wrapper.findAll('.br-icon--fallback')).toHaveLength(4);
    expect(wrapper.findAll('.br-icon--server')).toHaveLength(0);
  });

  it('renders the real site: its icons sanitized, float stats, and the guests tile without a period', () => {
    const wrapper = mountTiles({ widgets: realWidgets, comparison: { dayCount: null } });
    expect(wrapper.findAll('.br-icon--server svg')).toHaveLength(4);
    expect(wrapper.findAll('.br-icon--server svg[width]')).toHaveLength(0);
    expect(tileTexts(wrapper)[0]).toBe(
      'Total Bookings 293 ▲ 253.85% up 253.85%: last 30 days compared with the 30 days before last 30 days vs the 30 days before',
    );
    expect(wrapper.find('.br-tile--guests .br-tile__value').text()).toBe('123');
    expect(activeContent(wrapper.element)).toEqual([]);
  });

  it('renders the guests tile by position when the server translated its title', () => {
    const widgets = exampleWidgets.map((widget, index) =>
      index === 3 ? { ...widget, title: 'Gäste insgesamt' } : widget,
    );
    const wrapper = mountTiles({ widgets });
    expect(wrapper.find('.br-tile--guests .br-tile__label').text()).toBe('Total Guests');
  });

  it('renders an unknown extra widget under the server’s title with a built-in icon', async () => {
    const extra: OverviewWidget = {
      title: 'No-shows',
      period: 'no_show',
      number: 4,
      content: 'Less',
      icon: '',
      stat: -50,
    };
    const wrapper = mountTiles({ widgets: [...exampleWidgets, extra] });
    const tile = wrapper.find('.br-tile--widget-4');
    expect(tile.find('.br-tile__label').text()).toBe('No-shows');
    expect(tile.find('.br-icon--fallback').exists()).toBe(true);
    await tile.find('button').trigger('click');
    expect(wrapper.emitted('select')).toEqual([['widget-4']]);
  });

  it('renders one button per tile that emits select with the tile key', async () => {
    const wrapper = mountTiles({});
    const buttons = wrapper.findAll('.br-tile button');
    expect(buttons).toHaveLength(4);
    expect(buttons.every((button) => button.attributes('type') === 'button')).toBe(true);
    await buttons[2]!.trigger('click');
    await buttons[3]!.trigger('click');
    expect(wrapper.emitted('select')).toEqual([['cancelled'], ['guests']]);
  });

  it('renders German numbers and percentages, and labels through the translations', () => {
    const jed: JedLocaleData = {
      locale_data: {
        messages: {
          '': { domain: 'messages', lang: 'de', plural_forms: 'nplurals=2; plural=(n != 1);' },
          'Total Bookings': ['Buchungen gesamt'],
          'up %1$s compared with the previous day': [
            '%1$s mehr als am Vortag',
            '%1$s mehr als in den %2$s Tagen davor',
          ],
        },
      },
    };
    const widgets = exampleWidgets.map((widget, index) =>
      index === 0 ? { ...widget, number: 1234567 } : widget,
    );
    const wrapper = mountTiles({ widgets }, 'de_DE', jed);
    const first = wrapper.find('.br-tile--all');
    expect(first.find('.br-tile__label').text()).toBe('Buchungen gesamt');
    expect(first.find('.br-tile__value').text()).toBe('1.234.567');
    expect(plain(first.find('.br-badge__percent').text())).toBe('12,5 %');
    expect(plain(first.find('.br-visually-hidden').text())).toBe('12,5 % mehr als in den 30 Tagen davor');
  });

  it.each(SVG_PAYLOADS)('renders no active content from the icon %s', (icon) => {
    const widgets = exampleWidgets.map((widget) => ({ ...widget, icon }));
    const wrapper = mountTiles({ widgets });
    expect(activeContent(wrapper.element)).toEqual([]);
    expect(wrapper.findAll('.br-tile')).toHaveLength(4);
  });

  it.each(TEXT_PAYLOADS)('renders the unknown widget title %s as text', (title) => {
    const extra: OverviewWidget = { title, number: 1, content: title, icon: title, stat: 0, period: 'x' };
    const wrapper = mountTiles({ widgets: [extra], comparison: null });
    expect(activeContent(wrapper.element)).toEqual([]);
    expect(wrapper.find('.br-tile__label').text()).toBe(title);
  });
});
