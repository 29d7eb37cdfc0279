import { describe, expect, it } from 'vitest';
import NextMeetings from '../../src/components/NextMeetings.vue';
import type { NextMeeting } from '../../src/api/types';
import { activeContent, TEXT_PAYLOADS } from './safety';
import { mountWithI18n, plain } from './mount';
import exampleReports from '../unit/api/fixtures/examples/reports.json';
import realReports from '../unit/api/fixtures/real-site/reports_no_params.json';

const exampleMeetings = exampleReports.next_meetings as NextMeeting[];
// The raw capture: HTML titles, `slot: null`, string ids.
const realMeetings = realReports.body.next_meetings as unknown as NextMeeting[];
const EXAMPLE_NOW = Date.parse('2025-01-16T12:00:00Z');
const REAL_NOW = Date.parse('2026-11-27T07:00:00Z');

function mountMeetings(props: Partial<InstanceType<typeof NextMeetings>['$props']>, locale?: string) {
  return mountWithI18n(
    NextMeetings,
    { meetings: exampleMeetings, status: 'success', timezone: 'Europe/Berlin', now: EXAMPLE_NOW, ...props },
    locale,
  );
}

const texts = (wrapper: ReturnType<typeof mountMeetings>, selector: string) =>
  wrapper.findAll(`li ${selector}`).map((element) => plain(element.text()));

describe('NextMeetings', () => {
  it('renders a skeleton and a loading status while loading', () => {
    const wrapper = mountMeetings({ meetings: null, status: 'loading' });
    expect(wrapper.find('[role="status"]').text()).toBe('Loading…');
    expect(wrapper.find('.br-skeleton').exists()).toBe(true);
  });

  it('renders "No upcoming meetings." when there are none', () => {
    const wrapper = mountMeetings({ meetings: [], status: 'success' });
    expect(wrapper.find('.br-panel__empty').text()).toBe('No upcoming meetings.');
  });

  it('renders the error with a Retry that emits retry', async () => {
    const wrapper = mountMeetings({ meetings: null, status: 'error', errorMessage: 'Network error.' });
    expect(wrapper.find('[role="alert"]').text()).toContain('Network error.');
    await wrapper.find('[role="alert"] button').trigger('click');
    expect(wrapper.emitted('retry')).toHaveLength(1);
  });

  it('renders the spec example: title, event, host, time, "in 2 hours" and the group’s guests', () => {
    const wrapper = mountMeetings({});
    expect(wrapper.find('h2').text()).toBe('Next meetings');
    expect(texts(wrapper, '.br-meeting__title')).toEqual(['30 Minute Consultation with Jane Smith']);
    expect(texts(wrapper, '.br-meeting__event')).toEqual(['Event: 30 Minute Consultation']);
    expect(texts(wrapper, '.br-meeting__host')).toEqual(['Host: Host Name']);
    expect(texts(wrapper, '.br-meeting__guests')).toEqual(['5 guests']);
    expect(texts(wrapper, '.br-meeting__start')).toEqual(['Jan 16, 2025, 3:00 PM']);
    expect(texts(wrapper, '.br-meeting__soon')).toEqual(['in 2 hours']);
  });

  it('renders the real site’s HTML titles as text, without their tags', () => {
    const wrapper = mountMeetings({ meetings: realMeetings, now: REAL_NOW });
    expect(texts(wrapper, '.br-meeting__title')).toEqual([
      '30 Minute Meeting meeting between Alice Anders and Arjun Nguyen',
      'meeting between Carol Chen and Chen Doe',
      '30 Minute Meeting meeting between Alice Anders and Mia Müller',
      'Group Workshop meeting between Bob Brown and Fatima Müller',
      "30 Minute Meeting meeting between Alice Anders and Mia O'Brien",
    ]);
    expect(wrapper.find('strong').exists()).toBe(false);
    expect(texts(wrapper, '.br-meeting__soon')[0]).toBe('in 2 hours');
  });

  it('renders the real site’s deleted event (slot null, author "unknown") as "Event deleted" with no host', () => {
    const wrapper = mountMeetings({ meetings: realMeetings, now: REAL_NOW });
    const deleted = wrapper.findAll('li')[1]!;
    expect(deleted.find('.br-meeting__deleted').text()).toBe('Event deleted');
    expect(deleted.find('.br-meeting__host').exists()).toBe(false);
    expect(wrapper.text()).not.toMatch(/unknown/i);
    expect(texts(wrapper, '.br-meeting__host')).toEqual([
      'Host: Alice Anders',
      'Host: Alice Anders',
      'Host: Bob Brown',
      'Host: Alice Anders',
    ]);
  });

  it.each([
    ['{}', {}],
    ['missing', undefined],
  ])('renders a deleted event with slot %s as "Event deleted"', (_case, slot) => {
    const meetings = [{ ...exampleMeetings[0]!, slot, author: { name: 'unknown' } }] as NextMeeting[];
    const wrapper = mountMeetings({ meetings });
    expect(wrapper.find('.br-meeting__deleted').text()).toBe('Event deleted');
    expect(wrapper.find('.br-meeting__event').exists()).toBe(false);
    expect(wrapper.find('.br-meeting__host').exists()).toBe(false);
    expect(wrapper.text()).not.toMatch(/unknown/i);
  });

  it('renders booked_count as the group’s guests and nothing for one-to-one meetings', () => {
    const wrapper = mountMeetings({ meetings: realMeetings, now: REAL_NOW });
    expect(texts(wrapper, '.br-meeting__guests')).toEqual(['2 guests']);
    const single = mountMeetings({ meetings: [{ ...exampleMeetings[0]!, booked_count: 1 }] });
    expect(texts(single, '.br-meeting__guests')).toEqual(['1 guest']);
  });

  it('renders a meeting that already began as "started … ago"', () => {
    const wrapper = mountMeetings({ now: Date.parse('2025-01-16T14:10:00Z') });
    expect(texts(wrapper, '.br-meeting__soon')).toEqual(['started 10 minutes ago']);
  });

  it('renders a title made from the guest when the server sent none', () => {
    const wrapper = mountMeetings({ meetings: [{ ...exampleMeetings[0]!, title: ' <strong></strong> ' }] });
    expect(texts(wrapper, '.br-meeting__title')).toEqual(['Meeting with Jane Smith']);
  });

  it('renders German times and guest counts', () => {
    const wrapper = mountMeetings({ meetings: [{ ...exampleMeetings[0]!, booked_count: 1200 }] }, 'de_DE');
    expect(texts(wrapper, '.br-meeting__start')).toEqual(['16.01.2025, 15:00']);
    expect(texts(wrapper, '.br-meeting__soon')).toEqual(['in 2 Stunden']);
    expect(texts(wrapper, '.br-meeting__guests')).toEqual(['1.200 guests']);
  });

  it.each(TEXT_PAYLOADS)('renders %s in titles, hosts, events and names as text', (payload) => {
    const meetings = [
      {
        ...exampleMeetings[0]!,
        title: `<strong>${payload}</strong> ${payload}`,
        first_name: payload,
        author: { name: payload },
        slot: { id: 1, title: payload },
      },
    ] as NextMeeting[];
    const wrapper = mountMeetings({ meetings });
    expect(activeContent(wrapper.element)).toEqual([]);
    expect(wrapper.find('.br-meeting__host').text()).toBe(`Host: ${payload}`);
  });

  it('isolates every server string, alone or inside a sentence, in both directions', () => {
    const meetings: NextMeeting[] = [
      { ...exampleMeetings[0]!, title: '15 Minute Intro Call with Fatima Schmidt' },
      { ...exampleMeetings[0]!, id: 2, title: '', first_name: 'فاطمة', last_name: 'شميت' },
    ];
    const wrapper = mountMeetings({ meetings }, 'ar');
    const isolated = (selector: string) => wrapper.findAll(`li ${selector} bdi`).map((bdi) => bdi.text());

    expect(isolated('.br-meeting__title')).toEqual([
      '15 Minute Intro Call with Fatima Schmidt',
      'فاطمة شميت',
    ]);
    expect(isolated('.br-meeting__event')).toEqual(['30 Minute Consultation', '30 Minute Consultation']);
    expect(isolated('.br-meeting__host')).toEqual(['Host Name', 'Host Name']);
    // The translated words stay outside the isolation.
    expect(wrapper.findAll('li .br-meeting__host')[0]!.text()).not.toBe('Host Name');
  });
});
