import { describe, expect, it } from 'vitest';
import OverviewTiles from '../../src/components/OverviewTiles.vue';
import type { OverviewWidget } from '../../src/api/types';
import type { JedLocaleData } from '../../src/i18n';
import { activeContent, SVG_PAYLOADS, TEXT_PAYLOADS } from './safety';
import { mountWithI18n, plain, seriousAxeViolations } from './mount';
import exampleReports from '../unit/api/fixtures/examples/reports.json';
import realReports from '../unit/api/fixtures/real-site/reports_no_params.json';
import realOneDay from '../unit/api/fixtures/real-site/reports_one_day.json';
import deJson from '../../src/i18n/locales/de_DE.json';

const exampleWidgets = exampleReports.overview as OverviewWidget[];
const BOOKINGS_URL = 'admin.php?page=fluent-booking#/scheduled-events';
const realWidgets = realReports.body.overview as OverviewWidget[];
/** The real plugin's one day (2026-12-01): Cancelled 1 with `stat` 5800, against a window that starts in 1970. */
const realDayWidgets = realOneDay.body.overview as OverviewWidget[];
/** The same widgets with other numbers: what the site answers for the comparison window. */
const withNumbers = (widgets: OverviewWidget[], numbers: number[]) =>
  widgets.map((widget, index) => ({ ...widget, number: numbers[index] ?? 0, stat: 1234 }));

function mountTiles(
  props: Partial<InstanceType<typeof OverviewTiles>['$props']>,
  locale?: string,
  jed?: JedLocaleData,
  attach = false,
) {
  return mountWithI18n(
    OverviewTiles,
    { widgets: exampleWidgets, status: 'success', comparison: { dayCount: 30 }, ...props },
    locale,
    jed,
    attach,
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

  it('renders each label as a link named by what it shows and described by number and change', () => {
    const descriptionOf = (wrapper: ReturnType<typeof mountTiles>, selector: string) =>
      wrapper
        .find(`${selector} a`)
        .attributes('aria-describedby')!
        .split(' ')
        .map((id) => plain(wrapper.element.querySelector(`[id="${id}"]`)?.textContent ?? ''))
        .join(' ');
    const known = mountTiles({ bookingsUrl: BOOKINGS_URL });
    expect(known.find('.br-tile--all a').text()).toBe('Total Bookings');
    expect(descriptionOf(known, '.br-tile--all')).toBe('150 up 12.5% compared with the previous 30 days');
    const unknownWindow = mountTiles({ comparison: null, bookingsUrl: BOOKINGS_URL });
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
      title: 'Rescheduled',
      period: 'rescheduled',
      number: 4,
      content: 'Less',
      icon: '',
      stat: -50,
    };
    const wrapper = mountTiles({ widgets: [...exampleWidgets, extra] });
    const tile = wrapper.find('.br-tile--widget-4');
    expect(tile.find('.br-tile__label').text()).toBe('Rescheduled');
    expect(tile.find('.br-tile__value').text()).toBe('4');
    expect(tile.find('.br-badge').text()).toContain('50%');
    expect(tile.find('.br-icon--fallback').exists()).toBe(true);
    // The list does not know what it counts: no help to offer.
    expect(tile.find('.br-tile__help-toggle').exists()).toBe(false);
  });

  // Issue #15, point 3: our backend's fifth widget.
  it('renders the no-show widget as its own tile: translated, with what it counts, its rate, and fewer as good news', async () => {
    const noShows: OverviewWidget = {
      title: 'No-shows',
      period: 'no_show',
      number: 3,
      content: 'Less than last month',
      icon: '',
      stat: -25,
      rate: 9.09,
    };
    const wrapper = mountTiles({ widgets: [...exampleWidgets, noShows] }, 'de_DE', deJson as JedLocaleData);
    const tile = wrapper.get('.br-tile--no_show');
    expect(tile.get('.br-tile__label').text()).toBe('Nicht erschienen');
    expect(tile.get('.br-tile__value').text()).toBe('3');
    expect(plain(tile.get('.br-tile__rate').text())).toBe('9,09 % der beendeten Termine');
    // Fewer no-shows is good news: a downward arrow in green.
    expect(tile.get('.br-badge').classes()).toContain('br-badge--good');
    expect(tile.find('.br-tile__help-toggle').exists()).toBe(true);
    // A screen reader hears the rate after the number and the change, from the tile's link.
    const linked = mountTiles({ widgets: [...exampleWidgets, noShows], bookingsUrl: BOOKINGS_URL });
    const link = linked.get('.br-tile--no_show a');
    const rateId = linked.get('.br-tile--no_show .br-tile__rate').attributes('id');
    expect(link.attributes('aria-describedby')?.split(' ').at(-1)).toBe(rateId);
    // A no-show widget without a rate (another server) shows none.
    const bare = mountTiles({ widgets: [...exampleWidgets, { ...noShows, rate: undefined }] });
    expect(bare.get('.br-tile--no_show').find('.br-tile__rate').exists()).toBe(false);
  });

  it('renders each tile as a link to the bookings list that emits select with the tile key', async () => {
    const wrapper = mountTiles({ bookingsUrl: BOOKINGS_URL });
    const links = wrapper.findAll('.br-tile a');
    expect(links).toHaveLength(4);
    expect(links.every((link) => link.attributes('href') === BOOKINGS_URL)).toBe(true);
    // Out of the iframe widget's frame, into the admin itself.
    expect(links.every((link) => link.attributes('target') === '_top')).toBe(true);
    await links[2]!.trigger('click');
    await links[3]!.trigger('click');
    expect(wrapper.emitted('select')?.map(([key]) => key)).toEqual(['cancelled', 'guests']);
  });

  it('renders plain tiles without a bookings list: no link, no button role, no focus stop but the help', () => {
    const wrapper = mountTiles({});
    const tile = wrapper.find('.br-tile--all');
    expect(tile.find('a').exists()).toBe(false);
    expect(tile.find('[role="button"]').exists()).toBe(false);
    expect(tile.find('[tabindex]').exists()).toBe(false);
    // The only control is the help toggle.
    expect(tile.findAll('button, a, [tabindex]').map((control) => control.classes())).toEqual([
      ['br-tile__help-toggle'],
    ]);
    expect(tile.classes()).not.toContain('br-tile--link');
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

  describe('changes it can stand behind (issue #11)', () => {
    it('computes each change from the comparison window’s numbers, never the real site’s 1970 stat', () => {
      // Yesterday (2026-11-30) had 4 bookings, 2 completed, 1 cancelled, 0 guests.
      const wrapper = mountTiles({
        widgets: realDayWidgets,
        comparison: {
          dayCount: 1,
          previous: { status: 'success', widgets: withNumbers(realDayWidgets, [4, 2, 1, 0]) },
        },
      });
      expect(tileTexts(wrapper)).toEqual([
        'Total Bookings 0 ▼ 100% down 100% compared with the previous day vs previous day',
        'Completed Bookings 1 ▼ 50% down 50% compared with the previous day vs previous day',
        // Not "▲ 5,800 %": one cancellation on each day is no change.
        'Cancelled Bookings 1 — 0% no change compared with the previous day vs previous day',
        'Total Guests 0 — 0% no change compared with the previous day vs previous day',
      ]);
      expect(wrapper.text()).not.toContain('5,800');
    });

    it('shows 0 → n as “new”, not +100 %, and rounds half away from zero as the contract does', () => {
      const wrapper = mountTiles({
        widgets: withNumbers(exampleWidgets, [5, 2, 1, 4]),
        comparison: {
          dayCount: 7,
          previous: { status: 'success', widgets: withNumbers(exampleWidgets, [0, 3, 0, 3]) },
        },
      });
      const all = wrapper.find('.br-tile--all');
      expect(all.find('.br-badge__arrow').text()).toBe('▲');
      expect(all.find('.br-badge__percent').text()).toBe('New');
      expect(all.find('.br-visually-hidden').text()).toBe('new: none in the previous 7 days');
      expect(all.find('.br-badge').classes()).toContain('br-badge--good');
      // More cancellations out of none: new, and bad news.
      expect(wrapper.find('.br-tile--cancelled .br-badge').classes()).toContain('br-badge--bad');
      expect(wrapper.find('.br-tile--completed .br-badge__percent').text()).toBe('33.33%');
      expect(wrapper.find('.br-tile--guests .br-badge__percent').text()).toBe('33.33%');
      // 0 → 0 stays "no change".
      const none = mountTiles({
        widgets: withNumbers(exampleWidgets, [0, 0, 0, 0]),
        comparison: {
          dayCount: 7,
          previous: { status: 'success', widgets: withNumbers(exampleWidgets, [0]) },
        },
      });
      expect(none.find('.br-tile--all .br-visually-hidden').text()).toBe(
        'no change compared with the previous 7 days',
      );
    });

    it('shows no change while the comparison window is on its way, and says when it could not be read', () => {
      const pending = mountTiles({
        widgets: realDayWidgets,
        comparison: { dayCount: 1, previous: { status: 'loading', widgets: null } },
      });
      const cancelled = pending.find('.br-tile--cancelled');
      expect(plain(cancelled.find('.br-badge').text())).toBe('…');
      expect(cancelled.find('.br-visually-hidden').text()).toBe('change not known yet');
      expect(pending.text()).not.toContain('5,800');

      const failed = mountTiles({
        widgets: realDayWidgets,
        comparison: { dayCount: 1, previous: { status: 'error', widgets: null } },
      });
      expect(failed.find('.br-tile--cancelled .br-badge').exists()).toBe(false);
      expect(failed.find('.br-tile--cancelled .br-tile__comparison').text()).toBe('No comparison available');
      expect(failed.find('.br-tile--cancelled .br-visually-hidden').text()).toBe('no comparison available');
    });

    it('shows the server’s stat as it is when the server follows the contract', () => {
      const wrapper = mountTiles({ comparison: { dayCount: 30 } });
      expect(wrapper.find('.br-tile--all .br-badge__percent').text()).toBe('12.5%');
    });
  });

  describe('a range that runs past now (issue #11)', () => {
    it('says that part of today is compared with all of yesterday', () => {
      const wrapper = mountTiles({
        widgets: withNumbers(exampleWidgets, [0, 0, 0, 0]),
        comparison: {
          dayCount: 1,
          partial: true,
          previous: { status: 'success', widgets: withNumbers(exampleWidgets, [6, 2, 1, 5]) },
        },
      });
      const all = wrapper.find('.br-tile--all');
      expect(all.find('.br-tile__comparison').text()).toBe('so far today vs all of yesterday');
      expect(all.find('.br-visually-hidden').text()).toBe(
        'down 100% so far today, compared with all of yesterday',
      );
    });

    it('says so for longer ranges too (this month so far)', () => {
      const wrapper = mountTiles({ comparison: { dayCount: 26, partial: true } });
      const all = wrapper.find('.br-tile--all');
      expect(all.find('.br-tile__comparison').text()).toBe('so far vs all of the previous 26 days');
      expect(all.find('.br-visually-hidden').text()).toBe(
        'up 12.5% so far, compared with all of the previous 26 days',
      );
    });

    it('keeps all time as the contract words it (two whole windows)', () => {
      const wrapper = mountTiles({ comparison: { dayCount: null, partial: true } });
      expect(wrapper.find('.br-tile--all .br-tile__comparison').text()).toBe(
        'last 30 days vs the 30 days before',
      );
    });
  });

  describe('what each tile counts (issue #11)', () => {
    it('has a help toggle per known tile that opens a sentence, by keyboard too', async () => {
      const wrapper = mountTiles({ bookingsUrl: BOOKINGS_URL }, undefined, undefined, true);
      const toggle = wrapper.find('.br-tile--completed .br-tile__help-toggle');
      expect(toggle.element.tagName).toBe('BUTTON');
      expect(toggle.attributes('aria-label')).toBe('What Completed Bookings counts');
      expect(toggle.attributes('aria-expanded')).toBe('false');
      const help = wrapper.find(`[id="${toggle.attributes('aria-controls')}"]`);
      expect(help.isVisible()).toBe(false);

      // A button: Enter and Space click it; the test presses it as the keyboard does.
      (toggle.element as HTMLButtonElement).focus();
      expect(document.activeElement).toBe(toggle.element);
      await toggle.trigger('click');
      expect(toggle.attributes('aria-expanded')).toBe('true');
      expect(help.isVisible()).toBe(true);
      expect(help.text()).toBe(
        'Completed meetings that ended in this period, whenever they were booked, so this can be more than Total Bookings.',
      );
      // Opening the help does not follow the tile's link.
      expect(wrapper.emitted('select')).toBeUndefined();
      expect(wrapper.findAll('.br-tile__help-toggle')).toHaveLength(4);
      expect(await seriousAxeViolations(wrapper.element)).toEqual([]);
      wrapper.unmount();
    });

    it('says what each widget counts, as docs/api-contract.md defines it', async () => {
      const wrapper = mountTiles({});
      for (const toggle of wrapper.findAll('.br-tile__help-toggle')) await toggle.trigger('click');
      expect(wrapper.findAll('.br-tile__help').map((help) => help.text())).toEqual([
        'Bookings made in this period, whatever their status.',
        'Completed meetings that ended in this period, whenever they were booked, so this can be more than Total Bookings.',
        'Cancelled bookings whose meeting was to end in this period, whenever they were booked.',
        'Different guests, counted by e-mail address, among the bookings made in this period.',
      ]);
    });

    it('translates the help into German and Arabic', async () => {
      const { default: de } = await import('../../src/i18n/locales/de_DE.json');
      const { default: ar } = await import('../../src/i18n/locales/ar.json');
      for (const [locale, jed] of [
        ['de_DE', de],
        ['ar', ar],
      ] as const) {
        const wrapper = mountTiles({}, locale, jed as JedLocaleData);
        const toggle = wrapper.find('.br-tile--all .br-tile__help-toggle');
        await toggle.trigger('click');
        expect(wrapper.find('.br-tile--all .br-tile__help').text()).not.toBe(
          'Bookings made in this period, whatever their status.',
        );
        expect(toggle.attributes('aria-label')).not.toContain('What');
      }
    });
  });

  it('names the exact windows it compares on hover and to screen readers (issue #11, point 7)', () => {
    const windows = { range: '20 Nov 2025 – 26 Nov 2025', previous: '13 Nov 2025 – 19 Nov 2025' };
    const wrapper = mountTiles({ comparison: { dayCount: 7, windows } });
    const first = wrapper.find('.br-tile--all');
    const said = '20 Nov 2025 – 26 Nov 2025 compared with 13 Nov 2025 – 19 Nov 2025';

    expect(first.find('.br-tile__comparison').attributes('title')).toBe(said);
    expect(first.findAll('.br-visually-hidden').map((hidden) => hidden.text())).toContain(said);
  });

  it('isolates an unknown widget’s server title and the server’s own comparison wording (issue #11, point 11)', () => {
    const widgets = [
      {
        title: '15 Minute Calls',
        number: 3,
        period: 'calls',
        content: '3 more than 1970',
        icon: '',
        stat: 0,
      },
    ] as unknown as OverviewWidget[];
    const wrapper = mountTiles({ widgets, comparison: null }, 'ar');

    expect(wrapper.find('.br-tile__label bdi').text()).toBe('15 Minute Calls');
    expect(wrapper.find('.br-tile__comparison bdi').text()).toBe('3 more than 1970');
  });
});
