/** Issue #15, point 2: the host, calendar and event filters, as a person and a screen reader meet them. */
import { describe, expect, it } from 'vitest';
import ReportFilters from '../../src/components/ReportFilters.vue';
import type { FilterParam } from '../../src/api/contract';
import type { FilterOptionsResponse } from '../../src/api/types';
import { activeContent, TEXT_PAYLOADS } from './safety';
import { buttonNamed, mountWithI18n, plain, seriousAxeViolations } from './mount';

const OPTIONS: FilterOptionsResponse = {
  hosts: [
    { id: 1, name: 'Ada Lovelace' },
    { id: 2, name: 'Grace Hopper' },
  ],
  calendars: [
    { id: 10, name: 'Consulting' },
    { id: 11, name: 'Support' },
  ],
  events: [
    { id: 100, name: 'Intro call', calendar_id: 10 },
    { id: 101, name: 'Deep dive', calendar_id: 10 },
    { id: 102, name: 'Ticket review', calendar_id: 11 },
  ],
};
const ALL: readonly FilterParam[] = ['host_id', 'calendar_id', 'event_id'];

function mountFilters(props: Partial<InstanceType<typeof ReportFilters>['$props']> = {}) {
  return mountWithI18n(
    ReportFilters,
    { offered: ALL, chosen: {}, options: OPTIONS, status: 'success', ...props },
    'en',
    undefined,
    true,
  );
}

/** The select a label names, found through the label's `for`, as a screen reader pairs them. */
function selectLabelled(wrapper: ReturnType<typeof mountFilters>, text: string) {
  const label = wrapper.findAll('label').find((candidate) => candidate.text() === text);
  if (!label) throw new Error(`no label "${text}"`);
  return wrapper.find<HTMLSelectElement>(`select[id="${label.attributes('for') ?? ''}"]`);
}

const optionTexts = (select: ReturnType<typeof selectLabelled>) =>
  select.findAll('option').map((option) => plain(option.text()));

describe('ReportFilters', () => {
  it('shows nothing for a server that takes no filter', () => {
    const wrapper = mountFilters({ offered: [] });
    expect(wrapper.html()).toBe('<!--v-if-->');
    wrapper.unmount();
  });

  it('labels a select for each filter the server takes, each starting with "All"', async () => {
    const wrapper = mountFilters();
    expect(wrapper.find('[role="group"]').attributes('aria-label')).toBe('Filters');
    expect(optionTexts(selectLabelled(wrapper, 'Host'))).toEqual([
      'All hosts',
      'Ada Lovelace',
      'Grace Hopper',
    ]);
    expect(optionTexts(selectLabelled(wrapper, 'Calendar'))).toEqual([
      'All calendars',
      'Consulting',
      'Support',
    ]);
    expect(optionTexts(selectLabelled(wrapper, 'Event'))).toEqual([
      'All events',
      'Intro call',
      'Deep dive',
      'Ticket review',
    ]);
    expect(await seriousAxeViolations(wrapper.element)).toEqual([]);
    wrapper.unmount();
  });

  it('offers only the filters the server declares', () => {
    const wrapper = mountFilters({ offered: ['calendar_id'] });
    expect(wrapper.findAll('label').map((label) => label.text())).toEqual(['Calendar']);
    wrapper.unmount();
  });

  it('emits the id chosen, and null for "All"', async () => {
    const wrapper = mountFilters();
    const host = selectLabelled(wrapper, 'Host');
    await host.setValue('2');
    await host.setValue('');
    expect(wrapper.emitted('choose')).toEqual([
      ['host_id', 2],
      ['host_id', null],
    ]);
    wrapper.unmount();
  });

  it('offers the events of the chosen calendar only, and shows what is chosen', () => {
    const wrapper = mountFilters({ chosen: { calendar_id: 11, event_id: 102 } });
    expect(optionTexts(selectLabelled(wrapper, 'Event'))).toEqual(['All events', 'Ticket review']);
    expect(selectLabelled(wrapper, 'Calendar').element.value).toBe('11');
    expect(selectLabelled(wrapper, 'Event').element.value).toBe('102');
    wrapper.unmount();
  });

  it('keeps a chosen id the server no longer lists, shown by its id, never as "All"', () => {
    const wrapper = mountFilters({ chosen: { host_id: 9 }, options: null, status: 'loading' });
    const host = selectLabelled(wrapper, 'Host');
    expect(optionTexts(host)).toEqual(['All hosts', '#9']);
    expect(host.element.value).toBe('9');
    wrapper.unmount();
  });

  it('shows names as text, whatever they hold', () => {
    const wrapper = mountFilters({
      options: {
        hosts: TEXT_PAYLOADS.map((name, index) => ({ id: index + 1, name })),
        calendars: [],
        events: [],
      },
    });
    expect(optionTexts(selectLabelled(wrapper, 'Host')).slice(1)).toEqual([...TEXT_PAYLOADS]);
    expect(activeContent(wrapper.element)).toEqual([]);
    wrapper.unmount();
  });

  it('says when the choices could not be loaded, with a Retry', async () => {
    const wrapper = mountFilters({ options: null, status: 'error' });
    expect(wrapper.find('[role="alert"]').text()).toContain('The filter choices could not be loaded.');
    await buttonNamed(wrapper, 'Retry').trigger('click');
    expect(wrapper.emitted('retry')).toHaveLength(1);
    wrapper.unmount();
  });
});
