import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import SafeSvgIcon from '../../src/components/SafeSvgIcon.vue';
import { FALLBACK_ICON_PATHS } from '../../src/config/icons';
import { activeContent, SVG_PAYLOADS } from './safety';
import realReports from '../unit/api/fixtures/real-site/reports_no_params.json';

const realIcon = realReports.body.overview[0]!.icon;

describe('SafeSvgIcon', () => {
  it('renders the server’s icon, sanitized, as the only svg', () => {
    const wrapper = mount(SafeSvgIcon, { props: { markup: realIcon, fallback: 'all' } });
    const svgs = wrapper.findAll('svg');
    expect(svgs).toHaveLength(1);
    expect(svgs[0]!.findAll('path')).toHaveLength(2);
    expect(svgs[0]!.attributes('aria-hidden')).toBe('true');
    expect(svgs[0]!.attributes('focusable')).toBe('false');
    expect(svgs[0]!.attributes('width')).toBeUndefined();
    expect(wrapper.attributes('aria-hidden')).toBe('true');
  });

  it.each([
    ['missing', undefined],
    ['null', null],
    ['empty', ''],
    ['the spec’s placeholder', '<svg>...</svg>'],
    ['a script only', '<svg><script>alert(1)</script></svg>'],
    ['not svg', '<img src=x onerror=alert(1)>'],
  ])('renders the built-in icon when the server’s is %s', (_case, markup) => {
    const wrapper = mount(SafeSvgIcon, { props: { markup, fallback: 'cancelled' } });
    expect(wrapper.findAll('svg')).toHaveLength(1);
    expect(wrapper.find('path').attributes('d')).toBe(FALLBACK_ICON_PATHS.cancelled);
    expect(wrapper.find('svg').attributes('stroke')).toBe('currentColor');
    expect(wrapper.find('svg').attributes('focusable')).toBe('false');
    expect(activeContent(wrapper.element)).toEqual([]);
  });

  it('renders a different built-in icon per fallback name', () => {
    const guests = mount(SafeSvgIcon, { props: { fallback: 'guests' } });
    const generic = mount(SafeSvgIcon, { props: { fallback: 'generic' } });
    expect(guests.find('path').attributes('d')).toBe(FALLBACK_ICON_PATHS.guests);
    expect(generic.find('path').attributes('d')).toBe(FALLBACK_ICON_PATHS.generic);
  });

  it.each(SVG_PAYLOADS)('renders no active content from the icon %s', (markup) => {
    const wrapper = mount(SafeSvgIcon, { props: { markup, fallback: 'generic' } });
    expect(activeContent(wrapper.element)).toEqual([]);
    // One root svg: the server's (sanitized) or the built-in one.
    const roots = wrapper.findAll('svg').filter((svg) => svg.element.parentElement?.closest('svg') === null);
    expect(roots).toHaveLength(1);
  });
});
