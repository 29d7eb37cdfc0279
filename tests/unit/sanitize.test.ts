import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sanitizeSvg, titleToText } from '../../src/lib/sanitize';
import { activeContent, SVG_PAYLOADS, TEXT_PAYLOADS } from '../components/safety';
import realReports from './api/fixtures/real-site/reports_no_params.json';

/** Renders markup the way `v-html` does, so the test sees what the browser would build. */
function render(markup: string): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = markup;
  return host;
}

const realIcons = realReports.body.overview.map((widget) => widget.icon);

describe('sanitizeSvg', () => {
  it('returns the real site’s icons with every shape, sized by CSS and hidden from assistive technology', () => {
    for (const icon of realIcons) {
      const host = render(sanitizeSvg(icon));
      const svg = host.querySelector('svg')!;
      expect(host.children).toHaveLength(1);
      expect(svg.querySelectorAll('path')).toHaveLength(render(icon).querySelectorAll('path').length);
      expect(svg.getAttribute('viewBox')).toBe('0 0 40 40');
      expect(svg.hasAttribute('width')).toBe(false);
      expect(svg.hasAttribute('height')).toBe(false);
      expect(svg.getAttribute('aria-hidden')).toBe('true');
      expect(svg.getAttribute('focusable')).toBe('false');
    }
  });

  it('returns no focusable part inside the hidden icon', () => {
    const host = render(sanitizeSvg('<svg tabindex="0"><circle tabindex="0" autofocus r="1"/></svg>'));
    expect(host.querySelectorAll('[tabindex], [autofocus]')).toHaveLength(0);
  });

  it('returns a viewBox made from width and height when the server sent none', () => {
    const svg = render(
      sanitizeSvg('<svg width="32" height="16"><rect width="4" height="4"/></svg>'),
    ).firstElementChild!;
    expect(svg.getAttribute('viewBox')).toBe('0 0 32 16');
  });

  it('returns nothing when no drawable svg is left', () => {
    expect(sanitizeSvg('')).toBe('');
    expect(sanitizeSvg('<svg>...</svg>')).toBe('');
    expect(sanitizeSvg('just text')).toBe('');
    expect(sanitizeSvg('<img src=x onerror=alert(1)>')).toBe('');
    expect(sanitizeSvg('<svg><script>alert(1)</script></svg>')).toBe('');
  });

  it('returns the svg out of an HTML wrapper, without the wrapper', () => {
    const host = render(sanitizeSvg('<div onclick="alert(1)"><svg><circle r="1"/></svg></div>'));
    expect(host.children).toHaveLength(1);
    expect(host.firstElementChild!.localName).toBe('svg');
  });

  it('returns drawn text and drops stray text', () => {
    const host = render(sanitizeSvg('<svg>stray<text x="0" y="10">12</text><![CDATA[ more ]]></svg>'));
    expect(host.textContent).toBe('12');
  });

  it('returns only the first root svg, dropping anything beside it', () => {
    const host = render(sanitizeSvg('<b>x</b><svg><circle r="1"/></svg>tail<svg><rect/></svg>'));
    expect(host.children).toHaveLength(1);
    expect(host.firstElementChild!.localName).toBe('svg');
    expect(host.querySelector('circle')).not.toBeNull();
    expect(host.querySelector('rect')).toBeNull();
    expect(host.textContent).toBe('');
  });

  it('returns local references and drops external ones', () => {
    const host = render(
      sanitizeSvg(
        '<svg><defs><linearGradient id="g"/></defs>' +
          '<circle r="1" fill="url(#g)" stroke="url(http://evil.example/x#g)" style="fill:url(&quot;http://evil.example/a&quot;)"/>' +
          '<rect filter="url( #g )" style="fill:u\\72l(http://evil.example/a)"/></svg>',
      ),
    );
    const circle = host.querySelector('circle')!;
    expect(circle.getAttribute('fill')).toBe('url(#g)');
    expect(circle.hasAttribute('stroke')).toBe(false);
    expect(circle.hasAttribute('style')).toBe(false);
    expect(host.querySelector('rect')!.getAttribute('filter')).toBe('url( #g )');
    expect(host.querySelector('rect')!.hasAttribute('style')).toBe(false);
  });

  it.each(SVG_PAYLOADS)('returns markup that builds no active content from %s', (payload) => {
    const output = sanitizeSvg(payload);
    const host = render(output);
    expect(activeContent(host)).toEqual([]);
    expect(output).not.toMatch(/javascript:|onload|onerror|onbegin|evil\.example/i);
    if (output) expect(host.children).toHaveLength(1);
  });

  it('returns safe markup for any mix of SVG and HTML fragments', () => {
    const fragments = [
      ...SVG_PAYLOADS,
      ...TEXT_PAYLOADS,
      '<svg>',
      '</svg>',
      '<circle r="1"/>',
      '<g>',
      '</g>',
      '<style>',
      '</style>',
      '<![CDATA[',
      ']]>',
      '<!--',
      '-->',
      '"',
      "'",
      '>',
      '<p>',
      '<math>',
      '<mtext>',
      '<table>',
      '<noscript>',
      '<template>',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 8 }), (parts) => {
        const output = sanitizeSvg(parts.join(''));
        const host = render(output);
        expect(activeContent(host)).toEqual([]);
        expect(host.children.length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('titleToText', () => {
  it('returns the real site’s HTML titles as text', () => {
    const titles = realReports.body.next_meetings.map((meeting) => titleToText(meeting.title));
    expect(titles).toContain('30 Minute Meeting meeting between Alice Anders and Arjun Nguyen');
    // A deleted event leaves a title that starts with a space.
    expect(titles).toContain('meeting between Carol Chen and Chen Doe');
  });

  it('returns plain titles unchanged', () => {
    expect(titleToText('30 Minute Consultation with Jane Smith')).toBe(
      '30 Minute Consultation with Jane Smith',
    );
  });

  it('returns entities decoded, whitespace collapsed and script content dropped', () => {
    expect(titleToText('  <em>Q&amp;A</em>\n  with   <b>O&#39;Brien</b> ')).toBe("Q&A with O'Brien");
    expect(titleToText('<script>alert(1)</script><img src=x onerror=alert(1)>Talk')).toBe('Talk');
    expect(titleToText('')).toBe('');
  });

  it.each(TEXT_PAYLOADS)('returns text without any tag from %s', (payload) => {
    expect(titleToText(payload)).not.toMatch(/<[a-z]/i);
  });
});
