import { afterEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import type { VueWrapper } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import ActivityFeed from '../../src/components/ActivityFeed.vue';
import LatestBookings from '../../src/components/LatestBookings.vue';
import NextMeetings from '../../src/components/NextMeetings.vue';
import OverviewTiles from '../../src/components/OverviewTiles.vue';
import type { Activity, BookingSummary, NextMeeting, OverviewWidget } from '../../src/api/types';
import type { RequestStatus } from '../../src/lib/request';
import { createI18n, I18N_KEY } from '../../src/i18n';
import { seriousAxeViolations } from './mount';
import realReports from '../unit/api/fixtures/real-site/reports_no_params.json';
import realActivities from '../unit/api/fixtures/real-site/activities.json';

const NOW = Date.parse('2026-11-26T06:04:00Z');

/** What a panel may show: a request state, or a successful request with nothing in it. */
type Shown = RequestStatus | 'empty';

/** All four panels of this area on one page, as the dashboard lays them out. */
function mountPanels(shown: Shown, locale = 'en') {
  const status: RequestStatus = shown === 'empty' ? 'success' : shown;
  const data = shown === 'success';
  const none = shown === 'empty' ? [] : null;
  const page = defineComponent(
    () => () =>
      h('main', { class: 'br-root' }, [
        h('h1', 'Reports'),
        h(OverviewTiles, {
          widgets: data ? (realReports.body.overview as OverviewWidget[]) : none,
          status,
          comparison: { dayCount: 30 },
          errorMessage: 'Overview failed.',
        }),
        h(LatestBookings, {
          bookings: data ? (realReports.body.latest_books as unknown as BookingSummary[]) : none,
          status,
          timezone: 'Europe/Berlin',
          now: NOW,
        }),
        h(NextMeetings, {
          meetings: data ? (realReports.body.next_meetings as unknown as NextMeeting[]) : none,
          status,
          timezone: 'Europe/Berlin',
          now: NOW,
        }),
        h(ActivityFeed, {
          activities: data ? (realActivities.body.activities as unknown as Activity[]) : none,
          status,
          timezone: 'Europe/Berlin',
          now: NOW,
          bookingUrl: 'admin.php?page=fluent-booking#/scheduled-events/{id}',
        }),
      ]),
  );
  return mount(page, {
    attachTo: document.body,
    global: { provide: { [I18N_KEY as symbol]: createI18n(locale) } },
  });
}

let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
});

// axe-core over four filled panels takes a second or two in jsdom, several on a busy machine.
describe('dashboard panels (tiles and lists)', { timeout: 30_000 }, () => {
  it.each<Shown>(['loading', 'empty', 'error', 'success'])(
    'renders the %s state with no serious or critical axe violation',
    async (shown) => {
      wrapper = mountPanels(shown);
      if (shown === 'empty') expect(wrapper.findAll('.br-panel__empty')).toHaveLength(4);
      expect(wrapper.findAll('section h2')).toHaveLength(4);
      expect(await seriousAxeViolations(wrapper.element)).toEqual([]);
    },
  );

  it('renders Arabic data with no serious or critical axe violation', async () => {
    wrapper = mountPanels('success', 'ar');
    expect(await seriousAxeViolations(wrapper.element)).toEqual([]);
  });
});
