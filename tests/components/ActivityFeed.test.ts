import { describe, expect, it } from 'vitest';
import ActivityFeed from '../../src/components/ActivityFeed.vue';
import type { Activity } from '../../src/api/types';
import { activeContent, TEXT_PAYLOADS } from './safety';
import { mountWithI18n, plain } from './mount';
import exampleActivities from '../unit/api/fixtures/examples/activities.json';
import realActivities from '../unit/api/fixtures/real-site/activities.json';

const example = exampleActivities.activities as Activity[];
// The raw capture: `booking_id` as strings, types outside the four styled ones.
const real = realActivities.body.activities as unknown as Activity[];
const EXAMPLE_NOW = Date.parse('2025-01-15T13:30:00Z');
const BOOKING_URL = 'admin.php?page=fluent-booking#/scheduled-events/{id}';

function mountFeed(props: Partial<InstanceType<typeof ActivityFeed>['$props']>, locale?: string) {
  return mountWithI18n(
    ActivityFeed,
    { activities: example, status: 'success', timezone: 'Europe/Berlin', now: EXAMPLE_NOW, ...props },
    locale,
  );
}

const texts = (wrapper: ReturnType<typeof mountFeed>, selector: string) =>
  wrapper.findAll(`li ${selector}`).map((element) => plain(element.text()));

describe('ActivityFeed', () => {
  it('renders a skeleton and a loading status while loading', () => {
    const wrapper = mountFeed({ activities: null, status: 'loading' });
    expect(wrapper.find('[role="status"]').text()).toBe('Loading…');
    expect(wrapper.find('.br-skeleton').exists()).toBe(true);
  });

  it('renders "No activity yet." when there is none', () => {
    const wrapper = mountFeed({ activities: [], status: 'success' });
    expect(wrapper.find('.br-panel__empty').text()).toBe('No activity yet.');
  });

  it('renders the error with a Retry that emits retry', async () => {
    const wrapper = mountFeed({ activities: null, status: 'error', errorMessage: 'Your session expired.' });
    expect(wrapper.find('[role="alert"]').text()).toContain('Your session expired.');
    await wrapper.find('[role="alert"] button').trigger('click');
    expect(wrapper.emitted('retry')).toHaveLength(1);
  });

  it('renders the spec example: type, title, description, relative and absolute time', () => {
    const wrapper = mountFeed({});
    expect(wrapper.find('h2').text()).toBe('Activity');
    expect(wrapper.findAll('ol > li')).toHaveLength(2);
    expect(texts(wrapper, '.br-activity__title')).toEqual([
      'Success: Booking Created',
      'Information: Email Sent',
    ]);
    expect(texts(wrapper, '.br-activity__description')[0]).toBe(
      'New booking created for 30 Minute Consultation',
    );
    expect(texts(wrapper, '.br-activity__time')).toEqual(['3 hours ago', '3 hours ago']);
    expect(texts(wrapper, '.br-activity__absolute')[0]).toBe('Jan 15, 2025, 11:30 AM');
    const time = wrapper.find('time.br-activity__time');
    expect(time.attributes('datetime')).toBe('2025-01-15T10:30:00.000Z');
    expect(plain(time.attributes('title')!)).toBe('Jan 15, 2025, 11:30 AM');
    // No template from the host: no links.
    expect(wrapper.find('a').exists()).toBe(false);
  });

  it('renders each type with its tone, and anything else neutral', () => {
    const types = ['success', 'info', 'error', 'warning', 'activity', 'reject_reason'];
    const activities = types.map((type, id) => ({ ...example[0]!, id, type }));
    const wrapper = mountFeed({ activities });
    expect(wrapper.findAll('li').map((item) => item.classes()[1])).toEqual([
      'br-activity__item--success',
      'br-activity__item--info',
      'br-activity__item--error',
      'br-activity__item--warning',
      'br-activity__item--neutral',
      'br-activity__item--neutral',
    ]);
    expect(wrapper.findAll('li .br-visually-hidden').map((label) => label.text())).toEqual([
      'Success:',
      'Information:',
      'Error:',
      'Warning:',
      'Activity:',
      'Activity:',
    ]);
    const icons = wrapper.findAll('li .br-activity__icon svg');
    expect(icons).toHaveLength(6);
    expect(icons.every((icon) => icon.attributes('aria-hidden') === 'true')).toBe(true);
    expect(new Set(icons.map((icon) => icon.find('path').attributes('d'))).size).toBe(5);
  });

  it('renders the real site’s 100 entries with links built from string booking ids', () => {
    const wrapper = mountFeed({
      activities: real,
      bookingUrl: BOOKING_URL,
      now: Date.parse('2026-11-26T06:04:00Z'),
    });
    expect(wrapper.findAll('ol > li')).toHaveLength(100);
    const first = wrapper.find('li');
    expect(plain(first.find('.br-activity__title').text())).toBe('Error: Meeting Cancelled');
    expect(first.find('.br-activity__time').text()).toBe('3 hours ago');
    const link = first.find('a');
    expect(link.attributes('href')).toBe('admin.php?page=fluent-booking#/scheduled-events/141');
    expect(link.text()).toBe('View booking #141');
    expect(wrapper.findAll('.br-activity__item--neutral').length).toBe(83);
  });

  it('renders at most 100 entries when the server sends 10,000', () => {
    const activities = Array.from({ length: 10_000 }, (_, id) => ({
      ...example[0]!,
      id,
      title: `Entry ${id}`,
    }));
    const wrapper = mountFeed({ activities });
    expect(wrapper.findAll('ol > li')).toHaveLength(100);
    expect(texts(wrapper, '.br-activity__title').at(-1)).toBe('Success: Entry 99');
  });

  it('renders no link for missing or invalid booking ids', () => {
    const ids = [null, 0, -3, 1.5, 'abc', '12abc', ''];
    const activities = ids.map((booking_id, id) => ({ ...example[0]!, id, booking_id }) as Activity);
    const wrapper = mountFeed({ activities, bookingUrl: BOOKING_URL });
    expect(wrapper.findAll('a')).toHaveLength(0);
  });

  it.each([
    'javascript:alert({id})',
    ' JaVaScRiPt:alert({id})',
    'java\tscript:alert({id})',
    'data:text/html,<script>alert({id})</script>',
    'vbscript:msgbox({id})',
  ])('renders no link for the unsafe template %s', (bookingUrl) => {
    const wrapper = mountFeed({ bookingUrl });
    expect(wrapper.findAll('a')).toHaveLength(0);
    expect(activeContent(wrapper.element)).toEqual([]);
  });

  it('renders an absolute https template as a link', () => {
    const wrapper = mountFeed({
      bookingUrl: 'https://site.example/wp-admin/admin.php?page=fb#/bookings/{id}',
    });
    expect(wrapper.find('a').attributes('href')).toBe(
      'https://site.example/wp-admin/admin.php?page=fb#/bookings/1',
    );
  });

  it('renders times in the site timezone and relative times in German', () => {
    const wrapper = mountFeed({ timezone: 'America/New_York' }, 'de_DE');
    expect(texts(wrapper, '.br-activity__absolute')[0]).toBe('15.01.2025, 05:30');
    expect(texts(wrapper, '.br-activity__time')[0]).toBe('vor 3 Stunden');
  });

  it('renders "Unknown time" for a time it cannot read', () => {
    const wrapper = mountFeed({ activities: [{ ...example[0]!, created_at: '15/01/2025' }] });
    expect(texts(wrapper, '.br-activity__time')).toEqual(['Unknown time']);
    expect(wrapper.find('time').exists()).toBe(false);
  });

  it.each(TEXT_PAYLOADS)('renders %s in titles and descriptions as text', (payload) => {
    const activities = [{ ...example[0]!, title: payload, description: payload, type: payload }];
    const wrapper = mountFeed({ activities, bookingUrl: BOOKING_URL });
    expect(activeContent(wrapper.element)).toEqual([]);
    expect(wrapper.find('.br-activity__description').text()).toBe(payload);
  });

  it('isolates the server’s title and description of each entry', () => {
    const activities: Activity[] = [
      { ...example[0]!, title: '15 Minute Intro Call booked', description: 'تم الحجز بواسطة Fatima 15' },
    ];
    const wrapper = mountFeed({ activities }, 'ar');

    expect(wrapper.get('li .br-activity__title bdi').text()).toBe('15 Minute Intro Call booked');
    expect(wrapper.get('li .br-activity__description bdi').text()).toBe('تم الحجز بواسطة Fatima 15');
  });
});
