import { describe, expect, it } from 'vitest';
import LatestBookings from '../../src/components/LatestBookings.vue';
import type { BookingSummary } from '../../src/api/types';
import { activeContent, TEXT_PAYLOADS } from './safety';
import { mountWithI18n, plain } from './mount';
import exampleReports from '../unit/api/fixtures/examples/reports.json';
import realReports from '../unit/api/fixtures/real-site/reports_no_params.json';

const exampleBookings = exampleReports.latest_books as BookingSummary[];
// The raw capture, string ids and all: the panel must cope even before the edge validator coerces anything.
const realBookings = realReports.body.latest_books as unknown as BookingSummary[];
const REAL_NOW = Date.parse('2026-11-25T21:44:22Z');

function mountLatest(props: Partial<InstanceType<typeof LatestBookings>['$props']>, locale?: string) {
  return mountWithI18n(
    LatestBookings,
    { bookings: exampleBookings, status: 'success', timezone: 'Europe/Berlin', now: REAL_NOW, ...props },
    locale,
  );
}

const rowTexts = (wrapper: ReturnType<typeof mountLatest>, selector: string) =>
  wrapper.findAll(`li ${selector}`).map((element) => plain(element.text()));

describe('LatestBookings', () => {
  it('renders a skeleton and a loading status while loading', () => {
    const wrapper = mountLatest({ bookings: null, status: 'loading' });
    expect(wrapper.find('[role="status"]').text()).toBe('Loading…');
    expect(wrapper.find('.br-skeleton').exists()).toBe(true);
    expect(wrapper.find('li').exists()).toBe(false);
  });

  it('renders "No bookings yet." when there are none', () => {
    const wrapper = mountLatest({ bookings: [], status: 'success' });
    expect(wrapper.find('.br-panel__empty').text()).toBe('No bookings yet.');
    expect(wrapper.find('li').exists()).toBe(false);
  });

  it('renders the error with a Retry that emits retry', async () => {
    const wrapper = mountLatest({
      bookings: null,
      status: 'error',
      errorMessage: 'The server answered with an HTML page.',
    });
    expect(wrapper.find('[role="alert"]').text()).toContain('The server answered with an HTML page.');
    await wrapper.find('[role="alert"] button').trigger('click');
    expect(wrapper.emitted('retry')).toHaveLength(1);
  });

  it('renders the spec example: guest, e-mail, status and meeting time in the site timezone', () => {
    const wrapper = mountLatest({});
    expect(wrapper.find('h2').text()).toBe('Latest bookings');
    expect(wrapper.findAll('ul > li')).toHaveLength(1);
    expect(rowTexts(wrapper, '.br-booking__name')).toEqual(['John Doe']);
    expect(rowTexts(wrapper, '.br-booking__email')).toEqual([exampleBookings[0]!.email]);
    expect(rowTexts(wrapper, '.br-status')).toEqual(['Scheduled']);
    expect(rowTexts(wrapper, '.br-booking__start')).toEqual(['Jan 15, 2025, 11:00 AM']);
    expect(wrapper.find('time.br-booking__start').attributes('datetime')).toBe('2025-01-15T10:00:00.000Z');
    // The spec's example has no created_at: no "booked …" line rather than a wrong one.
    expect(wrapper.find('.br-booking__created').exists()).toBe(false);
  });

  it('renders the meeting time of a fixed-offset site', () => {
    const wrapper = mountLatest({ timezone: '+05:30' });
    expect(rowTexts(wrapper, '.br-booking__start')).toEqual(['Jan 15, 2025, 3:30 PM']);
  });

  it('renders the real site’s rows with ISO created_at as "booked … ago"', () => {
    const wrapper = mountLatest({ bookings: realBookings });
    expect(rowTexts(wrapper, '.br-booking__name')).toEqual([
      'Emma Rossi',
      'Ava Silva',
      'Omar Müller',
      'Mia Smith',
      'Lucas Nguyen',
    ]);
    expect(rowTexts(wrapper, '.br-status')).toEqual([
      'Pending',
      'Scheduled',
      'Scheduled',
      'Scheduled',
      'Pending',
    ]);
    expect(rowTexts(wrapper, '.br-booking__created')[0]).toBe('booked 3 hours ago');
    expect(rowTexts(wrapper, '.br-booking__created')[1]).toBe('booked 11 hours ago');
    expect(rowTexts(wrapper, '.br-booking__start')[0]).toBe('Nov 30, 2026, 1:30 PM');
    const created = wrapper.find('time.br-booking__created');
    expect(created.attributes('datetime')).toBe('2026-11-25T18:44:22.000Z');
    expect(plain(created.attributes('title')!)).toBe('Nov 25, 2026, 7:44 PM');
  });

  it('renders status badges with a tone per status and unknown statuses as raw neutral text', () => {
    const statuses = ['completed', 'cancelled', 'no_show', 'waitlisted'];
    const bookings = statuses.map((status, index) => ({ ...exampleBookings[0]!, id: index, status }));
    const wrapper = mountLatest({ bookings });
    expect(rowTexts(wrapper, '.br-status')).toEqual(['Completed', 'Cancelled', 'No-show', 'waitlisted']);
    expect(wrapper.findAll('.br-status').map((badge) => badge.classes()[1])).toEqual([
      'br-status--success',
      'br-status--error',
      'br-status--warning',
      'br-status--neutral',
    ]);
  });

  it('renders "Unnamed guest" for empty names and trims partial ones', () => {
    const bookings = [
      { ...exampleBookings[0]!, id: 1, first_name: ' ', last_name: '' },
      { ...exampleBookings[0]!, id: 2, first_name: '  Ana ', last_name: '' },
    ];
    const wrapper = mountLatest({ bookings });
    expect(rowTexts(wrapper, '.br-booking__name')).toEqual(['Unnamed guest', 'Ana']);
  });

  it('renders German dates and relative times', () => {
    const wrapper = mountLatest({ bookings: realBookings }, 'de_DE');
    expect(rowTexts(wrapper, '.br-booking__start')[0]).toBe('30.11.2026, 13:30');
    expect(rowTexts(wrapper, '.br-booking__created')[0]).toContain('vor 3 Stunden');
  });

  it.each(TEXT_PAYLOADS)('renders %s in names and e-mails as text', (payload) => {
    const bookings = [
      { ...exampleBookings[0]!, first_name: payload, last_name: payload, email: payload, status: payload },
    ];
    const wrapper = mountLatest({ bookings });
    expect(activeContent(wrapper.element)).toEqual([]);
    expect(wrapper.find('.br-booking__email').text()).toBe(payload);
    expect(wrapper.find('.br-status').text()).toBe(payload);
  });

  it('isolates the guest’s name and e-mail, and lets the address break only at its "@" and dots', () => {
    const bookings: BookingSummary[] = [
      {
        ...exampleBookings[0]!,
        first_name: '15',
        last_name: 'Schmidt',
        email: 'fatima.schmidt@mail.example.com',
      },
    ];
    const wrapper = mountLatest({ bookings }, 'ar');
    const email = wrapper.get('li bdi.br-booking__email');

    expect(wrapper.get('li bdi.br-booking__name').text()).toBe('15 Schmidt');
    expect(email.attributes('dir')).toBe('ltr');
    expect(email.text()).toBe('fatima.schmidt@mail.example.com');
    expect(email.findAll('wbr')).toHaveLength(4);
    expect(email.html().replace(/\s+/g, '')).toContain('fatima<wbr>.schmidt<wbr>@mail<wbr>.example<wbr>.com');
  });
});
